package io.bankbridge.token.grant.authcode;

import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.generator.OpaqueValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Authorization codes: 256 random bits, stored as SHA-256, valid for the configured lifetime (≤ 60 s). A redeemed
 * code stays stored (marked) until it expires, so that a second redemption is recognised and answered by revoking
 * what the first one issued.
 */
@ApplicationScoped
public class AuthorizationCodeStore implements AuthorizationCodeIssuer {

    /** A stored code. {@code redeemed} tells whether a redemption happened before this one. */
    record StoredCode(String codeHash, CodeGrant grant, Instant expiresAt, boolean redeemed, String issuedJti) {
    }

    private static final String INSERT = "INSERT INTO authorization_codes (code_hash, client_id, redirect_uri, customer_id, "
            + "consent_id, scopes, code_challenge, nonce, auth_time, expires_at) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    private static final String LOCK = "SELECT * FROM authorization_codes WHERE code_hash = $1 FOR UPDATE";
    private static final String REDEEM = "UPDATE authorization_codes SET redeemed_at = now() WHERE code_hash = $1";
    private static final String ISSUED = "UPDATE authorization_codes SET issued_jti = $2 WHERE code_hash = $1";
    // Redeemed codes are kept a while past expiry, so that a late replay still revokes.
    private final Pool pool;
    private final TokenSettings settings;

    AuthorizationCodeStore(Pool pool, TokenSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    @Override
    public Uni<String> issue(CodeGrant grant) {
        String code = OpaqueValues.random();
        Instant expiresAt = Instant.now().plus(settings.codeLifetime());
        Tuple values = Tuple.tuple()
                .addValue(OpaqueValues.hash(code))
                .addValue(grant.clientId())
                .addValue(grant.redirectUri())
                .addValue(grant.customerId())
                .addValue(grant.consentId())
                .addValue(grant.scopes().toArray(String[]::new))
                .addValue(grant.codeChallenge())
                .addValue(grant.nonce())
                .addValue(OffsetDateTime.ofInstant(grant.authTime() == null ? Instant.now() : grant.authTime(), ZoneOffset.UTC))
                .addValue(OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
        return pool.preparedQuery(INSERT).execute(values).replaceWith(code);
    }

    /** The code, locked for this transaction, and marked redeemed from now on (whatever the outcome). */
    Uni<Optional<StoredCode>> redeem(SqlClient tx, String code) {
        String hash = OpaqueValues.hash(code);
        return tx.preparedQuery(LOCK).execute(Tuple.of(hash)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.<StoredCode>empty());
            }
            StoredCode stored = fromRow(rows.iterator().next());
            return tx.preparedQuery(REDEEM).execute(Tuple.of(hash)).replaceWith(Optional.of(stored));
        });
    }

    /** Remembers the access token a redemption issued, to revoke it if the code is replayed. */
    Uni<Void> recordIssued(SqlClient tx, String codeHash, String jti) {
        return tx.preparedQuery(ISSUED).execute(Tuple.of(codeHash, jti)).replaceWithVoid();
    }

    private static StoredCode fromRow(Row row) {
        CodeGrant grant = new CodeGrant(row.getString("client_id"), row.getString("redirect_uri"),
                row.getString("customer_id"), row.getString("consent_id"), List.of(row.getArrayOfStrings("scopes")),
                row.getString("code_challenge"), row.getString("nonce"), row.getOffsetDateTime("auth_time").toInstant());
        return new StoredCode(row.getString("code_hash"), grant, row.getOffsetDateTime("expires_at").toInstant(),
                row.getOffsetDateTime("redeemed_at") != null, row.getString("issued_jti"));
    }
}
