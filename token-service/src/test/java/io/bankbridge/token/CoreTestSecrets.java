package io.bankbridge.token;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Secrets the tests generate for themselves (never in the repository): the configured clients' secrets and the
 * admin credential, handed to the application as configuration and to the tests through these constants.
 */
@WithTestResource(value = CoreTestSecrets.class, scope = TestResourceScope.GLOBAL)
public final class CoreTestSecrets implements QuarkusTestResourceLifecycleManager {

    public static final String CONSENT_SERVICE = random();
    public static final String ACCOUNT_DATA_SERVICE = random();
    public static final String SECURITY_CENTER = random();
    public static final String CORE_BANKING = random();
    public static final String ADMIN = random();
    /** AES-256 key encrypting the signing keys at rest: the production profile refuses to start without one. */
    public static final String SIGNING_ENCRYPTION_KEY = Base64.getEncoder().encodeToString(randomBytes(32));
    /** Not a secret, but what a test against the packaged application must know to start the Security Center's sign-in. */
    public static final String SECURITY_CENTER_CALLBACK = "https://security-center.bankbridge.test/callback";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "bankbridge.clients.consent-service.secret", CONSENT_SERVICE,
                "bankbridge.clients.account-data-service.secret", ACCOUNT_DATA_SERVICE,
                "bankbridge.clients.security-center.secret", SECURITY_CENTER,
                "bankbridge.clients.core-banking.secret", CORE_BANKING,
                "bankbridge.admin.secret", ADMIN,
                "bankbridge.signing.encryption-key", SIGNING_ENCRYPTION_KEY,
                "bankbridge.clients.security-center.redirect-uri", SECURITY_CENTER_CALLBACK);
    }

    @Override
    public void stop() {
    }

    private static String random() {
        return HexFormat.of().formatHex(randomBytes(24));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
