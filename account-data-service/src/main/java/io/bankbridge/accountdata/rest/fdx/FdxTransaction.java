package io.bankbridge.accountdata.rest.fdx;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A transaction, shaped after FDX 6 ({@code DepositTransaction} / {@code LocTransaction} with {@code accountCategory}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record FdxTransaction(
        String accountCategory,
        String accountId,
        String transactionId,
        @JsonSerialize(using = Rfc3339Serializer.class) OffsetDateTime transactionTimestamp,
        @JsonSerialize(using = Rfc3339Serializer.class) OffsetDateTime postedTimestamp,
        BigDecimal amount,
        String debitCreditMemo,
        String description,
        String payee,
        String merchantCategoryCode,
        String category,
        String status) {
}
