package io.bankbridge.token.grant.refresh;

import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.token.OAuthException;
import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.client.RegisteredClient;
import io.bankbridge.token.consent.ConsentStateCheck;
import io.bankbridge.token.generator.JwtTokenGenerator;
import io.bankbridge.token.generator.MintedAccessToken;
import io.bankbridge.token.generator.RefreshTokenStore;
import io.bankbridge.token.generator.RefreshTokenStore.StoredRefreshToken;
import io.bankbridge.token.grant.GrantHandler;
import io.bankbridge.token.grant.GrantOutcome;
import io.bankbridge.token.grant.TokenResponse;
import io.bankbridge.token.revocation.GrantRevocation;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code grant_type=refresh_token}: exchanges a refresh token of the calling client for a new access token and a
 * new refresh token (rotation; the absolute expiry is kept). Presenting a token that was already rotated means two
 * parties hold it: the consent's tokens are revoked and {@code consent.revoked} (actor SYSTEM) goes out.
 */
@ApplicationScoped
public class RefreshTokenGrantHandler implements GrantHandler {

    private final Pool pool;
    private final RefreshTokenStore refreshTokens;
    private final JwtTokenGenerator generator;
    private final GrantRevocation revocation;
    private final TokenSettings settings;
    private final ConsentStateCheck consentState;

    RefreshTokenGrantHandler(Pool pool, RefreshTokenStore refreshTokens, JwtTokenGenerator generator,
                             GrantRevocation revocation, TokenSettings settings, ConsentStateCheck consentState) {
        this.pool = pool;
        this.refreshTokens = refreshTokens;
        this.generator = generator;
        this.revocation = revocation;
        this.settings = settings;
        this.consentState = consentState;
    }

    @Override
    public String grantType() {
        return "refresh_token";
    }

    @Override
    public Uni<TokenResponse> handle(RegisteredClient client, OAuthParameters params) {
        String presented = params.required("refresh_token");
        Set<String> narrowed = params.optional("scope")
                .map(s -> new LinkedHashSet<>(Arrays.asList(s.trim().split(" +")))).orElse(null);
        return pool.withTransaction(tx -> refreshTokens.lock(tx, presented).chain(found -> {
            if (found.isEmpty()) {
                return GrantOutcome.refused(OAuthException.invalidGrant("unknown refresh token"));
            }
            StoredRefreshToken token = found.get();
            if (!token.clientId().equals(client.clientId())) {
                return GrantOutcome.refused(OAuthException.invalidGrant("the refresh token was issued to another client"));
            }
            if (token.rotated()) {
                return revokeReused(tx, token);
            }
            if (token.expiresAt().isBefore(Instant.now())) {
                return GrantOutcome.refused(OAuthException.invalidGrant("the refresh token has expired"));
            }
            List<String> scopes = token.scopes();
            if (narrowed != null) {
                if (!scopes.containsAll(narrowed)) {
                    return GrantOutcome.refused(OAuthException.invalidScope("scope exceeds what was granted"));
                }
                scopes = List.copyOf(narrowed);
            }
            List<String> granted = scopes;
            // While the revocation view is stale, consent-service confirms the consent first.
            return consentState.beforeMinting(token.consentId()).chain(() -> rotate(tx, token, granted));
        })).map(outcome -> GrantOutcome.settle(outcome, revocation));
    }

    private Uni<GrantOutcome> rotate(SqlClient tx, StoredRefreshToken token, List<String> scopes) {
        MintedAccessToken access = generator.customerAccessToken(token.clientId(), token.customerId(), token.consentId(),
                scopes);
        return refreshTokens.markRotated(tx, token.tokenHash())
                .chain(() -> refreshTokens.issue(tx, token.clientId(), token.consentId(), token.customerId(),
                        token.scopes(), token.expiresAt()))
                .map(next -> new GrantOutcome.Issued(TokenResponse.bearer(access.value(),
                        settings.accessTokenLifetime().toSeconds(), next, null, String.join(" ", scopes))));
    }

    private Uni<GrantOutcome> revokeReused(SqlClient tx, StoredRefreshToken token) {
        Log.warnf("Rotated refresh token of client %s presented again: revoking consent %s", token.clientId(),
                token.consentId());
        return revocation.revokeConsent(tx, token.consentId(), token.clientId(), token.customerId(), Actor.SYSTEM,
                        "refresh token reused after rotation")
                .replaceWith(new GrantOutcome.Refused(OAuthException.invalidGrant("the refresh token was already used"), true));
    }
}
