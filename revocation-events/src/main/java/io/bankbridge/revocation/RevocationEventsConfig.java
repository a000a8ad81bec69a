package io.bankbridge.revocation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of the revocation topic, the outbox relay and the broadcast consumer ({@code bankbridge.revocations.*}). */
@ConfigMapping(prefix = "bankbridge.revocations")
public interface RevocationEventsConfig {

    /** The topic revocation events are published to and read from. */
    @WithDefault("bankbridge.revocations")
    String topic();

    /** CloudEvents {@code source} of the events this service emits. */
    @WithDefault("/bankbridge/${quarkus.application.name}")
    String source();

    /** Create the topic at start if it is missing (local stack, tests); in Kubernetes the topic is a KafkaTopic resource. */
    @WithDefault("true")
    boolean createTopic();

    /** Partitions of a topic created at start. */
    @WithDefault("3")
    int partitions();

    /** Replication factor of a topic created at start. */
    @WithDefault("1")
    short replicationFactor();

    Consumer consumer();

    Relay relay();

    /** The broadcast consumer every instance runs. */
    interface Consumer {
        /** Whether this service consumes revocation events. */
        @WithDefault("true")
        boolean enabled();

        /**
         * How much history to replay at start before reporting ready; at least the longest access-token lifetime,
         * so that a restarted instance refuses every grant revoked while tokens from it could still be alive.
         */
        @WithDefault("PT15M")
        Duration replay();

        /**
         * Wait before handing an event that failed to the listener again; doubles after each failure up to
         * {@link #retryMaxBackoff()}. An event of a known type is never passed over: the consumer retries it, applies
         * nothing after it, and reports not ready until it applies.
         */
        @WithDefault("PT0.2S")
        Duration retryBackoff();

        /** The longest wait between two attempts to apply the same event. */
        @WithDefault("PT10S")
        Duration retryMaxBackoff();

        /**
         * How old this instance's view of the revocations may be before the services stop trusting it alone: the
         * view is trusted alone while the consumer proved, less than {@code freshness-bound - owner-timeout} ago,
         * that it had applied every partition up to its end offset (a broker round trip that answered). Older than
         * that, account-data-service and token-service ask the owners (consent-service, token-service) instead, so
         * no revoked grant is honoured by any instance for longer than this bound, even while the broker is away.
         *
         * <p>1.5 s: on a healthy cluster a proof lands every quarter of the trusted second plus at most one poll
         * (200 ms) and a round trip of a few milliseconds, well within it, so the fast path stays in use; a larger
         * bound is a longer time a revoked grant may still be honoured during an outage.
         */
        @WithDefault("PT1.5S")
        Duration freshnessBound();

        /**
         * The longest a service waits for a grant's owner while the view is stale; it must be shorter than the
         * bound. The view is trusted alone only while it is younger than {@code freshness-bound - owner-timeout},
         * and an owner's answer is remembered no longer than that either, so a request that arrives later is
         * decided on an owner's answer given after the revocation, within the owner time-out: refused within the
         * bound.
         */
        @WithDefault("PT0.5S")
        Duration ownerTimeout();
    }

    /** The relay that publishes the outbox. */
    interface Relay {
        /** Whether this service has an outbox to relay. */
        @WithDefault("false")
        boolean enabled();

        /** How often the relay looks for rows written by other instances (rows written here wake it at once). */
        @WithDefault("PT0.2S")
        Duration pollInterval();

        /** Rows published per transaction. */
        @WithDefault("100")
        int batchSize();

        /** How long the relay waits for the broker's acknowledgement before it leaves a row for the next attempt. */
        @WithDefault("PT10S")
        Duration ackTimeout();

        /**
         * How long a sent row stays in the outbox (to look into a delivery) before the relay deletes it. Unsent rows
         * are never deleted, however old.
         */
        @WithDefault("P1D")
        Duration sentRetention();

        /** How often the relay deletes sent rows older than {@link #sentRetention()}. */
        @WithDefault("PT1M")
        Duration pruneInterval();

        /** Rows deleted per statement; after a full batch the next one follows at the relay's next turn. */
        @WithDefault("500")
        int pruneBatchSize();
    }
}
