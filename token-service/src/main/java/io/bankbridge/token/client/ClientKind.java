package io.bankbridge.token.client;

/** What a client is to the bank, which decides the grants it may use. */
public enum ClientKind {
    /** An onboarded third-party provider: PAR + authorization code, refresh tokens. */
    PROVIDER,
    /** One of the bank's services: client_credentials for scope {@code internal}. */
    INTERNAL,
    /** The bank's own customer-facing client (Security Center): /authorize without PAR, OpenID sign-in. */
    FIRST_PARTY
}
