package io.bankbridge.token.client;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** What a client is to the bank, which decides the grants it may use and how it may authenticate. */
public enum ClientKind {
    /**
     * An onboarded third-party provider: PAR + authorization code, refresh tokens. FAPI 2.0 allows it only
     * {@code private_key_jwt} (or mutual TLS, once supported: add it here).
     */
    PROVIDER(EnumSet.of(AuthMethod.PRIVATE_KEY_JWT)),
    /** One of the bank's services or systems: client_credentials for its configured internal scopes. */
    INTERNAL(EnumSet.of(AuthMethod.CLIENT_SECRET_BASIC)),
    /** The bank's own customer-facing client (Security Center): /authorize without PAR, OpenID sign-in. */
    FIRST_PARTY(EnumSet.of(AuthMethod.CLIENT_SECRET_BASIC));

    private final Set<AuthMethod> authMethods;

    ClientKind(EnumSet<AuthMethod> authMethods) {
        this.authMethods = Collections.unmodifiableSet(authMethods);
    }

    /** The client authentication methods a client of this kind may be registered with. */
    public Set<AuthMethod> authMethods() {
        return authMethods;
    }
}
