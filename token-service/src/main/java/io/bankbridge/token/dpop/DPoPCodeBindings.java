package io.bankbridge.token.dpop;

import io.bankbridge.token.SqlTime;
import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.authorize.AuthorizeConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Authorization requests bound to a DPoP key at {@code /par} (RFC 9449 §10), keyed by client and PKCE challenge: the
 * challenge travels unchanged from the pushed request through the browser session to the code, so the code redeemed
 * at {@code /token} finds its key without the binding riding along every step. Kept until the longest path from push
 * to redemption is over (pushed request, session, code lifetimes).
 */
@ApplicationScoped
public class DPoPCodeBindings {

    private static final String UPSERT = "INSERT INTO dpop_code_bindings (client_id, code_challenge, jkt, expires_at) "
            + "VALUES ($1, $2, $3, $4) ON CONFLICT (client_id, code_challenge) "
            + "DO UPDATE SET jkt = EXCLUDED.jkt, expires_at = EXCLUDED.expires_at";
    private static final String FIND = "SELECT jkt FROM dpop_code_bindings WHERE client_id = $1 AND code_challenge = $2";

    private final Pool pool;
    private final InstantSource clock;
    private final Duration lifetime;

    DPoPCodeBindings(Pool pool, InstantSource clock, TokenSettings tokens, AuthorizeConfig authorize) {
        this.pool = pool;
        this.clock = clock;
        this.lifetime = tokens.pushedRequestLifetime().plus(authorize.sessionTtl()).plus(tokens.codeLifetime());
    }

    /** Binds the request with this PKCE challenge to {@code jkt}; nothing to do when {@code jkt} is null. */
    public Uni<Void> bind(String clientId, String codeChallenge, String jkt) {
        if (jkt == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(UPSERT).execute(Tuple.of(clientId, codeChallenge, jkt,
                SqlTime.of(clock.instant().plus(lifetime)))).replaceWithVoid();
    }

    /** The key the request with this PKCE challenge was bound to, if it was. */
    public Uni<Optional<String>> find(SqlClient sql, String clientId, String codeChallenge) {
        return sql.preparedQuery(FIND).execute(Tuple.of(clientId, codeChallenge))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("jkt")));
    }
}
