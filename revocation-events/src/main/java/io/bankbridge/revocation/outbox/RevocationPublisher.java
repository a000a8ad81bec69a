package io.bankbridge.revocation.outbox;

import io.bankbridge.revocation.KafkaClientProperties;
import io.bankbridge.revocation.RevocationEventsConfig;
import io.bankbridge.revocation.contract.RevocationEventCodec;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes encoded revocation events to the topic with an idempotent producer and {@code acks=all}.
 * Used by the outbox relay; a service never publishes directly, so a state change and its event cannot part.
 */
@ApplicationScoped
public class RevocationPublisher {

    private final Map<String, Object> kafka;
    private final RevocationEventsConfig config;
    private final String applicationName;
    private Producer<String, String> producer;

    RevocationPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, RevocationEventsConfig config,
                        @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.kafka = kafka;
        this.config = config;
        this.applicationName = applicationName;
    }

    /** Sends one record; the future completes when the broker acknowledged it on all in-sync replicas. */
    public CompletableFuture<RecordMetadata> publish(String key, String cloudEventJson) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        ProducerRecord<String, String> record = new ProducerRecord<>(config.topic(), key, cloudEventJson);
        record.headers().add("content-type", RevocationEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(record, (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            // send() itself throws when the broker cannot be reached for metadata within max.block.ms
            acked.completeExceptionally(e);
        }
        return acked;
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            String clientId = applicationName + "-revocations-" + UUID.randomUUID().toString().substring(0, 8);
            producer = new KafkaProducer<>(KafkaClientProperties.producer(kafka, clientId,
                    config.relay().ackTimeout().toMillis()));
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }
}
