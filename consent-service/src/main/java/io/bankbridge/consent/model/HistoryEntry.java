package io.bankbridge.consent.model;

import io.bankbridge.revocation.contract.Actor;
import java.time.Instant;

/**
 * One line of a consent's append-only history.
 *
 * @param event  {@code CREATED}, {@code AUTHORIZED}, {@code MERGED}, {@code REPLACED}, {@code RENEWED}, {@code NARROWED}, {@code REJECTED},
 *               {@code REVOKED} or {@code EXPIRED}
 * @param actor  who caused it
 * @param detail what people need to know (accounts chosen, reason given), may be null
 */
public record HistoryEntry(Instant at, String event, Actor actor, String detail) {
}
