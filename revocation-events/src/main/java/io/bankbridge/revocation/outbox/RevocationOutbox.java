package io.bankbridge.revocation.outbox;

import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Writes revocation events into the {@code revocation_outbox} table inside the caller's transaction, so that
 * the state change and its event are committed together or not at all. The relay publishes them.
 *
 * <p>Call {@link #wakeRelay()} after the transaction committed to publish at once instead of at the next poll.
 */
@ApplicationScoped
public class RevocationOutbox {

    static final String INSERT = "INSERT INTO revocation_outbox (event_id, event_key, event_type, payload) VALUES ";

    private final OutboxRelay relay;

    RevocationOutbox(OutboxRelay relay) {
        this.relay = relay;
    }

    /** Appends through a reactive SQL connection that is inside the caller's transaction. */
    public Uni<Void> append(SqlClient transaction, RevocationEvent event) {
        return transaction.preparedQuery(INSERT + "($1, $2, $3, $4)")
                .execute(Tuple.of(UUID.fromString(event.id()), event.key(), event.type().type(), RevocationEventCodec.encode(event)))
                .replaceWithVoid();
    }

    /** Tells this instance's relay that rows are waiting. */
    public void wakeRelay() {
        relay.wakeUp();
    }
}
