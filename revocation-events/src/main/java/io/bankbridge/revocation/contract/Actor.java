package io.bankbridge.revocation.contract;

/** Who ended a grant. */
public enum Actor {
    CUSTOMER, PROVIDER, BANK, SYSTEM
}
