package io.bankbridge.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker's own share of a fan-out, measured on the stack's broker while nothing else runs: one record at a time,
 * sent as the outbox relay sends (acks=all, idempotent, no linger) and read by a consumer that assigns itself every
 * partition, as each instance does. Whatever the fan-out takes beyond it is the services' (and the machine's) time.
 */
record BrokerFloor(String conditions, double[] acknowledged, double[] read) {

    private static final String TOPIC = "bankbridge.bench.broker-floor";

    /** Sends {@code warmUp} uncounted records, then {@code count} counted, one every {@code gap}. */
    static BrokerFloor measure(String bootstrapServers, int warmUp, int count, Duration gap) throws Exception {
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<Integer, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        try (Producer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(TOPIC, "created", "-1")).get(30, TimeUnit.SECONDS); // creates the topic
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (Consumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
                    List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                            .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToEnd(partitions);
                    partitions.forEach(consumer::position);
                    receivedAt.put(-1, System.nanoTime()); // positioned: what is sent from now on is read
                    while (reading.get()) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                            receivedAt.put(Integer.parseInt(r.value()), System.nanoTime());
                        }
                    }
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!receivedAt.containsKey(-1) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            double[] acknowledged = new double[count];
            double[] read = new double[count];
            for (int i = 0; i < warmUp + count; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, Integer.toString(i))).get(30, TimeUnit.SECONDS);
                long acked = System.nanoTime();
                long until = acked + Duration.ofSeconds(30).toNanos();
                while (!receivedAt.containsKey(i)) {
                    if (System.nanoTime() > until) {
                        throw new IllegalStateException("record " + i + " not read within 30 s");
                    }
                    LockSupport.parkNanos(50_000);
                }
                if (i >= warmUp) {
                    acknowledged[i - warmUp] = (acked - sent) / 1e6;
                    read[i - warmUp] = (receivedAt.get(i) - sent) / 1e6;
                }
                Thread.sleep(gap.toMillis());
            }
            reading.set(false);
            reader.join(Duration.ofSeconds(5));
            return new BrokerFloor(String.format("%d records one every %d ms after %d uncounted", count, gap.toMillis(),
                    warmUp), acknowledged, read);
        }
    }

    void print() {
        System.out.println("the broker alone, before the run (" + conditions + "), sent as the relay sends and read as an "
                + "instance reads:");
        LatencyRun.printFigures("sent -> acknowledged", acknowledged);
        LatencyRun.printFigures("sent -> read", read);
    }
}
