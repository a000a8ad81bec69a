package io.bankbridge.revocation.outbox;

import java.time.Instant;
import java.util.UUID;

/** One outbox row as the relay sends it: the event's id, its record key, its encoded envelope, and when it was written. */
record OutgoingEvent(UUID id, String key, String payload, Instant writtenAt) {
}
