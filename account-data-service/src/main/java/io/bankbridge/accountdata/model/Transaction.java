package io.bankbridge.accountdata.model;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One transaction of an account. {@code amount} is never negative; {@code debitCredit} gives the direction.
 * {@code postedTime} is absent while the transaction is pending.
 */
public record Transaction(String accountId, String transactionId, OffsetDateTime transactionTime,
                          OffsetDateTime postedTime, BigDecimal amount, String debitCredit, String currency,
                          String description, String merchant, String merchantCategoryCode, String category,
                          String status) {
}
