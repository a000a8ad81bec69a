package io.bankbridge.accountdata.rest.internal;

import io.bankbridge.accountdata.ingest.IngestService;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Bodies of the internal ingest API, as the bank's core systems send them. Each field's constraints are checked
 * before the upsert runs (a body that breaks one is a 400 naming the field); what needs stored data (owners that
 * exist, an account ingested before its transactions) or reads several fields (no payment network on a card) is
 * checked by {@link IngestService}.
 */
@RegisterForReflection
public final class IngestRequests {

    private static final String CURRENCY = "must be an ISO 4217 code (3 letters)";

    private IngestRequests() {
    }

    public record CustomerBody(@NotNull @Valid Name name, String email, String phone, Address address) {
    }

    public record Name(@NotBlank String first, @NotBlank String last) {
    }

    public record Address(String line1, String city, String region, String postalCode, String country) {
    }

    public record AccountBody(
            @NotNull @Pattern(regexp = "^(?:CARD|SAVINGS|CHECKING)$", message = "must be CARD, SAVINGS or CHECKING")
            String accountType,
            @NotEmpty List<@NotBlank String> ownerCustomerIds,
            String nickname,
            String productName,
            @NotBlank String maskedNumber,
            @NotNull @Size(min = 3, max = 3, message = CURRENCY) String currency,
            @NotNull @Pattern(regexp = "^(?:OPEN|CLOSED|PENDINGOPEN|RESTRICTED)$",
                    message = "must be OPEN, CLOSED, PENDINGOPEN or RESTRICTED") String status,
            @Valid Balances balances,
            @Valid PaymentNetworkBody paymentNetwork) {
    }

    public record Balances(@NotNull BigDecimal current, BigDecimal available, BigDecimal creditLimit,
                           BigDecimal statementBalance, BigDecimal interestRate, @NotNull OffsetDateTime asOf) {
    }

    public record PaymentNetworkBody(@NotBlank String routingNumber, @NotBlank String accountNumber) {
    }

    public record TransactionsBody(
            @NotNull @Size(min = 1, max = IngestService.MAX_TRANSACTIONS,
                    message = "must list 1 to " + IngestService.MAX_TRANSACTIONS + " transactions")
            List<@NotNull @Valid TransactionBody> transactions) {
    }

    public record TransactionBody(
            @NotBlank String transactionId,
            @NotNull OffsetDateTime transactionTime,
            OffsetDateTime postedTime,
            @NotNull @PositiveOrZero BigDecimal amount,
            @NotNull @Pattern(regexp = "^(?:DEBIT|CREDIT)$", message = "must be DEBIT or CREDIT") String debitCredit,
            @NotNull @Size(min = 3, max = 3, message = CURRENCY) String currency,
            @NotBlank String description,
            String merchant,
            String merchantCategoryCode,
            String category,
            @NotNull @Pattern(regexp = "^(?:PENDING|POSTED)$", message = "must be PENDING or POSTED") String status) {
    }

    public record Upserted(String id, int upserted) {
    }
}
