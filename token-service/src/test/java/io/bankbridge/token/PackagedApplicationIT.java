package io.bankbridge.token;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same operator-facing checks against the packaged application (target/quarkus-app) started as its own
 * process in the production profile, so the production configuration is exercised.
 */
@QuarkusIntegrationTest
class PackagedApplicationIT extends PlatformTest {
}
