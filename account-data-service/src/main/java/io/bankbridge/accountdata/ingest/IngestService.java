package io.bankbridge.accountdata.ingest;

import io.bankbridge.accountdata.model.Account;
import io.bankbridge.accountdata.model.AccountType;
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

/** Idempotent upserts from the bank's core systems: sending the same data twice leaves the same state. */
@ApplicationScoped
public class IngestService {

    /** Transactions accepted in one call. */
    public static final int MAX_TRANSACTIONS = 1000;

    private static final Set<String> STATUSES = Set.of("OPEN", "CLOSED", "PENDINGOPEN", "RESTRICTED");

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
        if (blank(customer.firstName()) || blank(customer.lastName())) {
            throw ApiProblem.badRequest("name.first and name.last are required.");
        }
        return pool.withTransaction(tx -> customers.upsert(tx, customer));
    }

    public Uni<Void> upsertAccount(Account account, Balance balance, PaymentNetwork network) {
        if (account.type() == null || blank(account.maskedNumber()) || account.currency() == null
                || account.currency().length() != 3 || !STATUSES.contains(account.status())
                || account.ownerIds() == null || account.ownerIds().isEmpty()) {
            throw ApiProblem.badRequest("accountType, maskedNumber, currency (ISO 4217), status (" + STATUSES
                    + ") and at least one owner are required.");
        }
        if (balance != null && (balance.current() == null || balance.asOf() == null)) {
            throw ApiProblem.badRequest("balances.current and balances.asOf are required.");
        }
        if (network != null && (account.type() == AccountType.CARD || blank(network.routingNumber())
                || blank(network.accountNumber()))) {
            throw ApiProblem.badRequest("paymentNetwork needs a deposit account, routingNumber and accountNumber.");
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
        if (batch == null || batch.isEmpty() || batch.size() > MAX_TRANSACTIONS) {
            throw ApiProblem.badRequest("Send 1 to " + MAX_TRANSACTIONS + " transactions.");
        }
        for (Transaction t : batch) {
            if (blank(t.transactionId()) || t.transactionTime() == null || t.amount() == null || t.amount().signum() < 0
                    || !("DEBIT".equals(t.debitCredit()) || "CREDIT".equals(t.debitCredit()))
                    || t.currency() == null || t.currency().length() != 3 || blank(t.description())
                    || !("PENDING".equals(t.status()) || "POSTED".equals(t.status()))) {
                throw ApiProblem.badRequest("Each transaction needs transactionId, transactionTime, a non-negative "
                        + "amount, debitCredit (DEBIT|CREDIT), currency, description and status (PENDING|POSTED).");
            }
        }
        return accounts.exists(accountId).chain(exists -> {
            if (!exists) {
                throw ApiProblem.notFound("No account " + accountId + ": ingest it first.");
            }
            return pool.withTransaction(tx -> transactions.upsert(tx, batch)).replaceWith(batch.size());
        });
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
