package io.bankbridge.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bankbridge.consent.model.ConsentStatus;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The transition table, all 25 pairs: only the four documented moves are allowed. */
class ConsentStatusTest {

    @Test
    void onlyTheDocumentedTransitionsAreAllowed() {
        Set<String> allowed = new java.util.TreeSet<>();
        for (ConsentStatus from : ConsentStatus.values()) {
            for (ConsentStatus to : EnumSet.allOf(ConsentStatus.class)) {
                if (from.canBecome(to)) {
                    allowed.add(from + "->" + to);
                }
            }
        }
        assertThat(allowed).containsExactlyInAnyOrder(
                "AWAITING_AUTHORIZATION->AUTHORIZED",
                "AWAITING_AUTHORIZATION->REJECTED",
                "AUTHORIZED->REVOKED",
                "AUTHORIZED->EXPIRED");
    }
}
