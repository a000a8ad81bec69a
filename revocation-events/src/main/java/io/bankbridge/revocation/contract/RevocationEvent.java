package io.bankbridge.revocation.contract;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One revocation event: a CloudEvents 1.0 envelope (structured mode) around {@link RevocationData}.
 *
 * @param id      CloudEvents {@code id}: unique per event; consumers use it to apply an event once
 * @param source  CloudEvents {@code source}: the service that emitted it, e.g. {@code /bankbridge/consent-service}
 * @param type    CloudEvents {@code type}
 * @param subject CloudEvents {@code subject} and Kafka record key: consent id, or provider id for provider-wide events
 * @param time    CloudEvents {@code time}: when the event was created
 * @param data    the payload
 */
public record RevocationEvent(String id, String source, RevocationEventType type, String subject, Instant time,
                              RevocationData data) {

    public RevocationEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** A new event about a consent (revoked, expired, one of its tokens revoked); subject and key are the consent id. */
    public static RevocationEvent aboutConsent(String source, RevocationEventType type, RevocationData data) {
        if (type.subject() != RevocationEventType.Subject.CONSENT || data.consentId() == null) {
            throw new IllegalArgumentException(type + " needs a consent id");
        }
        return new RevocationEvent(UUID.randomUUID().toString(), source, type, data.consentId(), Instant.now(), data);
    }

    /** A new provider-wide event; subject and key are the provider id. */
    public static RevocationEvent aboutProvider(String source, RevocationEventType type, RevocationData data) {
        if (type.subject() != RevocationEventType.Subject.PROVIDER) {
            throw new IllegalArgumentException(type + " is not provider-wide");
        }
        return new RevocationEvent(UUID.randomUUID().toString(), source, type, data.providerId(), Instant.now(), data);
    }

    /** The Kafka record key. */
    public String key() {
        return subject;
    }
}
