package io.bankbridge.consent.securitycenter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** History lines, written with codes and ISO instants, read in plain words on the Security Center's pages. */
class DisplayExtensionsTest {

    @Test
    void dataClusterCodesAndInstantsReadAsLabelsAndDates() {
        assertThat(DisplayExtensions.inWords("Now ACCOUNT_BASIC, TRANSACTIONS for accounts ACC-1"))
                .isEqualTo("Now Account names and types, Transactions for accounts ACC-1");
        assertThat(DisplayExtensions.inWords("Authorized again for 90 days, until 2027-03-02T05:04:03.123456Z"))
                .isEqualTo("Authorized again for 90 days, until 2 Mar 2027, 05:04 UTC");
        assertThat(DisplayExtensions.inWords("Data cluster CUSTOMER_CONTACT removed by the customer"))
                .isEqualTo("Contact details removed by the customer");
    }

    @Test
    void textWithoutCodesIsLeftAsItIs() {
        assertThat(DisplayExtensions.inWords("customer revoked in the Security Center"))
                .isEqualTo("customer revoked in the Security Center");
        assertThat(DisplayExtensions.inWords("not a date 2027-13-45T99:99Z")).isEqualTo("not a date 2027-13-45T99:99Z");
        assertThat(DisplayExtensions.inWords(null)).isNull();
    }
}
