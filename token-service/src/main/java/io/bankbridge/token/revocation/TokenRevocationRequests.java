package io.bankbridge.token.revocation;

import com.nimbusds.jwt.JWTClaimsSet;
import io.bankbridge.contract.token.Claims;
import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.token.client.ClientKind;
import io.bankbridge.token.client.RegisteredClient;
import io.bankbridge.token.generator.AccessTokenReader;
import io.bankbridge.token.generator.RefreshTokenStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;

/**
 * RFC 7009 revocation requests. A refresh token ends its whole consent (and only that consent: at once here, and
 * consent-service is asked to revoke it); an access token ends itself ({@code token.revoked} by {@code jti}). Tokens that are unknown, expired or another client's are left
 * alone, and the answer is the same, so that the endpoint tells nothing about tokens the caller does not hold.
 */
@ApplicationScoped
public class TokenRevocationRequests {

    private final Pool pool;
    private final RefreshTokenStore refreshTokens;
    private final AccessTokenReader accessTokens;
    private final GrantRevocation revocation;
    private final InstantSource clock;

    TokenRevocationRequests(Pool pool, RefreshTokenStore refreshTokens, AccessTokenReader accessTokens,
                            GrantRevocation revocation, InstantSource clock) {
        this.pool = pool;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.revocation = revocation;
        this.clock = clock;
    }

    public Uni<Void> revoke(RegisteredClient caller, String token) {
        Actor actor = caller.kind() == ClientKind.PROVIDER ? Actor.PROVIDER : Actor.BANK;
        var claims = accessTokens.read(token);
        if (claims.isPresent()) {
            return revokeAccessToken(caller, claims.get(), actor);
        }
        return pool.withTransaction(tx -> refreshTokens.find(tx, token).chain(found -> {
            if (found.isEmpty() || !found.get().clientId().equals(caller.clientId())) {
                return Uni.createFrom().item(false);
            }
            var refresh = found.get();
            if (refresh.consentId() == null) {
                return refreshTokens.delete(tx, refresh.tokenHash()).replaceWith(false);
            }
            return revocation.revokeConsent(tx, refresh.consentId(), actor, "refresh token revoked by the client")
                    .replaceWith(true);
        })).invoke(recorded -> {
            if (recorded) {
                revocation.sendNow();
            }
        }).replaceWithVoid();
    }

    private Uni<Void> revokeAccessToken(RegisteredClient caller, JWTClaimsSet claims, Actor actor) {
        String clientId = AccessTokenReader.claim(claims, Claims.CLIENT_ID);
        if (!caller.clientId().equals(clientId) || claims.getExpirationTime().toInstant().isBefore(clock.instant())) {
            return Uni.createFrom().voidItem();
        }
        return revocation.inTransaction(pool, tx -> revocation.revokeAccessToken(tx, claims.getJWTID(),
                        AccessTokenReader.claim(claims, Claims.CONSENT_ID), clientId, claims.getSubject(), actor,
                        "access token revoked by the client"));
    }
}
