package io.bankbridge.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bankbridge.local.KafkaBroker;
import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.revocation.outbox.RevocationOutbox;
import io.bankbridge.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The subscriber example the README gives the bank's internal teams runs as documented and sees a real event. */
@QuarkusTest
class ExampleSubscriberTest {

    @Inject
    Pool pool;
    @Inject
    RevocationOutbox outbox;

    @Test
    void theDocumentedExampleSubscriberPrintsAProviderSuspension() throws IOException {
        Path output = Files.createTempFile("subscriber", ".out");
        Process subscriber = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", KafkaBroker.libsDir().resolve("*").toString(), "examples/RevocationSubscriber.java",
                KafkaBrokerResource.broker().bootstrapServers())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(output).contains("subscribed to"));
            RevocationEvent event = RevocationEvent.aboutProvider("/bankbridge/revocation-events-test",
                    RevocationEventType.PROVIDER_SUSPENDED,
                    new RevocationData(null, "suspended-provider", null, null, Actor.BANK, "fraud review", Instant.now()));
            pool.withTransaction(tx -> outbox.append(tx, event)).await().atMost(Duration.ofSeconds(10));
            outbox.wakeRelay();

            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(output).contains(event.id()));
            String line = Files.readAllLines(output).stream().filter(l -> l.contains(event.id())).findFirst().orElseThrow();
            assertThat(line).contains("io.bankbridge.provider.suspended.v1", "key=suspended-provider", "actor=BANK");
        } finally {
            subscriber.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }
}
