package io.bankbridge.revocation;

import io.bankbridge.testsupport.KafkaBrokerResource;
import io.bankbridge.testsupport.PostgresDatabaseResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** The library's tests run against a fresh database on the real PostgreSQL server and a real Kafka broker. */
@WithTestResource(value = PostgresDatabaseResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "bankbridge_revocations"))
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
