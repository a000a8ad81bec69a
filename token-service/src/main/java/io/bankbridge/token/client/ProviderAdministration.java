package io.bankbridge.token.client;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.bankbridge.token.ProblemException;
import io.bankbridge.token.SqlTime;
import io.bankbridge.token.generator.OpaqueValues;
import io.bankbridge.token.revocation.GrantRevocation;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Onboarding, suspension and reactivation of providers. Suspension is one transaction: the provider is marked
 * suspended, its refresh tokens are deleted and {@code provider.suspended} is appended to the outbox; every
 * service then refuses the provider's tokens issued until then.
 */
@ApplicationScoped
public class ProviderAdministration {

    private static final String INSERT_CLIENT = "INSERT INTO clients (client_id, name, logo_uri, redirect_uris, "
            + "allowed_clusters, auth_method, dpop_bound_access_tokens) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    private static final String INSERT_KEYS = "INSERT INTO client_keys (client_id, jwks, jwks_uri) VALUES ($1, $2, $3)";
    private static final String SUSPEND = "UPDATE clients SET status = 'SUSPENDED', suspended_at = $2 "
            + "WHERE client_id = $1 AND status = 'ACTIVE' RETURNING suspended_at";
    private static final String REACTIVATE = "UPDATE clients SET status = 'ACTIVE' WHERE client_id = $1";
    private static final String REPLACE_KEYS = "UPDATE client_keys SET jwks = $2, jwks_uri = NULL WHERE client_id = $1";

    private final Pool pool;
    private final ClientRegistry registry;
    private final ClientAuthenticator authenticator;
    private final GrantRevocation revocation;
    private final InstantSource clock;

    ProviderAdministration(Pool pool, ClientRegistry registry, ClientAuthenticator authenticator,
                           GrantRevocation revocation, InstantSource clock) {
        this.pool = pool;
        this.registry = registry;
        this.authenticator = authenticator;
        this.revocation = revocation;
        this.clock = clock;
    }

    /**
     * Onboards a provider. The registration's fields are checked against its constraints on the way in (a broken
     * one is a 400 naming the field), from the admin API and the demo seed alike; what reads several fields, the keys
     * and the client registry is checked here.
     */
    public Uni<ProviderView> onboard(@Valid @NotNull(message = "a provider registration is required")
                                     ProviderRegistration registration) {
        String clientId = registration.clientId() == null ? "prv-" + OpaqueValues.random().substring(0, 16).toLowerCase()
                : registration.clientId();
        if (registry.isReserved(clientId)) {
            throw ProblemException.conflict("client id " + clientId + " is reserved");
        }
        String name = registration.name().trim();
        List<String> redirectUris = List.copyOf(new LinkedHashSet<>(registration.redirectUris()));
        List<String> clusters = List.copyOf(new LinkedHashSet<>(registration.allowedClusters()));
        AuthMethod method = registration.tokenEndpointAuthMethod() == null ? AuthMethod.PRIVATE_KEY_JWT
                : AuthMethod.fromValue(registration.tokenEndpointAuthMethod())
                .filter(ClientKind.PROVIDER.authMethods()::contains)
                .orElseThrow(() -> ProblemException.badRequest("tokenEndpointAuthMethod must be one of "
                        + ClientKind.PROVIDER.authMethods().stream().map(AuthMethod::value).toList()
                        + ": FAPI 2.0 allows providers no shared secret"));
        if ((registration.jwks() == null) == (registration.jwksUri() == null)) {
            throw ProblemException.badRequest("private_key_jwt needs exactly one of jwks and jwksUri");
        }
        String keys = registration.jwks() == null ? null : publicJwks(registration.jwks());
        Tuple client = Tuple.tuple().addValue(clientId).addValue(name).addValue(registration.logoUri())
                .addValue(redirectUris.toArray(String[]::new)).addValue(clusters.toArray(String[]::new))
                .addValue(method.value())
                .addValue(registration.dpopBoundAccessTokens() == null || registration.dpopBoundAccessTokens());
        return pool.withTransaction(tx -> tx.preparedQuery(INSERT_CLIENT).execute(client)
                        .chain(() -> tx.preparedQuery(INSERT_KEYS).execute(Tuple.of(clientId, keys, registration.jwksUri()))))
                .onFailure(PgException.class).transform(e -> "23505".equals(((PgException) e).getSqlState())
                        ? ProblemException.conflict("a provider with client id " + clientId + " exists already") : e)
                .chain(() -> get(clientId))
                .invoke(view -> Log.infof("Onboarded provider %s (%s)", clientId, method.value()));
    }

