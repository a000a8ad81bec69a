package io.bankbridge.token.par;

import io.bankbridge.token.SqlTime;
import io.bankbridge.token.generator.OpaqueValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Pushed authorization requests in the database, looked up by the hash of their {@code request_uri}. Binding and
 * consuming are each one conditional statement, so two browsers cannot both bind a request and two decisions cannot
 * both consume it.
 */
@ApplicationScoped
public class PushedRequestStore implements PushedRequests {

    public static final String URN_PREFIX = "urn:ietf:params:oauth:request_uri:";

    private static final String INSERT = "INSERT INTO pushed_requests (request_uri_hash, request_uri, client_id, "
            + "redirect_uri, scopes, data_clusters, state, nonce, code_challenge, authorization_details, duration_days, "
            + "expires_at, grant_action, grant_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
    private static final String OPEN = "SELECT * FROM pushed_requests WHERE request_uri_hash = $1 AND client_id = $2 "
            + "AND bound_to IS NULL AND expires_at > $3";
    private static final String BIND = "UPDATE pushed_requests SET bound_to = $2 WHERE request_uri_hash = $1 "
            + "AND (bound_to IS NULL OR bound_to = $2)";
    private static final String CONSUME = "DELETE FROM pushed_requests WHERE request_uri_hash = $1 AND bound_to = $2";
    private final Pool pool;
    private final InstantSource clock;

    PushedRequestStore(Pool pool, InstantSource clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** A fresh {@code request_uri}: 256 random bits. */
    public static String newRequestUri() {
        return URN_PREFIX + OpaqueValues.random();
    }

    public Uni<Void> save(PushedRequest request) {
        Tuple values = Tuple.tuple()
                .addValue(PushedRequests.key(request.requestUri()))
                .addValue(request.requestUri())
                .addValue(request.clientId())
                .addValue(request.redirectUri())
                .addValue(request.scopes().toArray(String[]::new))
                .addValue(request.dataClusters().toArray(String[]::new))
                .addValue(request.state())
                .addValue(request.nonce())
                .addValue(request.codeChallenge())
                .addValue(request.authorizationDetails())
                .addValue(request.durationDays())
                .addValue(SqlTime.of(request.expiresAt()))
                .addValue(request.grantAction() == null ? null : request.grantAction().value())
                .addValue(request.grantId());
        return pool.preparedQuery(INSERT).execute(values).replaceWithVoid();
    }

    @Override
    public Uni<Optional<PushedRequest>> open(String requestUri, String clientId) {
        if (requestUri == null || clientId == null || !requestUri.startsWith(URN_PREFIX)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery(OPEN).execute(Tuple.of(PushedRequests.key(requestUri), clientId,
                        SqlTime.of(clock.instant())))
                .map(rows -> rows.size() == 0 ? Optional.<PushedRequest>empty() : Optional.of(fromRow(rows.iterator().next())));
    }

    @Override
    public Uni<Boolean> bind(String requestUriHash, String binding) {
        return pool.preparedQuery(BIND).execute(Tuple.of(requestUriHash, binding)).map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Uni<Boolean> consume(String requestUriHash, String binding) {
        return pool.preparedQuery(CONSUME).execute(Tuple.of(requestUriHash, binding)).map(rows -> rows.rowCount() == 1);
    }

    private static PushedRequest fromRow(Row row) {
        return new PushedRequest(row.getString("request_uri"), row.getString("client_id"), row.getString("redirect_uri"),
                List.of(row.getArrayOfStrings("scopes")), List.of(row.getArrayOfStrings("data_clusters")),
                row.getString("state"), row.getString("nonce"), row.getString("code_challenge"),
                row.getString("authorization_details"), row.getInteger("duration_days"),
                row.getOffsetDateTime("expires_at").toInstant(), GrantManagementAction.of(row.getString("grant_action")),
                row.getString("grant_id"));
    }
}
