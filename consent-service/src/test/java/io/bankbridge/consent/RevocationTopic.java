package io.bankbridge.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventCodec;
import io.bankbridge.testsupport.KafkaBrokerResource;
import io.bankbridge.testsupport.TopicReader;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** The revocation topic as an outside subscriber sees it, and the outbox rows behind it. */
final class RevocationTopic {

    static final String TOPIC = "bankbridge.revocations";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RevocationTopic() {
    }

    /** Waits until at least {@code count} records keyed {@code key} are on the topic; returns all records with that key. */
    static List<ConsumerRecord<String, String>> awaitRecords(String key, int count) {
        return TopicReader.awaitRecords(TOPIC, records -> withKey(records, key).size() >= count, Duration.ofSeconds(60))
                .stream().filter(r -> key.equals(r.key())).toList();
    }

    /** Waits until every key has at least one record on the topic; returns how many records each key has. */
    static Map<String, Long> awaitKeys(Collection<String> keys) {
        Map<String, Long> counts = new HashMap<>();
        keys.forEach(k -> counts.put(k, 0L));
        TopicReader.awaitRecords(TOPIC, records -> records.stream().map(ConsumerRecord::key).collect(Collectors.toSet())
                        .containsAll(keys), Duration.ofSeconds(60))
                .stream().filter(r -> counts.containsKey(r.key())).forEach(r -> counts.merge(r.key(), 1L, Long::sum));
        return counts;
    }

    /** Every record keyed {@code key} on the topic right now. */
    static List<ConsumerRecord<String, String>> records(String key) {
        return withKey(TopicReader.readAll(TOPIC, Duration.ofSeconds(30)), key);
    }

    private static List<ConsumerRecord<String, String>> withKey(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    static JsonNode envelope(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes an event as another service would (its own outbox relay), straight to the broker. */
    static void publish(RevocationEvent event) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(TOPIC, event.key(), RevocationEventCodec.encode(event))).get(30, TimeUnit.SECONDS);
        }
    }

    /** Outbox rows for {@code key} that the relay has not published yet. */
    static long unsentRows(Pool pool, String key) {
        return pool.preparedQuery("SELECT count(*) FROM revocation_outbox WHERE event_key = $1 AND sent_at IS NULL")
                .execute(Tuple.of(key)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    /** Outbox rows for {@code key}, sent or not. */
    static long rows(Pool pool, String key) {
        return pool.preparedQuery("SELECT count(*) FROM revocation_outbox WHERE event_key = $1")
                .execute(Tuple.of(key)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
