package io.bankbridge.contract.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DataClusterTest {

    @Test
    void everyClusterIsNamedOnTheWireAsItsConstant() {
        assertThat(DataCluster.wireNames()).containsExactly("ACCOUNT_BASIC", "ACCOUNT_DETAILED", "ACCOUNT_PAYMENTS",
                "TRANSACTIONS", "CUSTOMER_CONTACT", "CUSTOMER_PERSONAL");
        Arrays.stream(DataCluster.values()).forEach(c -> assertThat(c.wireName()).isEqualTo(c.name()));
    }

    @Test
    void thePatternOfAllNamesMatchesEachClusterAndNothingElse() {
        assertThat(String.join("|", DataCluster.wireNames())).isEqualTo(DataCluster.Names.ANY);
        DataCluster.wireNames().forEach(name -> assertThat(name.matches(DataCluster.Names.ANY)).isTrue());
        assertThat(List.of("EVERYTHING", "account_basic", "ACCOUNT_BASIC|TRANSACTIONS", ""))
                .noneMatch(name -> name.matches(DataCluster.Names.ANY));
    }

    /** JSON Schema finds a pattern anywhere in a value: the published pattern holds only when anchored. */
    @Test
    void theAnchoredPatternFindsOneClusterAndNothingAroundIt() {
        Pattern one = Pattern.compile(DataCluster.Names.ONE);
        DataCluster.wireNames().forEach(name -> assertThat(one.matcher(name).find()).isTrue());
        assertThat(List.of("xACCOUNT_BASIC", "TRANSACTIONS ", "ACCOUNT_BASIC|TRANSACTIONS", "EVERYTHING"))
                .noneMatch(name -> one.matcher(name).find());
    }

    @Test
    void aKnownNameParsesToItsCluster() {
        assertThat(DataCluster.parse("TRANSACTIONS")).isEqualTo(DataCluster.TRANSACTIONS);
        assertThat(DataCluster.parseAll(List.of("CUSTOMER_CONTACT", "ACCOUNT_BASIC", "ACCOUNT_BASIC")))
                .containsExactly(DataCluster.ACCOUNT_BASIC, DataCluster.CUSTOMER_CONTACT);
    }

    @Test
    void anUnknownNameIsAnErrorThatKeepsTheName() {
        assertThatThrownBy(() -> DataCluster.parse("ACCOUNT_STATEMENTS"))
                .isInstanceOfSatisfying(UnknownDataClusterException.class,
                        e -> assertThat(e.name()).isEqualTo("ACCOUNT_STATEMENTS"));
        assertThat(DataCluster.find("ACCOUNT_STATEMENTS")).isEmpty();
        assertThat(DataCluster.isKnown("ACCOUNT_STATEMENTS")).isFalse();
        assertThat(DataCluster.isKnown(null)).isFalse();
    }

    @Test
    void oneUnknownNameFailsTheWholeListInsteadOfNarrowingIt() {
        assertThatThrownBy(() -> DataCluster.parseAll(List.of("ACCOUNT_BASIC", "ACCOUNT_STATEMENTS")))
                .isInstanceOf(UnknownDataClusterException.class);
    }

    @Test
    void namesAreMatchedExactly() {
        assertThatThrownBy(() -> DataCluster.parse("transactions")).isInstanceOf(UnknownDataClusterException.class);
        assertThatThrownBy(() -> DataCluster.parse("Account_Basic")).isInstanceOf(UnknownDataClusterException.class);
        assertThatThrownBy(() -> DataCluster.parse(" TRANSACTIONS")).isInstanceOf(UnknownDataClusterException.class);
    }

    @Test
    void accountClustersDescribeAccountsAndCustomerClustersTheCustomer() {
        assertThat(Arrays.stream(DataCluster.values()).filter(c -> c.subject() == DataCluster.Subject.CUSTOMER))
                .containsExactly(DataCluster.CUSTOMER_CONTACT, DataCluster.CUSTOMER_PERSONAL);
    }
}
