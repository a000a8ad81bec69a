package io.bankbridge.accountdata.rest.internal;

import io.bankbridge.accountdata.ingest.IngestService;
import io.bankbridge.accountdata.model.Account;
import io.bankbridge.accountdata.model.AccountType;
import io.bankbridge.accountdata.model.Balance;
import io.bankbridge.accountdata.model.Customer;
import io.bankbridge.accountdata.model.PaymentNetwork;
import io.bankbridge.accountdata.model.Transaction;
import io.bankbridge.accountdata.repository.AccessLogRepository;
import io.bankbridge.accountdata.repository.AccountRepository;
import io.bankbridge.accountdata.rest.ApiProblem;
import io.bankbridge.accountdata.rest.Parameters;
import io.bankbridge.accountdata.rest.internal.IngestRequests.AccountBody;
import io.bankbridge.accountdata.rest.internal.IngestRequests.CustomerBody;
import io.bankbridge.accountdata.rest.internal.IngestRequests.TransactionsBody;
import io.bankbridge.accountdata.rest.internal.IngestRequests.Upserted;
import io.bankbridge.accountdata.security.Permissions;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The internal API for the bank's own services: account listing, access log, ingest. An internal access token (aud
 * bankbridge-internal) opens only the capability whose scope it carries, as each endpoint declares.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Internal API", description = "For the bank's own services; internal access token (aud "
        + "bankbridge-internal) with the scope of the capability: internal.accounts.list (token-service's account "
        + "picker, consent-service's Security Center), internal.access-log.read (consent-service's Security Center), internal.ingest (the core systems). "
        + "Any other token answers 403 insufficient_scope. Ids (customerId, accountId, consentId) are "
        + Parameters.ID_SHAPE + "; anything else answers 400.")
public class InternalResource {

    private static final String BODY_REQUIRED = "A JSON request body is required.";

    private final IngestService ingest;
    private final AccountRepository accounts;
    private final AccessLogRepository accessLog;

    InternalResource(IngestService ingest, AccountRepository accounts, AccessLogRepository accessLog) {
        this.ingest = ingest;
        this.accounts = accounts;
        this.accessLog = accessLog;
    }

    /** An account as the consent page lists it. */
    @RegisterForReflection
    public record AccountSummary(@Schema(required = true) String accountId, @Schema(required = true) String accountType,
                                 @Schema(nullable = true) String nickname, @Schema(required = true) String maskedNumber,
                                 @Schema(required = true) String currency, @Schema(required = true) String status) {
    }

    /** One audit row. */
    @RegisterForReflection
    public record AccessLogEntry(String at, String consentId, String providerId, String customerId, String endpoint,
                                 String accountId, int status) {
    }

