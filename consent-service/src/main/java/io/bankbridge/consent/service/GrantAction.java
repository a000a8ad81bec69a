package io.bankbridge.consent.service;

/**
 * How a new authorization changes an existing grant (Grant Management for OAuth 2.0, {@code grant_management_action}
 * {@code merge} and {@code replace}); {@code create} makes a new consent and is not an amendment.
 */
public enum GrantAction {
    /** The grant keeps what it had and gains what the customer approved now. */
    MERGE,
    /** The grant is exactly what the customer approved now. */
    REPLACE;

    /** The history line's event. */
    String historyEvent() {
        return this == MERGE ? "MERGED" : "REPLACED";
    }
}
