package io.bankbridge.consent.model;

import java.util.List;

/** A consent together with its history, oldest entry first: what every read of one consent returns. */
public record ConsentWithHistory(Consent consent, List<HistoryEntry> history) {

    public ConsentWithHistory {
        history = List.copyOf(history);
    }
}
