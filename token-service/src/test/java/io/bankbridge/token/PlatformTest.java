package io.bankbridge.token;

import io.bankbridge.testsupport.PlatformChecks;
import io.quarkus.test.junit.QuarkusTest;

/** What an operator relies on (test-support's {@link PlatformChecks}), for token-service. */
@QuarkusTest
class PlatformTest extends PlatformChecks {

    @Override
    protected String apiTitle() {
        return "Bankbridge authorization server";
    }

    @Override
    protected String service() {
        return "token-service";
    }
}
