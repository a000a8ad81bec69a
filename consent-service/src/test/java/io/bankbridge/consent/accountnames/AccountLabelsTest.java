package io.bankbridge.consent.accountnames;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountLabelsTest {

    @Test
    void anAccountIsItsNicknameAndTheLastFourDigitsOfItsNumber() {
        assertThat(AccountLabels.label(new AccountSummary("ACC-1", "CARD", "Everyday Card", "....1234")))
                .isEqualTo("Everyday Card ••••1234");
    }

    @Test
    void aWholeNumberFromTheCoreSystemStillShowsOnlyItsLastFourDigits() {
        assertThat(AccountLabels.label(new AccountSummary("ACC-1", "SAVINGS", "Savings", "9876 5432 1098 7654")))
                .isEqualTo("Savings ••••7654");
    }

    @Test
    void withoutANicknameTheAccountsKindNamesIt() {
        assertThat(AccountLabels.label(new AccountSummary("ACC-1", "CHECKING", " ", "XXXX0042")))
                .isEqualTo("Checking account ••••0042");
        assertThat(AccountLabels.label(new AccountSummary("ACC-1", null, null, null))).isEqualTo("Account");
    }

    @Test
    void anUnlistedAccountGetsTheNeutralNameAndHistoryTextNamesOnlyWholeIds() {
        AccountLabels labels = new AccountLabels(Map.of("ACC-1", "Card ••••1111", "ACC-10", "Savings ••••2222"));
        assertThat(labels.label("ACC-3")).isEqualTo(AccountLabels.UNKNOWN);
        assertThat(labels.inText("Account ACC-1 removed; ACC-10 kept; ACC-3 unlisted; ACC-100 unknown", List.of("ACC-3")))
                .isEqualTo("Account Card ••••1111 removed; Savings ••••2222 kept; " + AccountLabels.UNKNOWN
                        + " unlisted; ACC-100 unknown");
    }
}
