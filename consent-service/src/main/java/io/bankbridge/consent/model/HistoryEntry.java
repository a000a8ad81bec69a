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
 * @param state  what the consent granted once the change that wrote the line was made (what its receipt states);
 *               null for a line not yet written, and for lines recorded before receipts were kept
 */
public record HistoryEntry(Instant at, String event, Actor actor, String detail, GrantState state) {

    /** A line to write; the state is recorded with it. */
    public HistoryEntry(Instant at, String event, Actor actor, String detail) {
        this(at, event, actor, detail, null);
    }

    /** Whether a signed receipt can be made for this line. */
    public boolean hasReceipt() {
        return state != null;
    }
}
