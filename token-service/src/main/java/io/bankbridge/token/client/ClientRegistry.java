package io.bankbridge.token.client;

import io.bankbridge.token.generator.OpaqueValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The registry of OAuth clients: onboarded providers in the database, and the bank's internal and first-party
 * clients from configuration (those cannot be onboarded, suspended or shadowed by a provider of the same id).
 */
@ApplicationScoped
public class ClientRegistry implements ProviderDirectory {

    public static final String CONSENT_SERVICE = "consent-service";
    public static final String ACCOUNT_DATA_SERVICE = "account-data-service";
    public static final String SECURITY_CENTER = "security-center";
    public static final String CORE_BANKING = "core-banking";

    private static final String SELECT = "SELECT c.client_id, c.name, c.logo_uri, c.redirect_uris, c.allowed_clusters, "
            + "c.auth_method, c.secret_hash, c.status, c.created_at, c.suspended_at, c.dpop_bound_access_tokens, k.jwks, "
            + "k.jwks_uri "
            + "FROM clients c LEFT JOIN client_keys k ON k.client_id = c.client_id";

    /** The documented shape of a client id: 3-64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit. */
    public static final String CLIENT_ID_SHAPE = "[a-z0-9][a-z0-9._-]{2,63}";
    private static final Pattern CLIENT_ID = Pattern.compile(CLIENT_ID_SHAPE);

    private final Pool pool;
    private final Map<String, RegisteredClient> configured;

    ClientRegistry(Pool pool, ClientSettings settings) {
        this.pool = pool;
        Map<String, RegisteredClient> clients = new HashMap<>();
        clients.put(CONSENT_SERVICE, internal(CONSENT_SERVICE, "Consent service", settings.consentService()));
        clients.put(ACCOUNT_DATA_SERVICE, internal(ACCOUNT_DATA_SERVICE, "Account data service",
                settings.accountDataService()));
        clients.put(CORE_BANKING, internal(CORE_BANKING, "Core banking", settings.coreBanking()));
        clients.put(SECURITY_CENTER, new RegisteredClient(SECURITY_CENTER, "Security Center", null,
                List.of(settings.securityCenter().redirectUri()), Set.of(), Set.of(), ClientKind.FIRST_PARTY,
                AuthMethod.CLIENT_SECRET_BASIC, settings.securityCenter().secret().map(OpaqueValues::hash).orElse(null),
                null, null, true, null, null, List.of(settings.securityCenter().postLogoutRedirectUri()), false));
        this.configured = Map.copyOf(clients);
    }

    /** Whether {@code clientId} has the shape of a client id; nothing else is ever looked up. */
    public static boolean isWellFormed(String clientId) {
        return clientId != null && CLIENT_ID.matcher(clientId).matches();
    }

    /** Whether the id belongs to a configured client (not available to providers). */
    public boolean isReserved(String clientId) {
        return configured.containsKey(clientId);
    }

    @Override
    public Uni<Optional<Provider>> find(String clientId) {
        return client(clientId).map(c -> c.map(RegisteredClient::toProvider));
    }

    /** The client with this id, configured or onboarded. */
    public Uni<Optional<RegisteredClient>> client(String clientId) {
        if (clientId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        RegisteredClient fixed = configured.get(clientId);
        if (fixed != null) {
            return Uni.createFrom().item(Optional.of(fixed));
        }
        return provider(pool, clientId);
    }

    /** An onboarded provider, read through the given client (a transaction, or the pool). */
    public Uni<Optional<RegisteredClient>> provider(SqlClient sql, String clientId) {
        if (!isWellFormed(clientId)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return sql.preparedQuery(SELECT + " WHERE c.client_id = $1").execute(Tuple.of(clientId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(fromRow(rows.iterator().next())));
    }

    /** Every onboarded provider, oldest first. */
    public Uni<List<RegisteredClient>> providers() {
        return pool.query(SELECT + " ORDER BY c.created_at, c.client_id").execute().map(rows -> {
            List<RegisteredClient> all = new ArrayList<>();
            rows.forEach(row -> all.add(fromRow(row)));
            return all;
        });
    }

    private static RegisteredClient internal(String id, String name, ClientSettings.Internal settings) {
        return new RegisteredClient(id, name, null, List.of(), Set.of(), Collections.unmodifiableSet(
                EnumSet.copyOf(settings.scopes())), ClientKind.INTERNAL, AuthMethod.CLIENT_SECRET_BASIC,
                settings.secret().map(OpaqueValues::hash).orElse(null), null, null, true, null, null, List.of(), false);
    }

    private static RegisteredClient fromRow(Row row) {
        return new RegisteredClient(row.getString("client_id"), row.getString("name"), row.getString("logo_uri"),
                List.of(row.getArrayOfStrings("redirect_uris")), Set.copyOf(List.of(row.getArrayOfStrings("allowed_clusters"))),
                Set.of(), ClientKind.PROVIDER, AuthMethod.fromValue(row.getString("auth_method")).orElseThrow(),
                row.getString("secret_hash"), row.getString("jwks"), row.getString("jwks_uri"),
                "ACTIVE".equals(row.getString("status")), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("suspended_at")), List.of(), row.getBoolean("dpop_bound_access_tokens"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
