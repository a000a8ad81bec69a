package io.bankbridge.token.grant.refresh;

import io.bankbridge.token.OAuthException;
import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.client.RegisteredClient;
import io.bankbridge.token.consent.ConsentStateCheck;
import io.bankbridge.token.dpop.DPoPBinding;
import io.bankbridge.token.generator.JwtTokenGenerator;
import io.bankbridge.token.generator.MintedAccessToken;
import io.bankbridge.token.generator.RefreshTokenStore;
import io.bankbridge.token.generator.RefreshTokenStore.StoredRefreshToken;
import io.bankbridge.token.grant.GrantHandler;
import io.bankbridge.token.grant.GrantOutcome;
import io.bankbridge.token.grant.TokenResponse;
import io.bankbridge.token.revocation.GrantRevocation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code grant_type=refresh_token}: exchanges a refresh token of the calling client for a new access token. By default
 * the refresh token is not rotated (FAPI 2.0 §5.3.2.1 item 10): it stays valid until its consent ends, and the answer
 * carries no {@code refresh_token}, so per RFC 6749 §6 the client keeps the one it has. Returning the same value again
 * would be allowed too, but clients that treat every returned refresh token as a new one would gain nothing, and an
 * answer without it leaks nothing more than an access token.
 *
 * <p>Where a deployment turns rotation on, each refresh replaces the token; the previous token still works for the
 * same, authenticated client within the grace window (the retry of a request whose answer was lost): it then gets a
 * new access token and a new successor that replaces the one the lost answer carried, so one successor stays live.
 * Reuse after the window, or after the successor was itself used, is refused and recorded as a security event. Nothing
 * presented here ever revokes the consent: a stranger must not be able to end a customer's grant.
 */
@ApplicationScoped
public class RefreshTokenGrantHandler implements GrantHandler {

    private final Pool pool;
    private final RefreshTokenStore refreshTokens;
    private final JwtTokenGenerator generator;
    private final GrantRevocation revocation;
    private final TokenSettings settings;
    private final RefreshSettings refresh;
    private final InstantSource clock;
    private final Counter reuseRefused;
    private final ConsentStateCheck consentState;

    RefreshTokenGrantHandler(Pool pool, RefreshTokenStore refreshTokens, JwtTokenGenerator generator,
                             GrantRevocation revocation, TokenSettings settings, RefreshSettings refresh,
                             InstantSource clock, MeterRegistry registry, ConsentStateCheck consentState) {
        this.pool = pool;
        this.refreshTokens = refreshTokens;
        this.generator = generator;
        this.revocation = revocation;
        this.settings = settings;
        this.refresh = refresh;
        this.clock = clock;
        this.reuseRefused = Counter.builder("bankbridge.refresh.reuse.refused")
                .description("Rotated refresh tokens presented after the grace window (security events)")
                .register(registry);
        this.consentState = consentState;
    }

    @Override
    public String grantType() {
        return "refresh_token";
    }

    @Override
    public Uni<TokenResponse> handle(RegisteredClient client, OAuthParameters params, DPoPBinding dpop) {
        String presented = params.required("refresh_token");
        Set<String> narrowed = params.optional("scope")
                .map(s -> new LinkedHashSet<>(Arrays.asList(s.trim().split(" +")))).orElse(null);
        if (!refresh.rotation()) {
            // Nothing is written when tokens are not rotated: one indexed read, no transaction and no row lock. A
            // revocation committing meanwhile ends the access token at the resource servers (revocation events),
            // as it does for an access token issued just before it. A token rotated while rotation was on still
            // takes the locked path, which knows how to answer it.
            return refreshTokens.find(pool, presented).chain(found -> found.isPresent() && found.get().rotated()
                            ? locked(client, presented, narrowed, dpop) : decide(pool, found, client, narrowed, dpop))
                    .map(outcome -> GrantOutcome.settle(outcome, revocation));
        }
        return locked(client, presented, narrowed, dpop).map(outcome -> GrantOutcome.settle(outcome, revocation));
    }

    /** Reads the token locked for the transaction, so that two uses of it cannot both rotate it. */
    private Uni<GrantOutcome> locked(RegisteredClient client, String presented, Set<String> narrowed, DPoPBinding dpop) {
        return pool.withTransaction(tx -> refreshTokens.lock(tx, presented)
                .chain(found -> decide(tx, found, client, narrowed, dpop)));
    }

    private Uni<GrantOutcome> decide(SqlClient tx, Optional<StoredRefreshToken> found, RegisteredClient client,
                                     Set<String> narrowed, DPoPBinding dpop) {
        if (found.isEmpty()) {
            return GrantOutcome.refused(OAuthException.invalidGrant("unknown refresh token"));
        }
        StoredRefreshToken token = found.get();
        if (!token.clientId().equals(client.clientId())) {
            return GrantOutcome.refused(OAuthException.invalidGrant("the refresh token was issued to another client"));
        }
        if (!dpop.matches(token.dpopJkt())) {
            return GrantOutcome.refused(OAuthException.invalidGrant("the refresh token is bound to another DPoP key"));
        }
        if (token.expiresAt().isBefore(clock.instant())) {
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
        return consentState.beforeMinting(token.consentId()).chain(() -> {
            if (token.rotated()) {
                return retry(tx, token, granted, dpop);
            }
            if (!refresh.rotation()) {
                return Uni.createFrom().item(issued(token, granted, null, dpop));
            }
            return rotate(tx, token, granted, dpop);
        });
    }

    private Uni<GrantOutcome> rotate(SqlClient tx, StoredRefreshToken token, List<String> scopes, DPoPBinding dpop) {
        return refreshTokens.issue(tx, token.clientId(), token.consentId(), token.customerId(), token.scopes(),
                        token.expiresAt(), token.dpopJkt())
                .call(next -> refreshTokens.markRotated(tx, token.tokenHash(), next, clock.instant()))
                .map(next -> issued(token, scopes, next, dpop));
    }

    /**
     * A rotated token again: within the grace window, and while its successor is unused, a retry that supersedes the
     * successor; otherwise a reuse, refused and recorded.
     */
    private Uni<GrantOutcome> retry(SqlClient tx, StoredRefreshToken token, List<String> scopes, DPoPBinding dpop) {
        if (clock.instant().isAfter(token.rotatedAt().plus(refresh.reuseGrace()))) {
            return refuseReuse(token, "after the grace window");
        }
        return refreshTokens.lockHash(tx, token.replacedBy()).chain(successor -> {
            if (successor.isEmpty() || successor.get().rotated()) {
                return refuseReuse(token, "after its successor was used");
            }
            return refreshTokens.delete(tx, token.replacedBy()).chain(() -> rotate(tx, token, scopes, dpop));
        });
    }

    private Uni<GrantOutcome> refuseReuse(StoredRefreshToken token, String when) {
        reuseRefused.increment();
        Log.warnf("Security event: rotated refresh token of client %s (consent %s) presented again %s; refused, the "
                + "consent is left alone", token.clientId(), token.consentId(), when);
        return GrantOutcome.refused(OAuthException.invalidGrant("the refresh token was replaced"));
    }

    private GrantOutcome issued(StoredRefreshToken token, List<String> scopes, String nextRefreshToken,
                                DPoPBinding dpop) {
        MintedAccessToken access = generator.customerAccessToken(token.clientId(), token.customerId(), token.consentId(),
                scopes, dpop.jkt());
        return new GrantOutcome.Issued(TokenResponse.of(dpop, access.value(), settings.accessTokenLifetime().toSeconds(),
                nextRefreshToken, null, String.join(" ", scopes)));
    }
}
