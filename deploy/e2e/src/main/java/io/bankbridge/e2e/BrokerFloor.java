package io.bankbridge.e2e;

import io.bankbridge.revocation.KafkaClientProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The broker's own share of a fan-out, measured on the stack's broker while nothing else runs: one record at a time,
 * sent with the outbox relay's producer settings and read with an instance's broadcast-consumer settings (both from
 * {@link KafkaClientProperties}). Whatever the fan-out takes beyond it is the services' (and the machine's) time.
 */
record BrokerFloor(String conditions, double[] acknowledged, double[] read) {

    private static final String TOPIC = "bankbridge.bench.broker-floor";

    /** Sends {@code warmUp} uncounted records, then {@code count} counted, one every {@code gap}. */
    static BrokerFloor measure(String bootstrapServers, int warmUp, int count, Duration gap) throws Exception {
        Map<String, Object> connection = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Map<Integer, Long> receivedAt = new ConcurrentHashMap<>();
        CountDownLatch positioned = new CountDownLatch(1);
        AtomicBoolean reading = new AtomicBoolean(true);
        try (Producer<String, String> producer = new KafkaProducer<>(
                KafkaClientProperties.producer(connection, "bench-broker-floor", Duration.ofSeconds(10).toMillis()))) {
            producer.send(new ProducerRecord<>(TOPIC, "created", "created")).get(30, TimeUnit.SECONDS); // creates the topic
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (Consumer<String, String> consumer = new KafkaConsumer<>(
                        KafkaClientProperties.broadcastConsumer(connection, "bench-broker-floor"))) {
                    List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                            .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToEnd(partitions);
                    partitions.forEach(consumer::position);
                    positioned.countDown(); // what is sent from now on is read
                    while (reading.get()) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                            receivedAt.put(Integer.parseInt(r.value()), System.nanoTime());
                        }
                    }
                }
            });
            if (!positioned.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the broker-floor consumer was not positioned within 30 s");
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
