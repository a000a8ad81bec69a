package io.bankbridge.contract.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InternalScopeTest {

    @Test
    void everyInternalScopeIsFoundByItsValueAndCarriesTheInternalPrefix() {
        for (InternalScope scope : InternalScope.values()) {
            assertThat(InternalScope.fromValue(scope.value())).contains(scope);
            assertThat(scope.value()).startsWith(Scopes.INTERNAL_PREFIX);
        }
        assertThat(Arrays.stream(InternalScope.values()).map(InternalScope::value)).containsExactly(
                "internal.accounts.list", "internal.consents.decide", "internal.consents.read",
                "internal.access-log.read", "internal.ingest", "internal.receipts.sign");
    }

    @Test
    void noProviderScopeLooksInternal() {
        assertThat(InternalScope.fromValue("grant_management_query")).isEmpty();
        assertThat(Scopes.GRANT_MANAGEMENT).noneMatch(s -> s.startsWith(Scopes.INTERNAL_PREFIX));
    }
}
