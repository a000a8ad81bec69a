package io.bankbridge.testsupport;

import io.bankbridge.local.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the application under test at a real Kafka broker: one per test JVM, on free ports with a temporary
 * log directory, started on first use and stopped and deleted when the JVM exits.
 */
public final class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;

    /** The test JVM's broker, started if needed; tests may stop and start it to simulate an outage. */
    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            KafkaBroker started = KafkaBroker.temporary();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            broker = started;
        }
        return broker.start();
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker outlives one application start: other test classes in this JVM use it too.
    }
}
