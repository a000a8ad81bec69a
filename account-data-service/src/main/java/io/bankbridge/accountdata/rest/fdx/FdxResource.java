package io.bankbridge.accountdata.rest.fdx;

import io.bankbridge.accountdata.config.ProviderApiConfig;
import io.bankbridge.accountdata.model.Balance;
import io.bankbridge.accountdata.repository.AccountRepository;
import io.bankbridge.accountdata.repository.CustomerRepository;
import io.bankbridge.accountdata.repository.TransactionRepository;
import io.bankbridge.accountdata.rest.ApiProblem;
import io.bankbridge.accountdata.rest.Parameters;
import io.bankbridge.accountdata.security.Permissions;
import io.bankbridge.accountdata.security.ProviderAccess;
import io.bankbridge.contract.cluster.DataCluster;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The provider data API, version 6 of its FDX shape, under {@code /fdx/v6}. Every call needs a provider access token
 * (header only) whose consent grants the data cluster the endpoint declares ({@code @PermissionsAllowed}, any one of
 * the listed clusters); only the consent's accounts exist for it, and fields follow the consent's data clusters.
 */
@Path("/fdx/v6")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Provider data API (FDX 6)", description = """
        Bearer access token (RFC 9068 JWT, aud bankbridge-api) in the Authorization header; a token in the query \
        string is refused with 400 invalid_request. 401 invalid_token also when the consent was revoked or expired, \
        the token's jti was revoked, the provider suspended, or the consent names a data cluster this API does not \
        know (refused as a whole, never served narrowed). Data clusters: ACCOUNT_BASIC -> account descriptor \
        (accountCategory, accountId, accountType, accountNumberDisplay (masked), productName, nickname, status, \
        currency); ACCOUNT_DETAILED -> the descriptor plus balanceType, currentBalance, balanceAsOf, and \
        availableBalance + interestRate (deposit) or creditLine + availableCredit + lastStmtBalance (card); \
        TRANSACTIONS -> /accounts/{accountId}/transactions; ACCOUNT_PAYMENTS -> /accounts/{accountId}/payment-networks \
        (routing number as bankId, full account number as identifier); CUSTOMER_PERSONAL -> customer name; \
        CUSTOMER_CONTACT -> customer email, addresses, telephones. A missing cluster answers 403 with \
        WWW-Authenticate error="insufficient_scope"; an account outside the consent answers 404, an accountId that \
        is not 1 to 128 letters, digits, '.', '_', ':' or '-' answers 400. 429 with Retry-After when the \
        provider's rate limit is exhausted.""")
public class FdxResource {

    private static final OffsetDateTime EARLIEST = OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime LATEST = OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final AccountRepository accounts;
    private final TransactionRepository transactions;
    private final CustomerRepository customers;
    private final ProviderApiConfig.Transactions paging;
    private final CursorSigner cursors;

    FdxResource(AccountRepository accounts, TransactionRepository transactions, CustomerRepository customers,
                ProviderApiConfig config, CursorSigner cursors) {
        this.accounts = accounts;
        this.transactions = transactions;
        this.customers = customers;
        this.paging = config.transactions();
        this.cursors = cursors;
    }

    @GET
    @Path("/accounts")
    @PermissionsAllowed({Permissions.ACCOUNT_BASIC, Permissions.ACCOUNT_DETAILED})
    @SecurityRequirement(name = "bearer", scopes = DataCluster.Names.ACCOUNT_BASIC)
    @SecurityRequirement(name = "bearer", scopes = DataCluster.Names.ACCOUNT_DETAILED)
    @Operation(summary = "The consent's accounts",
            description = "Needs ACCOUNT_BASIC or ACCOUNT_DETAILED; balance fields only with ACCOUNT_DETAILED.")
    public Uni<FdxAccounts> list(@Context RoutingContext rc) {
        ProviderAccess access = ProviderAccess.of(rc);
        Uni<List<io.bankbridge.accountdata.model.Account>> found = access.accountIds() == null
                ? Uni.createFrom().item(List.of())
                : accounts.findByIds(access.accountIds());
        return found.chain(list -> balancesIfDetailed(access, list.stream().map(a -> a.accountId()).toList())
                .map(balances -> {
                    List<FdxAccount> body = new ArrayList<>(list.size());
                    list.forEach(a -> body.add(FdxMapper.account(a, balances.get(a.accountId()))));
                    return new FdxAccounts(new FdxAccounts.Page(body.size()), body);
                }));
    }

    @GET
    @Path("/accounts/{accountId}")
    @PermissionsAllowed({Permissions.ACCOUNT_BASIC, Permissions.ACCOUNT_DETAILED})
    @SecurityRequirement(name = "bearer", scopes = DataCluster.Names.ACCOUNT_BASIC)
    @SecurityRequirement(name = "bearer", scopes = DataCluster.Names.ACCOUNT_DETAILED)
    @Operation(summary = "One account of the consent",
            description = "Needs ACCOUNT_BASIC or ACCOUNT_DETAILED; balance fields only with ACCOUNT_DETAILED. "
                    + "404 for any account outside the consent.")
    public Uni<FdxAccount> account(@Context RoutingContext rc, @PathParam("accountId") String accountId) {
        ProviderAccess access = ProviderAccess.of(rc);
        access.requireAccount(Parameters.id("accountId", accountId));
        return accounts.findByIds(List.of(accountId)).chain(list -> {
            if (list.isEmpty()) {
                throw notFound(accountId);
            }
            return balancesIfDetailed(access, List.of(accountId))
                    .map(balances -> FdxMapper.account(list.get(0), balances.get(accountId)));
        });
    }

    @GET
    @Path("/accounts/{accountId}/transactions")
    @PermissionsAllowed(Permissions.TRANSACTIONS)
    @SecurityRequirement(name = "bearer", scopes = DataCluster.Names.TRANSACTIONS)
    @Operation(summary = "An account's transactions, newest first",
            description = "Needs TRANSACTIONS. startTime/endTime: ISO date (YYYY-MM-DD, endTime inclusive) or "
                    + "RFC 3339 timestamp (endTime exclusive), on the transaction time. offset: the opaque cursor "
                    + "page.nextOffset returned by the previous page for the same account (keyset on transaction "
                    + "time and id: stable while new transactions arrive; signed, so any other value is 400). "
                    + "limit: 1..500, default 25. A parameter of the wrong shape answers 400 naming it.")
    public Uni<FdxTransactions> transactions(@Context RoutingContext rc, @PathParam("accountId") String accountId,
                                             @QueryParam("startTime") String startTime,
                                             @QueryParam("endTime") String endTime,
                                             @QueryParam("offset") String offset,
                                             @QueryParam("limit") String limit) {
        ProviderAccess access = ProviderAccess.of(rc);
        access.requireAccount(Parameters.id("accountId", accountId));
        int size = Parameters.count("limit", limit, paging.defaultLimit(), 1, paging.maxLimit());
        OffsetDateTime from = startTime == null ? EARLIEST : time(startTime, "startTime", false);
        OffsetDateTime to = endTime == null ? LATEST : time(endTime, "endTime", true);
        if (!from.isBefore(to)) {
            throw ApiProblem.badRequest("startTime must be before endTime.");
        }
        TransactionCursor after = TransactionCursor.decode(offset, accountId, cursors);
        return transactions.page(accountId, from, to, after.time(), after.transactionId(), size + 1).map(found -> {
            TransactionRepository.Page page = found.orElseThrow(() -> notFound(accountId));
            List<io.bankbridge.accountdata.model.Transaction> rows = page.transactions();
            boolean more = rows.size() > size;
            List<FdxTransaction> body = new ArrayList<>(Math.min(rows.size(), size));
            for (int i = 0; i < rows.size() && i < size; i++) {
                body.add(FdxMapper.transaction(page.accountType(), rows.get(i)));
            }
            if (!more) {
                return new FdxTransactions(null, null, body);
            }
            var last = rows.get(size - 1);
            String next = new TransactionCursor(last.transactionTime(), last.transactionId()).encode(accountId, cursors);
            StringBuilder href = new StringBuilder("/fdx/v6/accounts/").append(enc(accountId))
                    .append("/transactions?offset=").append(next).append("&limit=").append(size);
            if (startTime != null) {
                href.append("&startTime=").append(enc(startTime));
            }
            if (endTime != null) {
                href.append("&endTime=").append(enc(endTime));
            }
            return new FdxTransactions(new FdxTransactions.Page(next),
                    new FdxTransactions.Links(new FdxTransactions.Link(href.toString())), body);
        });
    }

    @GET
    @Path("/accounts/{accountId}/payment-networks")
    @PermissionsAllowed(Permissions.ACCOUNT_PAYMENTS)
    @SecurityRequirement(name = "bearer", scopes = DataCluster.Names.ACCOUNT_PAYMENTS)
    @Operation(summary = "How to move money to and from an account",
            description = "Needs ACCOUNT_PAYMENTS: routing number (bankId) and full account number (identifier) of "
                    + "deposit accounts; an empty list for cards.")
    public Uni<FdxPaymentNetworks> paymentNetworks(@Context RoutingContext rc,
                                                   @PathParam("accountId") String accountId) {
        ProviderAccess access = ProviderAccess.of(rc);
        access.requireAccount(Parameters.id("accountId", accountId));
        return accounts.exists(accountId).chain(exists -> {
            if (!exists) {
                throw notFound(accountId);
            }
            return accounts.paymentNetworks(accountId)
                    .map(list -> new FdxPaymentNetworks(list.stream().map(FdxMapper::paymentNetwork).toList()));
        });
    }

    @GET
    @Path("/customers/current")
    @PermissionsAllowed({Permissions.CUSTOMER_PERSONAL, Permissions.CUSTOMER_CONTACT})
    @SecurityRequirement(name = "bearer", scopes = DataCluster.Names.CUSTOMER_PERSONAL)
    @SecurityRequirement(name = "bearer", scopes = DataCluster.Names.CUSTOMER_CONTACT)
    @Operation(summary = "The customer who granted the consent, for ownership checks",
            description = "Needs CUSTOMER_PERSONAL (name) or CUSTOMER_CONTACT (email, addresses, telephones); "
                    + "each part is present only under its cluster.")
    public Uni<FdxCustomer> currentCustomer(@Context RoutingContext rc) {
        ProviderAccess access = ProviderAccess.of(rc);
        return customers.findById(access.customerId()).map(found -> FdxMapper.customer(
                found.orElseThrow(() -> ApiProblem.notFound("The bank holds no identity for this customer.")), access));
    }

    private Uni<Map<String, Balance>> balancesIfDetailed(ProviderAccess access, List<String> ids) {
        return access.has(DataCluster.ACCOUNT_DETAILED) && !ids.isEmpty()
                ? accounts.balances(ids)
                : Uni.createFrom().item(Map.of());
    }

    private static ApiProblem notFound(String accountId) {
        return ApiProblem.notFound("No account " + accountId + " under this consent.");
    }

    private static OffsetDateTime time(String value, String name, boolean endOfRange) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfRange ? day.plusDays(1) : day).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name + " must be a date (YYYY-MM-DD) or an RFC 3339 timestamp.");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
