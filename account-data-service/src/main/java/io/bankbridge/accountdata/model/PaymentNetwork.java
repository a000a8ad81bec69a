package io.bankbridge.accountdata.model;

/** How money moves in and out of a deposit account: the full account number and the bank's routing number. */
public record PaymentNetwork(String type, String routingNumber, String accountNumber, boolean transferIn,
                             boolean transferOut) {
}
