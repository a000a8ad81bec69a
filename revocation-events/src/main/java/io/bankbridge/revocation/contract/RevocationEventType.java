package io.bankbridge.revocation.contract;

import java.util.Arrays;
import java.util.Optional;

/**
 * The versioned CloudEvents {@code type}s on the revocation topic. A new meaning gets a new type (or a new
 * version suffix); an existing type's fields are only ever added to, never changed or removed.
 */
public enum RevocationEventType {

    /** A consent (the grant) was revoked by the customer, the provider, the bank or the system. Key: consent id. */
    CONSENT_REVOKED("io.bankbridge.consent.revoked.v1", Subject.CONSENT),
    /** A consent reached its expiry. Key: consent id. */
    CONSENT_EXPIRED("io.bankbridge.consent.expired.v1", Subject.CONSENT),
    /**
     * A consent still in force grants less (or other) than before: the customer removed an account or a data cluster
     * from it, or approved a provider's merge or replace. {@code accountIds} and {@code dataClusters} carry what it
     * grants now; tokens issued under it keep working for exactly that. Key: consent id.
     */
    CONSENT_UPDATED("io.bankbridge.consent.updated.v1", Subject.CONSENT),
    /**
     * A consent in force reaches one of the notice lead times before its expiry (by default 30 and 7 days):
     * {@code effectiveAt} is when it will expire unless the provider renews it. Nothing ends yet; it is announced
     * once per consent, lead time and expiry. Key: consent id.
     */
    CONSENT_EXPIRING("io.bankbridge.consent.expiring.v1", Subject.CONSENT),
    /** One access token (by {@code jti}) was revoked; other tokens of the consent stay valid. Key: consent id. */
    TOKEN_REVOKED("io.bankbridge.token.revoked.v1", Subject.CONSENT),
    /** A provider was suspended: every grant it holds is void from {@code effectiveAt}. Key: provider (client) id. */
    PROVIDER_SUSPENDED("io.bankbridge.provider.suspended.v1", Subject.PROVIDER);

    /** What the record key and the CloudEvents {@code subject} name. */
    public enum Subject { CONSENT, PROVIDER }

    private final String type;
    private final Subject subject;

    RevocationEventType(String type, Subject subject) {
        this.type = type;
        this.subject = subject;
    }

    /** The CloudEvents {@code type} attribute value. */
    public String type() {
        return type;
    }

    public Subject subject() {
        return subject;
    }

    public static Optional<RevocationEventType> fromType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
