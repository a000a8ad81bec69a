package io.bankbridge.accountdata.model;

/** The kinds of account the bank's product sites hold. */
public enum AccountType {
    CARD, SAVINGS, CHECKING;

    /** Deposit accounts have payment networks (routing and account numbers); cards do not. */
    public boolean isDeposit() {
        return this != CARD;
    }
}
