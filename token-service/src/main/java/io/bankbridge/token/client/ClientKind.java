package io.bankbridge.token.client;

/** What a client is to the bank, which decides the grants it may use. */
public enum ClientKind {
    /** An onboarded third-party provider: PAR + authorization code, refresh tokens. */
    PROVIDER,
    /** One of the bank's services or systems: client_credentials for its configured internal scopes. */
    INTERNAL,
    /** The bank's own customer-facing client (Security Center): /authorize without PAR, OpenID sign-in. */
    FIRST_PARTY
}
