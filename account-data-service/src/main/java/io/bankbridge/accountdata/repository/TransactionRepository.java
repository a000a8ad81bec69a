package io.bankbridge.accountdata.repository;

import io.bankbridge.accountdata.model.AccountType;
import io.bankbridge.accountdata.model.Transaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Queries over transactions: the keyset page read newest first, and the idempotent upsert. */
@ApplicationScoped
public class TransactionRepository {

    /**
     * One round trip gives both the account's existence and type and the page: the lateral join keeps the index
     * scan on (account_id, transaction_time desc, transaction_id desc). The row value comparison is the keyset.
     */
    private static final String PAGE = """
            select a.account_type, t.transaction_id, t.transaction_time, t.posted_time, t.amount, t.debit_credit,
                   t.currency, t.description, t.merchant, t.merchant_category_code, t.category, t.status
            from account a
            left join lateral (
                select * from account_transaction x
                where x.account_id = a.account_id
                  and x.transaction_time >= $2 and x.transaction_time < $3
                  and (x.transaction_time, x.transaction_id) < ($4, $5)
                order by x.transaction_time desc, x.transaction_id desc
                limit $6) t on true
            where a.account_id = $1""";

    private static final String UPSERT = """
            insert into account_transaction (account_id, transaction_id, transaction_time, posted_time, amount,
                                             debit_credit, currency, description, merchant, merchant_category_code,
                                             category, status)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            on conflict (account_id, transaction_id) do update set posted_time = excluded.posted_time,
                amount = excluded.amount, debit_credit = excluded.debit_credit, currency = excluded.currency,
                description = excluded.description, merchant = excluded.merchant,
                merchant_category_code = excluded.merchant_category_code, category = excluded.category,
                status = excluded.status""";

    // PAGE's columns by position: a value asked for by name searches the row's column names first, and a page asks
    // for twelve values per row.
    private static final int ACCOUNT_TYPE = 0;
    private static final int TRANSACTION_ID = 1;
    private static final int TRANSACTION_TIME = 2;
    private static final int POSTED_TIME = 3;
    private static final int AMOUNT = 4;
    private static final int DEBIT_CREDIT = 5;
    private static final int CURRENCY = 6;
    private static final int DESCRIPTION = 7;
    private static final int MERCHANT = 8;
    private static final int MERCHANT_CATEGORY_CODE = 9;
    private static final int CATEGORY = 10;
    private static final int STATUS = 11;

    /** A page of an account's transactions and the account's type. */
    public record Page(AccountType accountType, List<Transaction> transactions) {
    }

    private final Pool pool;

    TransactionRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Transactions with {@code from <= transaction_time < to} strictly before the keyset position
     * ({@code beforeTime}, {@code beforeId}), newest first. Empty when the account does not exist.
     */
    public Uni<Optional<Page>> page(String accountId, OffsetDateTime from, OffsetDateTime to, OffsetDateTime beforeTime,
                                    String beforeId, int limit) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.tuple(Arrays.asList(accountId, from, to, beforeTime, beforeId, limit)))
                .map(rows -> {
                    AccountType type = null;
                    List<Transaction> transactions = new ArrayList<>(limit);
                    for (Row r : rows) {
                        if (type == null) {
                            type = AccountType.valueOf(r.getString(ACCOUNT_TYPE));
                        }
                        if (r.getString(TRANSACTION_ID) != null) {
                            transactions.add(transaction(accountId, r));
                        }
                    }
                    return type == null ? Optional.empty() : Optional.of(new Page(type, transactions));
                });
    }

    /** Inserts new transactions and updates known ones (a pending one posting); the transaction time never moves. */
    public Uni<Void> upsert(SqlClient client, List<Transaction> transactions) {
        if (transactions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>(transactions.size());
        for (Transaction t : transactions) {
            batch.add(Tuple.tuple(Arrays.asList(t.accountId(), t.transactionId(), t.transactionTime(), t.postedTime(),
                    t.amount(), t.debitCredit(), t.currency(), t.description(), t.merchant(),
                    t.merchantCategoryCode(), t.category(), t.status())));
        }
        return client.preparedQuery(UPSERT).executeBatch(batch).replaceWithVoid();
    }

    private static Transaction transaction(String accountId, Row r) {
        return new Transaction(accountId, r.getString(TRANSACTION_ID), r.getOffsetDateTime(TRANSACTION_TIME),
                r.getOffsetDateTime(POSTED_TIME), r.getBigDecimal(AMOUNT), r.getString(DEBIT_CREDIT),
                r.getString(CURRENCY), r.getString(DESCRIPTION), r.getString(MERCHANT),
                r.getString(MERCHANT_CATEGORY_CODE), r.getString(CATEGORY), r.getString(STATUS));
    }
}