    public Uni<ProviderView> get(String clientId) {
        // a malformed id is looked up nowhere and never echoed (it may hold any byte)
        String shown = ClientRegistry.isWellFormed(clientId) ? clientId : "with that id";
        return registry.provider(pool, clientId).map(found -> view(found.orElseThrow(() ->
                ProblemException.notFound("no provider " + shown))));
    }

    public Uni<List<ProviderView>> list() {
        return registry.providers().map(all -> all.stream().map(ProviderAdministration::view).toList());
    }

    /** Suspends the provider (idempotent: suspending a suspended provider changes nothing and emits nothing). */
    public Uni<ProviderView> suspend(String clientId, String reason) {
        if (!ClientRegistry.isWellFormed(clientId)) {
            return Uni.createFrom().failure(ProblemException.notFound("no provider with that id"));
        }
        String why = reason == null || reason.isBlank() ? "provider suspended by the bank" : reason;
        OffsetDateTime now = SqlTime.of(clock.instant());
        return revocation.inTransaction(pool, tx -> tx.preparedQuery(SUSPEND).execute(Tuple.of(clientId, now))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    var suspendedAt = rows.iterator().next().getOffsetDateTime("suspended_at").toInstant();
                    return revocation.suspendProvider(tx, clientId, why, suspendedAt).replaceWith(true);
                })).invoke(suspended -> {
            if (suspended) {
                Log.infof("Suspended provider %s: %s", clientId, why);
            }
        }).chain(() -> get(clientId));
    }

    /**
     * Reactivates a suspended provider. A token's issue time is in whole seconds and every service voids the
     * provider's tokens issued at or before the suspension, so a token issued later in the suspension's own second
     * would be void too: the provider is active again only from the next whole second, and the call waits for it
     * (at most a second).
     */
    public Uni<ProviderView> reactivate(String clientId) {
        if (!ClientRegistry.isWellFormed(clientId)) {
            return Uni.createFrom().failure(ProblemException.notFound("no provider with that id"));
        }
        return registry.provider(pool, clientId).chain(found -> {
            Duration wait = found.map(RegisteredClient::suspendedAt).map(this::untilTheSecondAfter)
                    .orElse(Duration.ZERO);
            Uni<Void> ready = Uni.createFrom().voidItem();
            return wait.isPositive() ? ready.onItem().delayIt().by(wait) : ready;
        }).chain(() -> pool.preparedQuery(REACTIVATE).execute(Tuple.of(clientId))).chain(() -> get(clientId));
    }

    /** How long until the first whole second after {@code suspendedAt} (negative once it has begun). */
    private Duration untilTheSecondAfter(Instant suspendedAt) {
        return Duration.between(clock.instant(), suspendedAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
    }

    /** Replaces an onboarded provider's keys with this inline JWKS (used by the demo seed). */
    Uni<Void> replaceKeys(SqlClient sql, String clientId, String publicJwks) {
        authenticator.forgetKeys(clientId);
        return sql.preparedQuery(REPLACE_KEYS).execute(Tuple.of(clientId, publicJwks)).replaceWithVoid();
    }

    private static String publicJwks(Map<String, Object> jwks) {
        JWKSet set;
        try {
            set = JWKSet.parse(jwks);
        } catch (ParseException e) {
            throw ProblemException.badRequest("jwks is not a JWK set: " + e.getMessage());
        }
        if (set.getKeys().isEmpty()) {
            throw ProblemException.badRequest("jwks holds no key");
        }
        for (JWK key : set.getKeys()) {
            if (key.isPrivate()) {
                throw ProblemException.badRequest("jwks must hold public keys only (key " + key.getKeyID() + " is private)");
            }
            boolean usable = (key instanceof RSAKey rsa && rsa.size() >= 2048)
                    || (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()));
            if (!usable) {
                throw ProblemException.badRequest("keys must be RSA (2048 bits or more, for PS256) or EC P-256 (ES256)");
            }
        }
        return JSONObjectUtils.toJSONString(set.toJSONObject(true));
    }

    private static ProviderView view(RegisteredClient c) {
        Map<String, Object> jwks = null;
        if (c.jwks() != null) {
            try {
                jwks = JSONObjectUtils.parse(c.jwks());
            } catch (ParseException e) {
                throw new IllegalStateException("stored JWKS of " + c.clientId() + " is unreadable", e);
            }
        }
        return new ProviderView(c.clientId(), c.name(), c.logoUri(), c.redirectUris(), List.copyOf(c.allowedClusters()),
                c.authMethod().value(), jwks, c.jwksUri(), c.active() ? "ACTIVE" : "SUSPENDED", c.createdAt(),
                c.suspendedAt(), c.dpopBoundAccessTokens());
    }
}
