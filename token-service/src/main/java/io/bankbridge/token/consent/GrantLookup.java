package io.bankbridge.token.consent;

import io.bankbridge.token.OAuthException;
import io.bankbridge.token.generator.InternalTokenSource;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.InstantSource;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Finds the grant a {@code merge} or {@code replace} names (Grant Management for OAuth 2.0), asking consent-service,
 * which owns it: a grant that is unknown, has ended or is another client's is {@code invalid_grant_id}, all alike,
 * so a client learns nothing about grants that are not its own.
 */
@ApplicationScoped
public class GrantLookup {

    /** A consent id: what consent-service gives out. Anything else is unknown without asking. */
    private static final Pattern CONSENT_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ConsentClient consents;
    private final InternalTokenSource internalTokens;
    private final InstantSource clock;

    GrantLookup(@RestClient ConsentClient consents, InternalTokenSource internalTokens, InstantSource clock) {
        this.consents = consents;
        this.internalTokens = internalTokens;
        this.clock = clock;
    }

    /** The client's active grant {@code grantId}; fails with {@code invalid_grant_id} if there is none. */
    public Uni<Consent> activeGrantOf(String clientId, String grantId) {
        if (grantId == null || !CONSENT_ID.matcher(grantId).matches()) {
            return Uni.createFrom().failure(unknown());
        }
        return internalTokens.internalToken()
                .chain(token -> consents.get("Bearer " + token, grantId))
                .onFailure().transform(GrantLookup::unanswered)
                .map(consent -> {
                    if (!clientId.equals(consent.providerId()) || !consent.activeAt(clock.instant())) {
                        throw unknown();
                    }
                    return consent;
                });
    }

    private static OAuthException unknown() {
        return OAuthException.invalidGrantId("grant_id is unknown, has ended or belongs to another client");
    }

    private static RuntimeException unanswered(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() == 404) {
            return unknown();
        }
        if (failure instanceof OAuthException oauth) {
            return oauth;
        }
        Log.warnf("consent-service did not answer a grant lookup: %s", failure.toString());
        return OAuthException.temporarilyUnavailable("the grant cannot be checked right now; retry shortly");
    }
}
