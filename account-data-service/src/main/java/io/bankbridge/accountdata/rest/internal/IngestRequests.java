package io.bankbridge.accountdata.rest.internal;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** Bodies of the internal ingest API, as the bank's core systems send them. */
@RegisterForReflection
public final class IngestRequests {

    private IngestRequests() {
    }

    public record CustomerBody(Name name, String email, String phone, Address address) {
    }

    public record Name(String first, String last) {
    }

    public record Address(String line1, String city, String region, String postalCode, String country) {
    }

    public record AccountBody(String accountType, List<String> ownerCustomerIds, String nickname, String productName,
                              String maskedNumber, String currency, String status, Balances balances,
                              PaymentNetworkBody paymentNetwork) {
    }

    public record Balances(BigDecimal current, BigDecimal available, BigDecimal creditLimit,
                           BigDecimal statementBalance, BigDecimal interestRate, OffsetDateTime asOf) {
    }

    public record PaymentNetworkBody(String routingNumber, String accountNumber) {
    }

    public record TransactionsBody(List<TransactionBody> transactions) {
    }

    public record TransactionBody(String transactionId, OffsetDateTime transactionTime, OffsetDateTime postedTime,
                                  BigDecimal amount, String debitCredit, String currency, String description,
                                  String merchant, String merchantCategoryCode, String category, String status) {
    }

    public record Upserted(String id, int upserted) {
    }
}
