package io.bankbridge.accountdata;

import io.bankbridge.testsupport.PlatformChecks;
import io.quarkus.test.junit.QuarkusTest;

/** What an operator relies on (test-support's {@link PlatformChecks}), for account-data-service. */
@QuarkusTest
class PlatformTest extends PlatformChecks {

    @Override
    protected String apiTitle() {
        return "Bankbridge provider data API";
    }

    @Override
    protected String service() {
        return "account-data-service";
    }
}
