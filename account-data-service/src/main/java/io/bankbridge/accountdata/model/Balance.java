package io.bankbridge.accountdata.model;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An account's balances: credit limit and statement balance for cards, interest rate for savings. */
public record Balance(BigDecimal current, BigDecimal available, BigDecimal creditLimit, BigDecimal statementBalance,
                      BigDecimal interestRate, OffsetDateTime asOf) {
}
