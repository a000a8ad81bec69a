package io.bankbridge.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the application under test at the JVM's {@link TestIssuer}: {@code bankbridge.token-service.url},
 * {@code quarkus.oidc.auth-server-url} and the internal clients' secrets
 * ({@code BANKBRIDGE_INTERNAL_SECRET_CONSENT_SERVICE}, {@code BANKBRIDGE_INTERNAL_SECRET_ACCOUNT_DATA_SERVICE},
 * {@code BANKBRIDGE_SECURITY_CENTER_SECRET}).
 */
public final class TestIssuerResource implements QuarkusTestResourceLifecycleManager {

    private static TestIssuer issuer;

    /** The test JVM's issuer, started on first use. */
    public static synchronized TestIssuer issuer() {
        if (issuer == null) {
            TestIssuer started = TestIssuer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            issuer = started;
        }
        return issuer;
    }

    @Override
    public Map<String, String> start() {
        TestIssuer i = issuer();
        Map<String, String> config = new HashMap<>();
        config.put("bankbridge.token-service.url", i.url());
        config.put("quarkus.oidc.auth-server-url", i.url());
        config.put("BANKBRIDGE_INTERNAL_SECRET_CONSENT_SERVICE", i.internalSecret("consent-service"));
        config.put("BANKBRIDGE_INTERNAL_SECRET_ACCOUNT_DATA_SERVICE", i.internalSecret("account-data-service"));
        config.put("BANKBRIDGE_SECURITY_CENTER_SECRET", i.internalSecret("security-center"));
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped at exit
    }
}
