package io.bankbridge.accountdata.ingest;

import io.bankbridge.accountdata.model.Account;
import io.bankbridge.accountdata.model.Balance;
import io.bankbridge.accountdata.model.Customer;
import io.bankbridge.accountdata.model.PaymentNetwork;
import io.bankbridge.accountdata.model.Transaction;
import io.bankbridge.accountdata.repository.AccountRepository;
import io.bankbridge.accountdata.repository.CustomerRepository;
import io.bankbridge.accountdata.repository.TransactionRepository;
import io.bankbridge.accountdata.rest.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Idempotent upserts from the bank's core systems: sending the same data twice leaves the same state. Each field was
 * checked where the request arrived (the ingest bodies' constraints); what needs stored data or reads several fields
 * is checked here.
 */
@ApplicationScoped
public class IngestService {

    /** Transactions accepted in one call. */
    public static final int MAX_TRANSACTIONS = 1000;

    private final Pool pool;
    private final CustomerRepository customers;
    private final AccountRepository accounts;
    private final TransactionRepository transactions;

    IngestService(Pool pool, CustomerRepository customers, AccountRepository accounts,
                  TransactionRepository transactions) {
        this.pool = pool;
        this.customers = customers;
        this.accounts = accounts;
        this.transactions = transactions;
    }

    public Uni<Void> upsertCustomer(Customer customer) {
        return pool.withTransaction(tx -> customers.upsert(tx, customer));
    }

    public Uni<Void> upsertAccount(Account account, Balance balance, PaymentNetwork network) {
        if (network != null && !account.type().isDeposit()) {
            throw ApiProblem.badRequest("paymentNetwork is for deposit accounts (SAVINGS, CHECKING), not cards.");
        }
        return customers.existing(account.ownerIds()).chain(known -> {
            Set<String> missing = new HashSet<>(account.ownerIds());
            missing.removeAll(known);
            if (!missing.isEmpty()) {
                throw ApiProblem.badRequest("Unknown owner(s) " + missing + ": ingest the customers first.");
            }
            return pool.withTransaction(tx -> accounts.upsert(tx, account, balance, network));
        });
    }

    public Uni<Integer> upsertTransactions(String accountId, List<Transaction> batch) {
        return accounts.exists(accountId).chain(exists -> {
            if (!exists) {
                throw ApiProblem.notFound("No account " + accountId + ": ingest it first.");
            }
            return pool.withTransaction(tx -> transactions.upsert(tx, batch)).replaceWith(batch.size());
        });
    }
}
