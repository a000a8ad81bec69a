package io.bankbridge.consent;

import io.bankbridge.testsupport.KafkaBrokerResource;
import io.bankbridge.testsupport.PostgresDatabaseResource;
import io.bankbridge.testsupport.TestIssuerResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every test of this module runs against a fresh database of its own on the real PostgreSQL server, a real Kafka
 * broker, the test issuer standing in for token-service (discovery, JWKS, client_credentials, code flow), and
 * {@link AccountDataStandIn} for account-data-service's account listing, and {@link ReceiptSignerStandIn} for
 * token-service's receipt signing.
 */
@WithTestResource(value = PostgresDatabaseResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "bankbridge_consent"))
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestIssuerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = AccountDataStandIn.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ReceiptSignerStandIn.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