    @GET
    @Path("/customers/{customerId}/accounts")
    @PermissionsAllowed(Permissions.ACCOUNTS_LIST)
    @SecurityRequirement(name = "bearer", scopes = Permissions.ACCOUNTS_LIST)
    @Operation(summary = "A customer's accounts, for the consent page's account picker and the Security Center's account "
            + "names (unknown customer: empty list)")
    @APIResponse(responseCode = "200", description = "The customer's accounts", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AccountSummary.class)))
    @APIResponse(responseCode = "400", description = "The customerId is not " + Parameters.ID_SHAPE)
    @APIResponse(responseCode = "401", description = "No or an invalid internal access token")
    @APIResponse(responseCode = "403", description = "The token does not carry " + Permissions.ACCOUNTS_LIST)
    public Uni<List<AccountSummary>> customerAccounts(@PathParam("customerId") String customerId) {
        Parameters.id("customerId", customerId);
        return accounts.findByOwner(customerId).map(list -> list.stream()
                .map(a -> new AccountSummary(a.accountId(), a.type().name(), a.nickname(), a.maskedNumber(),
                        a.currency(), a.status()))
                .toList());
    }

    @GET
    @Path("/access-log")
    @PermissionsAllowed(Permissions.ACCESS_LOG_READ)
    @SecurityRequirement(name = "bearer", scopes = Permissions.ACCESS_LOG_READ)
    @Operation(summary = "Who read what, when: provider requests of a consent or a customer, newest first",
            description = "consentId or customerId (one is required); limit 1..1000, default 100.")
    public Uni<List<AccessLogEntry>> accessLog(@QueryParam("consentId") String consentId,
                                               @QueryParam("customerId") String customerId,
                                               @QueryParam("limit") String limit) {
        int size = Parameters.count("limit", limit, 100, 1, 1000);
        if ((consentId == null) == (customerId == null)) {
            throw ApiProblem.badRequest("Give exactly one of consentId and customerId.");
        }
        if (consentId != null) {
            Parameters.id("consentId", consentId);
        } else {
            Parameters.id("customerId", customerId);
        }
        return (consentId != null ? accessLog.byConsent(consentId, size) : accessLog.byCustomer(customerId, size))
                .map(rows -> rows.stream().map(r -> new AccessLogEntry(r.at().toString(), r.consentId(),
                        r.providerId(), r.customerId(), r.endpoint(), r.accountId(), r.status())).toList());
    }

    @PUT
    @Path("/customers/{customerId}")
    @PermissionsAllowed(Permissions.INGEST)
    @SecurityRequirement(name = "bearer", scopes = Permissions.INGEST)
    @Operation(summary = "Create or replace a customer's identity (idempotent)")
    public Uni<Upserted> putCustomer(@PathParam("customerId") String customerId,
                                     @Valid @NotNull(message = BODY_REQUIRED) CustomerBody body) {
        Parameters.id("customerId", customerId);
        IngestRequests.Address a = body.address();
        Customer customer = new Customer(customerId, body.name().first(), body.name().last(), body.email(), body.phone(),
                a == null ? null : new Customer.Address(a.line1(), a.city(), a.region(), a.postalCode(), a.country()));
        return ingest.upsertCustomer(customer).replaceWith(new Upserted(customerId, 1));
    }

    @PUT
    @Path("/accounts/{accountId}")
    @PermissionsAllowed(Permissions.INGEST)
    @SecurityRequirement(name = "bearer", scopes = Permissions.INGEST)
    @Operation(summary = "Create or replace an account with its owners, balances and payment network (idempotent)")
    public Uni<Upserted> putAccount(@PathParam("accountId") String accountId,
                                    @Valid @NotNull(message = BODY_REQUIRED) AccountBody body) {
        Parameters.id("accountId", accountId);
        Account account = new Account(accountId, AccountType.valueOf(body.accountType()), body.nickname(), body.productName(), body.maskedNumber(),
                body.currency(), body.status(), body.ownerCustomerIds());
        IngestRequests.Balances b = body.balances();
        Balance balance = b == null ? null : new Balance(b.current(), b.available(), b.creditLimit(),
                b.statementBalance(), b.interestRate(), b.asOf());
        PaymentNetwork network = body.paymentNetwork() == null ? null : new PaymentNetwork("US_ACH",
                body.paymentNetwork().routingNumber(), body.paymentNetwork().accountNumber(), true, true);
        return ingest.upsertAccount(account, balance, network).replaceWith(new Upserted(accountId, 1));
    }

    @PUT
    @Path("/accounts/{accountId}/transactions")
    @PermissionsAllowed(Permissions.INGEST)
    @SecurityRequirement(name = "bearer", scopes = Permissions.INGEST)
    @Operation(summary = "Insert or update up to 1000 transactions of an account (idempotent on transactionId)")
    public Uni<Upserted> putTransactions(@PathParam("accountId") String accountId,
                                         @Valid @NotNull(message = BODY_REQUIRED) TransactionsBody body) {
        Parameters.id("accountId", accountId);
        List<Transaction> batch = body.transactions().stream().map(t -> new Transaction(accountId, t.transactionId(),
                t.transactionTime(), t.postedTime(), t.amount(), t.debitCredit(), t.currency(), t.description(),
                t.merchant(), t.merchantCategoryCode(), t.category(), t.status())).toList();
        return ingest.upsertTransactions(accountId, batch).map(n -> new Upserted(accountId, n));
    }
}
