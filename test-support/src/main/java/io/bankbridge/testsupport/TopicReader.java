package io.bankbridge.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic the way an outside subscriber would: a plain Kafka consumer, no group, every partition from the
 * beginning. For tests that check what a service really published.
 */
public final class TopicReader {

    private TopicReader() {
    }

    /** Every record currently on the topic (waits up to {@code timeout} for the topic to exist). */
    public static List<ConsumerRecord<String, String>> readAll(String topic, Duration timeout) {
        return awaitRecords(topic, records -> true, timeout);
    }

    /**
     * Polls until the records read so far satisfy {@code condition} or {@code timeout} passes; returns what was
     * read either way, so the caller's assertion shows what was there.
     */
    public static List<ConsumerRecord<String, String>> awaitRecords(String topic,
            Predicate<List<ConsumerRecord<String, String>>> condition, Duration timeout) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                partitions = infos == null ? List.of() : infos.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
                if (partitions.isEmpty() && Instant.now().isAfter(deadline)) {
                    return records;
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (true) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                boolean atEnd = partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
                if (atEnd && condition.test(records)) {
                    return records;
                }
                if (Instant.now().isAfter(deadline)) {
                    return records;
                }
            }
        }
    }
}
