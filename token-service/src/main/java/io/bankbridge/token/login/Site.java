package io.bankbridge.token.login;

/** The bank's product site a login belongs to. */
public enum Site {
    CARD,
    SAVINGS
}
