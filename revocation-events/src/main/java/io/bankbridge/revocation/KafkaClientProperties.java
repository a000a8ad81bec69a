package io.bankbridge.revocation;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Client properties for the revocation clients, built on the application's {@code kafka.*} configuration
 * (bootstrap servers, security) so that one place configures the connection.
 */
public final class KafkaClientProperties {

    private KafkaClientProperties() {
    }

    private static Map<String, Object> connection(Map<String, Object> kafka) {
        Map<String, Object> props = new HashMap<>();
        kafka.forEach((k, v) -> {
            // Only connection-level settings: the application's group id or serializers must not leak in.
            if (k.startsWith("security.") || k.startsWith("ssl.") || k.startsWith("sasl.")
                    || k.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
                props.put(k, v);
            }
        });
        return props;
    }

    public static Map<String, Object> admin(Map<String, Object> kafka) {
        Map<String, Object> props = connection(kafka);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return props;
    }

    /** An admin client that stays open, named so that the broker's logs tell it apart. */
    public static Map<String, Object> admin(Map<String, Object> kafka, String clientId) {
        Map<String, Object> props = admin(kafka);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    public static Map<String, Object> producer(Map<String, Object> kafka, String clientId, long ackTimeoutMs) {
        Map<String, Object> props = connection(kafka);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // A relay must not hang on a missing broker: it leaves the row unsent and tries again.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ackTimeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(ackTimeoutMs, Integer.MAX_VALUE));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(ackTimeoutMs + 1_000, Integer.MAX_VALUE));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    /** No group id: the consumer assigns itself every partition, so every instance sees every event. */
    public static Map<String, Object> broadcastConsumer(Map<String, Object> kafka, String clientId) {
        Map<String, Object> props = connection(kafka);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }
}
