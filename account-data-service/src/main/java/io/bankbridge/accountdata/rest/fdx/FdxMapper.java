package io.bankbridge.accountdata.rest.fdx;

import io.bankbridge.accountdata.model.Account;
import io.bankbridge.accountdata.model.AccountType;
import io.bankbridge.accountdata.model.Balance;
import io.bankbridge.accountdata.model.Customer;
import io.bankbridge.accountdata.model.PaymentNetwork;
import io.bankbridge.accountdata.model.Transaction;
import io.bankbridge.accountdata.security.ProviderAccess;
import io.bankbridge.contract.cluster.DataCluster;
import java.util.List;

/** Maps the domain to the FDX-shaped JSON, leaving out every field the consent's data clusters do not cover. */
final class FdxMapper {

    private FdxMapper() {
    }

    static String category(AccountType type) {
        return type == AccountType.CARD ? "LOC_ACCOUNT" : "DEPOSIT_ACCOUNT";
    }

    private static String fdxType(AccountType type) {
        return type == AccountType.CARD ? "CREDITCARD" : type.name();
    }

    /** ACCOUNT_BASIC fields always; balance fields only with ACCOUNT_DETAILED (pass {@code balance} null otherwise). */
    static FdxAccount account(Account a, Balance b) {
        boolean card = a.type() == AccountType.CARD;
        return new FdxAccount(category(a.type()), a.accountId(), fdxType(a.type()), a.maskedNumber(), a.productName(),
                a.nickname(), a.status(), new FdxAccount.Currency(a.currency()),
                b == null ? null : card ? "LIABILITY" : "ASSET",
                b == null ? null : b.current(),
                b == null || card ? null : b.available(),
                b == null ? null : b.asOf(),
                b == null || !card ? null : b.creditLimit(),
                b == null || !card ? null : b.available(),
                b == null || !card ? null : b.statementBalance(),
                b == null || card ? null : b.interestRate());
    }

    static FdxTransaction transaction(AccountType type, Transaction t) {
        return new FdxTransaction(category(type), t.accountId(), t.transactionId(), t.transactionTime(), t.postedTime(),
                t.amount(), t.debitCredit(), t.description(), t.merchant(), t.merchantCategoryCode(), t.category(),
                t.status());
    }

    static FdxPaymentNetworks.PaymentNetwork paymentNetwork(PaymentNetwork n) {
        return new FdxPaymentNetworks.PaymentNetwork(n.routingNumber(), n.accountNumber(), n.type(), n.transferIn(),
                n.transferOut());
    }

    /** CUSTOMER_PERSONAL: name; CUSTOMER_CONTACT: email, address, telephone. The caller checked at least one is granted. */
    static FdxCustomer customer(Customer c, ProviderAccess access) {
        boolean personal = access.has(DataCluster.CUSTOMER_PERSONAL);
        boolean contact = access.has(DataCluster.CUSTOMER_CONTACT);
        Customer.Address a = c.address();
        return new FdxCustomer(c.customerId(),
                personal ? new FdxCustomer.Name(c.firstName(), c.lastName()) : null,
                contact && c.email() != null ? List.of(c.email()) : contact ? List.of() : null,
                contact && a != null && a.line1() != null
                        ? List.of(new FdxCustomer.Address(a.line1(), a.city(), a.region(), a.postalCode(), a.country()))
                        : contact ? List.of() : null,
                contact && c.phone() != null ? List.of(new FdxCustomer.Telephone("PERSONAL", c.phone()))
                        : contact ? List.of() : null);
    }
}
