package io.bankbridge.token.authorize;

import io.quarkus.qute.TemplateData;

/** One-time messages carried from a form POST to the page the browser is sent to next (303 after every POST). */
@TemplateData
public enum Notice {
    INVALID_CREDENTIALS("The user name and password combination you provided is not valid."),
    LOCKED("Your account is temporarily locked because of too many unsuccessful sign-in attempts. Please try again later."),
    THROTTLED("Too many unsuccessful sign-in attempts from your network. Please wait a moment and try again."),
    NO_ACCOUNT_SELECTED("Please select at least one account to share, or choose Decline."),
    LINKED("Your accounts from the other site have been added."),
    LINK_INVALID("The user name and password combination you provided is not valid."),
    LINK_LOCKED("That account is temporarily locked because of too many unsuccessful sign-in attempts. Please try again later."),
    LINK_REFUSED("We are unable to link your account with the information provided.");

    private final String message;

    Notice(String message) {
        this.message = message;
    }

    /** The text shown to the customer. */
    public String message() {
        return message;
    }

    /** Whether the notice reports a problem (shown as an error) rather than a success. */
    public boolean error() {
        return this != LINKED;
    }
}
