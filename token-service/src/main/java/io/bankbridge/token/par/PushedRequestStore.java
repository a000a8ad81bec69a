package io.bankbridge.token.par;

import io.bankbridge.token.generator.OpaqueValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Pushed authorization requests in the database, looked up by the hash of their {@code request_uri}. Consuming
 * deletes the row in the same statement that finds it, so two concurrent uses cannot both succeed.
 */
@ApplicationScoped
public class PushedRequestStore implements PushedRequests {

    public static final String URN_PREFIX = "urn:ietf:params:oauth:request_uri:";

    private static final String INSERT = "INSERT INTO pushed_requests (request_uri_hash, request_uri, client_id, "
            + "redirect_uri, scopes, data_clusters, state, nonce, code_challenge, authorization_details, duration_days, "
            + "expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
    private static final String CONSUME = "DELETE FROM pushed_requests WHERE request_uri_hash = $1 AND client_id = $2 "
            + "RETURNING *";
    private final Pool pool;

    PushedRequestStore(Pool pool) {
        this.pool = pool;
    }

    /** A fresh {@code request_uri}: 256 random bits. */
    public static String newRequestUri() {
        return URN_PREFIX + OpaqueValues.random();
    }

    public Uni<Void> save(PushedRequest request) {
        Tuple values = Tuple.tuple()
                .addValue(OpaqueValues.hash(request.requestUri()))
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
                .addValue(OffsetDateTime.ofInstant(request.expiresAt(), ZoneOffset.UTC));
        return pool.preparedQuery(INSERT).execute(values).replaceWithVoid();
    }

    @Override
    public Uni<Optional<PushedRequest>> consume(String requestUri, String clientId) {
        if (requestUri == null || clientId == null || !requestUri.startsWith(URN_PREFIX)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery(CONSUME).execute(Tuple.of(OpaqueValues.hash(requestUri), clientId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<PushedRequest>empty();
                    }
                    PushedRequest request = fromRow(rows.iterator().next());
                    // An expired request is deleted as well: it can never be used again anyway.
                    return request.expiresAt().isAfter(java.time.Instant.now()) ? Optional.of(request) : Optional.empty();
                });
    }

    private static PushedRequest fromRow(Row row) {
        return new PushedRequest(row.getString("request_uri"), row.getString("client_id"), row.getString("redirect_uri"),
                List.of(row.getArrayOfStrings("scopes")), List.of(row.getArrayOfStrings("data_clusters")),
                row.getString("state"), row.getString("nonce"), row.getString("code_challenge"),
                row.getString("authorization_details"), row.getInteger("duration_days"),
                row.getOffsetDateTime("expires_at").toInstant());
    }
}
