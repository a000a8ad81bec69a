package io.bankbridge.accountdata.repository;

import io.bankbridge.accountdata.model.Account;
import io.bankbridge.accountdata.model.AccountType;
import io.bankbridge.accountdata.model.Balance;
import io.bankbridge.accountdata.model.PaymentNetwork;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Queries over accounts, their owners, balances and payment networks. */
@ApplicationScoped
public class AccountRepository {

    private static final String SELECT_ACCOUNT = """
            select a.account_id, a.account_type, a.nickname, a.product_name, a.masked_number, a.currency, a.status,
                   array(select o.customer_id from account_owner o where o.account_id = a.account_id
                         order by o.customer_id) as owners
            from account a""";

    private final Pool pool;

    AccountRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Account>> findByIds(List<String> accountIds) {
        return pool.preparedQuery(SELECT_ACCOUNT + " where a.account_id = any($1) order by a.account_id")
                .execute(Tuple.of(accountIds.toArray(String[]::new)))
                .map(rows -> {
                    List<Account> accounts = new ArrayList<>();
                    rows.forEach(r -> accounts.add(account(r)));
                    return accounts;
                });
    }

    public Uni<List<Account>> findByOwner(String customerId) {
        return pool.preparedQuery(SELECT_ACCOUNT
                        + " where a.account_id in (select account_id from account_owner where customer_id = $1)"
                        + " order by a.account_id")
                .execute(Tuple.of(customerId))
                .map(rows -> {
                    List<Account> accounts = new ArrayList<>();
                    rows.forEach(r -> accounts.add(account(r)));
                    return accounts;
                });
    }

    public Uni<Map<String, Balance>> balances(List<String> accountIds) {
        return pool.preparedQuery("""
                        select account_id, current_balance, available_balance, credit_limit, statement_balance,
                               interest_rate, as_of
                        from balance where account_id = any($1)""")
                .execute(Tuple.of(accountIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Balance> balances = new HashMap<>();
                    rows.forEach(r -> balances.put(r.getString("account_id"), new Balance(
                            r.getBigDecimal("current_balance"), r.getBigDecimal("available_balance"),
                            r.getBigDecimal("credit_limit"), r.getBigDecimal("statement_balance"),
                            r.getBigDecimal("interest_rate"), r.getOffsetDateTime("as_of"))));
                    return balances;
                });
    }

    public Uni<List<PaymentNetwork>> paymentNetworks(String accountId) {
        return pool.preparedQuery("""
                        select network_type, routing_number, account_number, transfer_in, transfer_out
                        from payment_network where account_id = $1 order by network_type""")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    List<PaymentNetwork> networks = new ArrayList<>();
                    rows.forEach(r -> networks.add(new PaymentNetwork(r.getString("network_type"),
                            r.getString("routing_number"), r.getString("account_number"),
                            r.getBoolean("transfer_in"), r.getBoolean("transfer_out"))));
                    return networks;
                });
    }

    /** Inserts or replaces an account, its owners, its balance and its payment network, in the caller's transaction. */
    public Uni<Void> upsert(SqlClient tx, Account account, Balance balance, PaymentNetwork network) {
        Uni<Void> chain = tx.preparedQuery("""
                        insert into account (account_id, account_type, nickname, product_name, masked_number, currency,
                                             status, updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, now())
                        on conflict (account_id) do update set account_type = excluded.account_type,
                            nickname = excluded.nickname, product_name = excluded.product_name,
                            masked_number = excluded.masked_number, currency = excluded.currency,
                            status = excluded.status, updated_at = now()""")
                .execute(Tuple.tuple(Arrays.asList(account.accountId(), account.type().name(), account.nickname(),
                        account.productName(), account.maskedNumber(), account.currency(), account.status())))
                .replaceWithVoid()
                .chain(() -> tx.preparedQuery("delete from account_owner where account_id = $1 and customer_id <> all($2)")
                        .execute(Tuple.of(account.accountId(), account.ownerIds().toArray(String[]::new))))
                .chain(() -> tx.preparedQuery("""
                                insert into account_owner (account_id, customer_id)
                                select $1, unnest($2::text[]) on conflict do nothing""")
                        .execute(Tuple.of(account.accountId(), account.ownerIds().toArray(String[]::new))))
                .replaceWithVoid();
        if (balance != null) {
            chain = chain.chain(() -> tx.preparedQuery("""
                            insert into balance (account_id, current_balance, available_balance, credit_limit,
                                                 statement_balance, interest_rate, as_of)
                            values ($1, $2, $3, $4, $5, $6, $7)
                            on conflict (account_id) do update set current_balance = excluded.current_balance,
                                available_balance = excluded.available_balance, credit_limit = excluded.credit_limit,
                                statement_balance = excluded.statement_balance, interest_rate = excluded.interest_rate,
                                as_of = excluded.as_of""")
                    .execute(Tuple.tuple(Arrays.asList(account.accountId(), balance.current(), balance.available(),
                            balance.creditLimit(), balance.statementBalance(), balance.interestRate(), balance.asOf())))
                    .replaceWithVoid());
        }
        if (network != null) {
            chain = chain.chain(() -> tx.preparedQuery("""
                            insert into payment_network (account_id, network_type, routing_number, account_number,
                                                         transfer_in, transfer_out)
                            values ($1, $2, $3, $4, $5, $6)
                            on conflict (account_id, network_type) do update set routing_number = excluded.routing_number,
                                account_number = excluded.account_number, transfer_in = excluded.transfer_in,
                                transfer_out = excluded.transfer_out""")
                    .execute(Tuple.tuple(Arrays.asList(account.accountId(), network.type(), network.routingNumber(),
                            network.accountNumber(), network.transferIn(), network.transferOut())))
                    .replaceWithVoid());
        }
        return chain;
    }

    public Uni<Boolean> exists(String accountId) {
        return pool.preparedQuery("select 1 from account where account_id = $1").execute(Tuple.of(accountId))
                .map(rows -> rows.size() > 0);
    }

    static Account account(Row r) {
        return new Account(r.getString("account_id"), AccountType.valueOf(r.getString("account_type")),
                r.getString("nickname"), r.getString("product_name"), r.getString("masked_number"),
                r.getString("currency"), r.getString("status"), List.of(r.getArrayOfStrings("owners")));
    }
}
