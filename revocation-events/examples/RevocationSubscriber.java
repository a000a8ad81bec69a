import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How a service of the bank subscribes to Bankbridge revocations with nothing but the Kafka client and a JSON
 * parser: every partition, no consumer group (so every instance sees every event), replaying a window of history
 * at start, skipping what it does not understand.
 *
 * Run (with the local stack up):
 *   java -cp "deploy/local/target/kafka/libs/*" revocation-events/examples/RevocationSubscriber.java 127.0.0.1:9092
 * Arguments: bootstrap servers [topic] [replay minutes]. Prints one line per event.
 */
public class RevocationSubscriber {

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        String topic = args.length > 1 ? args[1] : "bankbridge.revocations";
        Duration replay = Duration.ofMinutes(args.length > 2 ? Long.parseLong(args[2]) : 15);

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        ObjectMapper json = new ObjectMapper();

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            long from = Instant.now().minus(replay).toEpochMilli();
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(
                    partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> from)));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            partitions.forEach(tp -> consumer.seek(tp, start.get(tp) == null ? end.get(tp) : start.get(tp).offset()));
            System.out.println("subscribed to " + topic + " (" + partitions.size() + " partitions), replaying " + replay);

            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        JsonNode event = json.readTree(record.value());
                        String type = event.path("type").asText();
                        if (!type.startsWith("io.bankbridge.")) {
                            continue; // not ours: skip, never stop
                        }
                        JsonNode data = event.path("data");
                        System.out.printf("%s %s key=%s consent=%s provider=%s actor=%s id=%s%n", event.path("time").asText(),
                                type, record.key(), data.path("consentId").asText("-"), data.path("providerId").asText("-"),
                                data.path("actor").asText("-"), event.path("id").asText());
                        System.out.flush();
                    } catch (Exception e) {
                        System.err.println("skipped unreadable record at " + record.partition() + "@" + record.offset());
                    }
                }
            }
        }
    }
}
