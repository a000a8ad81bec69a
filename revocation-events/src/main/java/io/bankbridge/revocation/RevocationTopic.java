package io.bankbridge.revocation;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the revocation topic when it is missing and this deployment is allowed to. */
public final class RevocationTopic {

    /** Kept at least a week: far beyond any replay window. */
    private static final Duration MIN_RETENTION = Duration.ofDays(7);

    private RevocationTopic() {
    }

    /** Through an admin client of its own, made and closed here: for callers that hold none. */
    public static void ensureExists(Map<String, Object> kafka, RevocationEventsConfig config) {
        if (!config.createTopic()) {
            return;
        }
        try (Admin admin = Admin.create(KafkaClientProperties.admin(kafka))) {
            ensureExists(admin, config);
        }
    }

    public static void ensureExists(Admin admin, RevocationEventsConfig config) {
        if (!config.createTopic()) {
            return;
        }
        try {
            if (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(config.topic())) {
                return;
            }
            long retention = Math.max(MIN_RETENTION.toMillis(), config.consumer().replay().multipliedBy(2).toMillis());
            NewTopic topic = new NewTopic(config.topic(), config.partitions(), config.replicationFactor())
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention)));
            admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            Log.infof("Created topic %s with %d partitions", config.topic(), config.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + config.topic(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while checking topic " + config.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
