package io.bankbridge.token.grant.authcode;

import io.bankbridge.token.SqlTime;
import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.generator.OpaqueValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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
 * Authorization codes: 256 random bits, stored as SHA-256, valid for the configured lifetime (≤ 60 s). Only a
 * successful redemption consumes a code. A redeemed code stays stored (marked) until it expires, so that a second
 * redemption is recognised and answered by revoking what the first one issued.
 */
@ApplicationScoped
public class AuthorizationCodeStore implements AuthorizationCodeIssuer {

    /** A stored code. {@code redeemed} tells whether a redemption happened before this one. */
    record StoredCode(String codeHash, CodeGrant grant, Instant expiresAt, boolean redeemed, String issuedJti) {
    }

    private static final String INSERT = "INSERT INTO authorization_codes (code_hash, client_id, redirect_uri, customer_id, "
            + "consent_id, scopes, code_challenge, nonce, auth_time, expires_at, consent_expires_at) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    private static final String LOCK = "SELECT * FROM authorization_codes WHERE code_hash = $1 FOR UPDATE";
    // Conditional: whatever the caller checked, a code is consumed once.
    private static final String CONSUME = "UPDATE authorization_codes SET redeemed_at = $3, issued_jti = $2 "
            + "WHERE code_hash = $1 AND redeemed_at IS NULL";
    // Redeemed codes are kept a while past expiry, so that a late replay still revokes.
    private final Pool pool;
    private final TokenSettings settings;
    private final InstantSource clock;

    AuthorizationCodeStore(Pool pool, TokenSettings settings, InstantSource clock) {
        this.pool = pool;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Uni<String> issue(CodeGrant grant) {
        String code = OpaqueValues.random();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.codeLifetime());
        Tuple values = Tuple.tuple()
                .addValue(OpaqueValues.hash(code))
                .addValue(grant.clientId())
                .addValue(grant.redirectUri())
                .addValue(grant.customerId())
                .addValue(grant.consentId())
                .addValue(grant.scopes().toArray(String[]::new))
                .addValue(grant.codeChallenge())
                .addValue(grant.nonce())
                .addValue(SqlTime.of(grant.authTime() == null ? now : grant.authTime()))
                .addValue(SqlTime.of(expiresAt))
                .addValue(grant.consentExpiresAt() == null ? null
                        : SqlTime.of(grant.consentExpiresAt()));
        return pool.preparedQuery(INSERT).execute(values).replaceWith(code);
    }

    /** The code, locked until the transaction ends; nothing about it changes until {@link #consume}. */
    Uni<Optional<StoredCode>> lock(SqlClient tx, String code) {
        return tx.preparedQuery(LOCK).execute(Tuple.of(OpaqueValues.hash(code)))
                .map(rows -> rows.size() == 0 ? Optional.<StoredCode>empty() : Optional.of(fromRow(rows.iterator().next())));
    }

    /**
     * Marks the code redeemed by the redemption that issued access token {@code jti} (remembered to revoke it if the
     * code is replayed). False if another redemption consumed it first.
     */
    Uni<Boolean> consume(SqlClient tx, String codeHash, String jti) {
        return tx.preparedQuery(CONSUME)
                .execute(Tuple.of(codeHash, jti, SqlTime.of(clock.instant())))
                .map(rows -> rows.rowCount() == 1);
    }

    private static StoredCode fromRow(Row row) {
        CodeGrant grant = new CodeGrant(row.getString("client_id"), row.getString("redirect_uri"),
                row.getString("customer_id"), row.getString("consent_id"), List.of(row.getArrayOfStrings("scopes")),
                row.getString("code_challenge"), row.getString("nonce"), row.getOffsetDateTime("auth_time").toInstant(),
                instant(row.getOffsetDateTime("consent_expires_at")));
        return new StoredCode(row.getString("code_hash"), grant, row.getOffsetDateTime("expires_at").toInstant(),
                row.getOffsetDateTime("redeemed_at") != null, row.getString("issued_jti"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
