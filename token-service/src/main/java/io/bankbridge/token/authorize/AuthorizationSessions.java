package io.bankbridge.token.authorize;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import io.bankbridge.token.par.GrantManagementAction;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Storage of authorization sessions (table {@code authorization_sessions}), keyed by the hash of the cookie value. */
@ApplicationScoped
public class AuthorizationSessions {

    /** A newly created or renewed session and the value to put in the browser's cookie. */
    public record Issued(String cookieValue, AuthorizationSession session) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String COLUMNS = "id_hash, csrf_token, client_id, redirect_uri, state, nonce, code_challenge, scopes,"
            + " data_clusters, duration_days, first_party, login_id, customer_id, auth_time, notice, expires_at,"
            + " request_uri_hash, binding, grant_action, grant_id";

    private final Pool pool;
    private final SecureRandom random = new SecureRandom();
    private final InstantSource clock;

    AuthorizationSessions(Pool pool, InstantSource clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Stores a new session for {@code request} (its id, CSRF token, binding value and expiry are generated here). */
    public Uni<Issued> create(AuthorizationSession request) {
        String cookie = randomToken();
        AuthorizationSession session = new AuthorizationSession(hash(cookie), randomToken(), request.clientId(),
                request.redirectUri(), request.state(), request.nonce(), request.codeChallenge(), request.scopes(),
                request.dataClusters(), request.durationDays(), request.firstParty(), null, null, null, null,
                request.expiresAt(), request.requestUriHash(), randomToken(), request.grantAction(), request.grantId());
        // Sessions abandoned in a browser (or opened by a link scanner) are deleted by the table pruning job.
        return pool.preparedQuery("insert into authorization_sessions (" + COLUMNS + ")"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)")
                .execute(Tuple.from(Arrays.asList(session.idHash(), session.csrfToken(), session.clientId(),
                        session.redirectUri(), session.state(), session.nonce(), session.codeChallenge(),
                        session.scopes().toArray(String[]::new), session.dataClusters().toArray(String[]::new),
                        session.durationDays(), session.firstParty(), null, null, null, null,
                        session.expiresAt().atOffset(ZoneOffset.UTC), session.requestUriHash(), session.binding(),
                        session.grantAction() == null ? null : session.grantAction().value(), session.grantId())))
                .replaceWith(new Issued(cookie, session));
    }

    /** The live session behind a cookie value, if any. */
    public Uni<Optional<AuthorizationSession>> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery("select " + COLUMNS + " from authorization_sessions where id_hash = $1 and expires_at > $2")
                .execute(Tuple.of(hash(cookieValue), clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(toSession(it.next())) : Optional.empty();
                });
    }

    /**
     * Records who signed in and gives the session a new id and CSRF token, so that an id known before sign-in is
     * worthless afterwards.
     */
    public Uni<Issued> signedIn(AuthorizationSession session, UUID loginId, String customerId, Instant authTime) {
        return renew(session, loginId, customerId, authTime);
    }

    /**
     * Forgets who signed in ("Not you?"): the same request goes back to its sign-in step, under a new id and CSRF
     * token. The binding value stays, so a pushed request bound to this browser stays with it.
     */
    public Uni<Issued> signedOut(AuthorizationSession session) {
        return renew(session, null, null, null);
    }

    private Uni<Issued> renew(AuthorizationSession session, UUID loginId, String customerId, Instant authTime) {
        String cookie = randomToken();
        String csrf = randomToken();
        return pool.preparedQuery("update authorization_sessions set id_hash = $2, csrf_token = $3, login_id = $4,"
                        + " customer_id = $5, auth_time = $6, notice = null where id_hash = $1")
                .execute(Tuple.from(Arrays.asList(session.idHash(), hash(cookie), csrf, loginId, customerId,
                        authTime == null ? null : authTime.atOffset(ZoneOffset.UTC))))
                .replaceWith(new Issued(cookie, new AuthorizationSession(hash(cookie), csrf, session.clientId(),
                        session.redirectUri(), session.state(), session.nonce(), session.codeChallenge(), session.scopes(),
                        session.dataClusters(), session.durationDays(), session.firstParty(), loginId, customerId,
                        authTime, null, session.expiresAt(), session.requestUriHash(), session.binding(),
                        session.grantAction(), session.grantId())));
    }

    /** Sets the message the next page shows once. */
    public Uni<Void> notify(AuthorizationSession session, Notice notice) {
        return pool.preparedQuery("update authorization_sessions set notice = $2 where id_hash = $1")
                .execute(Tuple.of(session.idHash(), notice == null ? null : notice.name()))
                .replaceWithVoid();
    }

    /** Ends the session (the authorization was answered, or the customer signed out). */
    public Uni<Void> delete(AuthorizationSession session) {
        return pool.preparedQuery("delete from authorization_sessions where id_hash = $1")
                .execute(Tuple.of(session.idHash())).replaceWithVoid();
    }

    /** Whether {@code presented} is the session's CSRF token (constant-time comparison). */
    public static boolean csrfMatches(AuthorizationSession session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private AuthorizationSession toSession(Row row) {
        String notice = row.getString("notice");
        var authTime = row.getOffsetDateTime("auth_time");
        return new AuthorizationSession(row.getString("id_hash"), row.getString("csrf_token"), row.getString("client_id"),
                row.getString("redirect_uri"), row.getString("state"), row.getString("nonce"),
                row.getString("code_challenge"), List.of(row.getArrayOfStrings("scopes")),
                List.of(row.getArrayOfStrings("data_clusters")), row.getInteger("duration_days"),
                row.getBoolean("first_party"), row.getUUID("login_id"), row.getString("customer_id"),
                authTime == null ? null : authTime.toInstant(), notice == null ? null : Notice.valueOf(notice),
                row.getOffsetDateTime("expires_at").toInstant(), row.getString("request_uri_hash"),
                row.getString("binding"), GrantManagementAction.of(row.getString("grant_action")),
                row.getString("grant_id"));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    private static String hash(String value) {
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
