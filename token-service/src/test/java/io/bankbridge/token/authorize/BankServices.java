package io.bankbridge.token.authorize;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Points token-service at the in-JVM stand-in for account-data-service and consent-service, for every test. */
@WithTestResource(value = BankServicesStandIn.class, scope = TestResourceScope.GLOBAL)
public final class BankServices {

    private BankServices() {
    }
}
