package io.bankbridge.token.introspection;

import com.nimbusds.jwt.JWTClaimsSet;
import io.bankbridge.contract.token.Claims;
import io.bankbridge.dpop.DPoPProofVerifier;
import io.bankbridge.token.client.ClientKind;
import io.bankbridge.token.client.RegisteredClient;
import io.bankbridge.token.generator.AccessTokenReader;
import io.bankbridge.token.generator.RefreshTokenStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 7662 token introspection. A token is active when it is genuine and unexpired, and neither it (by {@code jti}),
 * its consent, nor (for tokens issued before the suspension) its provider has been revoked. A provider only learns
 * about its own tokens; the bank's internal services about any.
 */
@ApplicationScoped
public class TokenIntrospection {

    private static final Map<String, Object> INACTIVE = Map.of("active", false);
    private static final String REVOCATION_STATE = "SELECT "
            + "EXISTS (SELECT 1 FROM revoked_access_tokens WHERE jti = $1) AS jti_revoked, "
            + "EXISTS (SELECT 1 FROM revoked_consents WHERE consent_id = $2) AS consent_revoked, "
            + "(SELECT suspended_at FROM clients WHERE client_id = $3) AS suspended_at";

    private final Pool pool;
    private final AccessTokenReader accessTokens;
    private final RefreshTokenStore refreshTokens;
    private final InstantSource clock;

    TokenIntrospection(Pool pool, AccessTokenReader accessTokens, RefreshTokenStore refreshTokens, InstantSource clock) {
        this.pool = pool;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    public Uni<Map<String, Object>> introspect(RegisteredClient caller, String token) {
        var claims = accessTokens.read(token);
        if (claims.isPresent()) {
            return accessToken(caller, claims.get());
        }
        return refreshTokens.find(pool, token).chain(found -> {
            if (found.isEmpty() || found.get().rotated() || found.get().expiresAt().isBefore(clock.instant())
                    || !visibleTo(caller, found.get().clientId())) {
                return Uni.createFrom().item(INACTIVE);
            }
            var refresh = found.get();
            return revocationState(null, refresh.consentId(), refresh.clientId()).map(state -> {
                if (state.revoked(refresh.issuedAt())) {
                    return INACTIVE;
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("active", true);
                body.put("token_type", "refresh_token");
                body.put(Claims.CLIENT_ID, refresh.clientId());
                body.put("sub", refresh.customerId());
                body.put("scope", String.join(" ", refresh.scopes()));
                body.put("iat", refresh.issuedAt().getEpochSecond());
                body.put("exp", refresh.expiresAt().getEpochSecond());
                if (refresh.consentId() != null) {
                    body.put(Claims.CONSENT_ID, refresh.consentId());
                }
                if (refresh.dpopJkt() != null) {
                    body.put(Claims.CONFIRMATION, Map.of(Claims.CONFIRMATION_JKT, refresh.dpopJkt()));
                }
                return body;
            });
        });
    }

    private Uni<Map<String, Object>> accessToken(RegisteredClient caller, JWTClaimsSet claims) {
        String clientId = AccessTokenReader.claim(claims, Claims.CLIENT_ID);
        Instant issuedAt = claims.getIssueTime() == null ? Instant.EPOCH : claims.getIssueTime().toInstant();
        if (claims.getExpirationTime().toInstant().isBefore(clock.instant()) || clientId == null
                || !visibleTo(caller, clientId)) {
            return Uni.createFrom().item(INACTIVE);
        }
        String consentId = AccessTokenReader.claim(claims, Claims.CONSENT_ID);
        return revoked(claims).map(revoked -> {
            if (revoked) {
                return INACTIVE;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("active", true);
            Object cnf = claims.getClaim(Claims.CONFIRMATION);
            // RFC 9449 §6.2: a bound token's type and key, for a resource server that introspects
            body.put("token_type", cnf == null ? "Bearer" : DPoPProofVerifier.TOKEN_TYPE);
            body.put("iss", claims.getIssuer());
            body.put("sub", claims.getSubject());
            body.put("aud", claims.getAudience().size() == 1 ? claims.getAudience().get(0) : claims.getAudience());
            body.put(Claims.CLIENT_ID, clientId);
            body.put("scope", AccessTokenReader.claim(claims, "scope"));
            body.put("jti", claims.getJWTID());
            body.put("iat", issuedAt.getEpochSecond());
            body.put("exp", claims.getExpirationTime().toInstant().getEpochSecond());
            if (consentId != null) {
                body.put(Claims.CONSENT_ID, consentId);
            }
            if (cnf != null) {
                body.put(Claims.CONFIRMATION, cnf);
            }
            return body;
        });
    }

    /**
     * Whether a genuine access token was revoked: by its {@code jti}, through its consent, or by its provider's
     * suspension after it was issued. Expiry is the caller's check.
     */
    public Uni<Boolean> revoked(JWTClaimsSet claims) {
        Instant issuedAt = claims.getIssueTime() == null ? Instant.EPOCH : claims.getIssueTime().toInstant();
        return revocationState(claims.getJWTID(), AccessTokenReader.claim(claims, Claims.CONSENT_ID),
                AccessTokenReader.claim(claims, Claims.CLIENT_ID)).map(state -> state.revoked(issuedAt));
    }

    private record RevocationState(boolean jtiRevoked, boolean consentRevoked, Instant providerSuspendedAt) {
        boolean revoked(Instant issuedAt) {
            return jtiRevoked || consentRevoked || (providerSuspendedAt != null && !issuedAt.isAfter(providerSuspendedAt));
        }
    }

    private Uni<RevocationState> revocationState(String jti, String consentId, String clientId) {
        return pool.preparedQuery(REVOCATION_STATE).execute(Tuple.of(jti, consentId, clientId)).map(rows -> {
            Row row = rows.iterator().next();
            OffsetDateTime suspendedAt = row.getOffsetDateTime("suspended_at");
            return new RevocationState(row.getBoolean("jti_revoked"), row.getBoolean("consent_revoked"),
                    suspendedAt == null ? null : suspendedAt.toInstant());
        });
    }

    private static boolean visibleTo(RegisteredClient caller, String tokenClientId) {
        return caller.kind() == ClientKind.INTERNAL || caller.clientId().equals(tokenClientId);
    }
}
