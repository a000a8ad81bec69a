package io.bankbridge.token.client;

import io.bankbridge.contract.token.InternalScope;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * The bank's own clients, configured rather than onboarded ({@code bankbridge.clients.*}). Secrets come from the
 * environment; a client without a secret cannot authenticate, so it does not exist for the token endpoint.
 */
@ConfigMapping(prefix = "bankbridge.clients")
public interface ClientSettings {

    /** consent-service: internal tokens (env {@code BANKBRIDGE_INTERNAL_SECRET_CONSENT_SERVICE}). */
    Internal consentService();

    /** account-data-service: internal tokens (env {@code BANKBRIDGE_INTERNAL_SECRET_ACCOUNT_DATA_SERVICE}). */
    Internal accountDataService();

    /**
     * The bank's core systems feeding account data: internal tokens (env
     * {@code BANKBRIDGE_INTERNAL_SECRET_CORE_BANKING}, optional).
     */
    Internal coreBanking();

    /** The Security Center's OpenID sign-in (env {@code BANKBRIDGE_SECURITY_CENTER_SECRET}). */
    FirstParty securityCenter();

    interface Internal {
        Optional<String> secret();

        /** What client_credentials may grant it (e.g. {@code internal.access-log.read}): its capabilities, no more. */
        @WithConverter(InternalScopeConverter.class)
        List<InternalScope> scopes();
    }

    interface FirstParty {
        Optional<String> secret();

        /** The one registered redirect URI, matched exactly. */
        @WithDefault("http://localhost:8082/security-center/callback")
        String redirectUri();

        /** Where token-service's end_session endpoint may send the browser after signing out, matched exactly. */
        @WithDefault("http://localhost:8082/security-center/signed-out")
        String postLogoutRedirectUri();
    }
}
