package io.bankbridge.testsupport;

import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Fails a service's test when, during it, a stand-in exchange departed from the provider's published contract
 * ({@link ContractedStandIn}). Registered for every {@code @QuarkusTest} of the services through
 * {@code META-INF/services}.
 */
public final class StandInContractCheck implements QuarkusTestAfterEachCallback {

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        ContractedStandIn.assertKept();
    }
}
