package io.bankbridge.accountdata.rest.fdx;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * An account, shaped after FDX 6 ({@code DepositAccount} / {@code LocAccount} flattened with {@code accountCategory}).
 * ACCOUNT_BASIC gives the descriptor fields; ACCOUNT_DETAILED adds the balance fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record FdxAccount(
        String accountCategory,
        String accountId,
        String accountType,
        String accountNumberDisplay,
        String productName,
        String nickname,
        String status,
        Currency currency,
        String balanceType,
        BigDecimal currentBalance,
        BigDecimal availableBalance,
        @JsonSerialize(using = Rfc3339Serializer.class) OffsetDateTime balanceAsOf,
        BigDecimal creditLine,
        BigDecimal availableCredit,
        BigDecimal lastStmtBalance,
        BigDecimal interestRate) {

    /** ISO 4217 currency of the account. */
    public record Currency(String currencyCode) {
    }
}
