package io.bankbridge.revocation.outbox;

import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Writes revocation events into the {@code revocation_outbox} table inside the caller's transaction, so that
 * the state change and its event are committed together or not at all. The relay publishes them.
 *
 * <p>A transaction run through {@link #inTransaction} hands the events it wrote to this instance's relay once it
 * committed, and the relay publishes them at once, as they were written, without reading them back; a rolled-back
 * transaction hands over nothing. Rows written any other way are published at the relay's next look at the table.
 */
@ApplicationScoped
public class RevocationOutbox {

    static final String INSERT = "INSERT INTO revocation_outbox (event_id, event_key, event_type, payload) VALUES ";

    private final OutboxRelay relay;
    /** The events each open {@link #inTransaction} wrote so far, by the transaction's connection. */
    private final Map<SqlClient, List<OutgoingEvent>> open = new ConcurrentHashMap<>();

    RevocationOutbox(OutboxRelay relay) {
        this.relay = relay;
    }

    /**
     * Runs {@code work} in a transaction of {@code pool}, as {@link Pool#withTransaction} does; once it committed, the
     * events {@code work} appended through its connection go to the relay to be published at once.
     */
    public <T> Uni<T> inTransaction(Pool pool, Function<SqlConnection, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            List<OutgoingEvent> written = new ArrayList<>();
            return pool.withTransaction(sql -> {
                open.put(sql, written);
                return work.apply(sql).onTermination().invoke(() -> open.remove(sql));
            }).invoke(() -> relay.handOver(written));
        });
    }

    /** Appends through a reactive SQL connection that is inside the caller's transaction. */
    public Uni<Void> append(SqlClient transaction, RevocationEvent event) {
        OutgoingEvent outgoing = new OutgoingEvent(UUID.fromString(event.id()), event.key(),
                RevocationEventCodec.encode(event), event.time());
        return transaction.preparedQuery(INSERT + "($1, $2, $3, $4)")
                .execute(Tuple.of(outgoing.id(), outgoing.key(), event.type().type(), outgoing.payload()))
                .invoke(() -> {
                    List<OutgoingEvent> written = open.get(transaction);
                    if (written != null) {
                        written.add(outgoing);
                    }
                })
                .replaceWithVoid();
    }

    /** Tells this instance's relay that rows are waiting in the table (those written outside {@link #inTransaction}). */
    public void wakeRelay() {
        relay.wakeUp();
    }
}
