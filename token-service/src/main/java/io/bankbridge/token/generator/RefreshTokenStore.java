package io.bankbridge.token.generator;

import io.bankbridge.token.SqlTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Opaque refresh tokens: 256 random bits handed to the client, only their SHA-256 stored, bound to client and
 * consent, and to the client's DPoP key when it proved one. Where rotation is on, a replaced token is marked rotated
 * (with its successor) rather than deleted, so that a retry can be answered and a later reuse recognised. Every
 * method runs on the caller's connection, inside the caller's transaction.
 */
@ApplicationScoped
public class RefreshTokenStore {

    /**
     * A stored refresh token.
     *
     * @param rotatedAt  when it was first replaced by a successor; null while it is the current token
     * @param replacedBy the hash of its current successor; null unless rotated
     * @param dpopJkt    the thumbprint of the DPoP key it is bound to; null if unbound
     */
    public record StoredRefreshToken(String tokenHash, String clientId, String consentId, String customerId,
                                     List<String> scopes, Instant issuedAt, Instant expiresAt, Instant rotatedAt,
                                     String replacedBy, String dpopJkt) {

        public boolean rotated() {
            return rotatedAt != null;
        }
    }

    private static final String INSERT = "INSERT INTO refresh_tokens (token_hash, client_id, consent_id, customer_id, "
            + "scopes, issued_at, expires_at, dpop_jkt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    private static final String LOCK = "SELECT * FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE";
    private static final String FIND = "SELECT * FROM refresh_tokens WHERE token_hash = $1";
    // The first rotation's time is kept: a retry does not extend the grace window.
    private static final String ROTATE = "UPDATE refresh_tokens SET rotated_at = coalesce(rotated_at, $3), "
            + "replaced_by = $2 WHERE token_hash = $1";
    private static final String DELETE = "DELETE FROM refresh_tokens WHERE token_hash = $1";
    private static final String DELETE_FOR_CONSENT = "DELETE FROM refresh_tokens WHERE consent_id = $1";
    private static final String DELETE_FOR_CLIENT = "DELETE FROM refresh_tokens WHERE client_id = $1";

    private final InstantSource clock;

    RefreshTokenStore(InstantSource clock) {
        this.clock = clock;
    }

    /** Stores a new refresh token and returns its value (the only time it exists in clear). */
    public Uni<String> issue(SqlClient tx, String clientId, String consentId, String customerId, List<String> scopes,
                             Instant expiresAt) {
        return issue(tx, clientId, consentId, customerId, scopes, expiresAt, null);
    }

    /** The same, bound to the DPoP key with thumbprint {@code dpopJkt} (null: unbound). */
    public Uni<String> issue(SqlClient tx, String clientId, String consentId, String customerId, List<String> scopes,
                             Instant expiresAt, String dpopJkt) {
        String value = OpaqueValues.random();
        return tx.preparedQuery(INSERT).execute(Tuple.from(java.util.Arrays.asList(OpaqueValues.hash(value), clientId,
                        consentId, customerId, scopes.toArray(String[]::new),
                        SqlTime.of(clock.instant()),
                        SqlTime.of(expiresAt), dpopJkt)))
                .replaceWith(value);
    }

    /** The token with this value, locked until the transaction ends (so that two uses cannot both rotate it). */
    public Uni<Optional<StoredRefreshToken>> lock(SqlClient tx, String value) {
        return lockHash(tx, OpaqueValues.hash(value));
    }

    /** The token stored under this hash, locked until the transaction ends. */
    public Uni<Optional<StoredRefreshToken>> lockHash(SqlClient tx, String tokenHash) {
        return tx.preparedQuery(LOCK).execute(Tuple.of(tokenHash)).map(RefreshTokenStore::first);
    }

    public Uni<Optional<StoredRefreshToken>> find(SqlClient sql, String value) {
        return sql.preparedQuery(FIND).execute(Tuple.of(OpaqueValues.hash(value))).map(RefreshTokenStore::first);
    }

    /** Records that the token was replaced by the token {@code successorValue}, at {@code at} unless rotated before. */
    public Uni<Void> markRotated(SqlClient tx, String tokenHash, String successorValue, Instant at) {
        return tx.preparedQuery(ROTATE).execute(Tuple.of(tokenHash, OpaqueValues.hash(successorValue),
                SqlTime.of(at))).replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient tx, String tokenHash) {
        return tx.preparedQuery(DELETE).execute(Tuple.of(tokenHash)).replaceWithVoid();
    }

    public Uni<Integer> deleteForConsent(SqlClient tx, String consentId) {
        return tx.preparedQuery(DELETE_FOR_CONSENT).execute(Tuple.of(consentId)).map(rows -> rows.rowCount());
    }

    public Uni<Integer> deleteForClient(SqlClient tx, String clientId) {
        return tx.preparedQuery(DELETE_FOR_CLIENT).execute(Tuple.of(clientId)).map(rows -> rows.rowCount());
    }

    private static Optional<StoredRefreshToken> first(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        OffsetDateTime rotatedAt = row.getOffsetDateTime("rotated_at");
        return Optional.of(new StoredRefreshToken(row.getString("token_hash"), row.getString("client_id"),
                row.getString("consent_id"), row.getString("customer_id"), List.of(row.getArrayOfStrings("scopes")),
                row.getOffsetDateTime("issued_at").toInstant(), row.getOffsetDateTime("expires_at").toInstant(),
                rotatedAt == null ? null : rotatedAt.toInstant(), row.getString("replaced_by"),
                row.getString("dpop_jkt")));
    }
}
