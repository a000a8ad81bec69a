package io.bankbridge.token.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code jti} of every accepted client assertion, recorded so that an assertion is accepted once. The database's
 * primary key decides, so the rule holds across replicas; but the jtis of requests that arrive together are written in
 * one statement (one round trip, one commit) instead of one each. While one statement is in flight the next batch
 * gathers, so a lone request waits for nothing but its own round trip and there is no timer. A jti sent twice within
 * the gathering batch is refused here, before the database sees either. One statement records at most
 * {@value #MAX_PER_STATEMENT} rows, the oldest first.
 */
@ApplicationScoped
class AssertionJtis {

    /** The most rows one statement records; a larger gathering is written by the statements that follow. */
    static final int MAX_PER_STATEMENT = 1_000;
    private static final String RECORD = "INSERT INTO used_client_assertion_jtis (client_id, jti, expires_at) "
            + "SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[]) ON CONFLICT DO NOTHING "
            + "RETURNING client_id, jti";

    private record Use(String clientId, String jti) {
    }

    /** A caller waiting for its answer, to be given on the Vert.x context it asked from (if any). */
    private record Waiting(UniEmitter<? super Boolean> emitter, Context context, OffsetDateTime keepUntil) {

        void answer(boolean firstUse) {
            deliver(() -> emitter.complete(firstUse));
        }

        void fail(Throwable failure) {
            deliver(() -> emitter.fail(failure));
        }

        private void deliver(Runnable outcome) {
            if (context == null) {
                outcome.run();
            } else {
                context.runOnContext(ignored -> outcome.run());
            }
        }
    }

    private final Pool pool;
    private final Counter statements;
    private Map<Use, Waiting> gathering = new LinkedHashMap<>();
    private boolean writing;

    AssertionJtis(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.statements = Counter.builder("bankbridge.client.assertion.jti.statements")
                .description("Statements that recorded the jtis of accepted client assertions (each records a batch)")
                .register(registry);
    }

    /**
     * Records that {@code clientId} used an assertion with this {@code jti}, kept until {@code keepUntil}.
     *
     * @return true the first time the pair is recorded, false when it was used before (a replay)
     */
    Uni<Boolean> firstUse(String clientId, String jti, OffsetDateTime keepUntil) {
        return Uni.createFrom().emitter(emitter -> {
            Use use = new Use(clientId, jti);
            Waiting waiting = new Waiting(emitter, Vertx.currentContext(), keepUntil);
            boolean start;
            synchronized (this) {
                if (gathering.containsKey(use)) {
                    start = false;
                    waiting = null;
                } else {
                    gathering.put(use, waiting);
                    start = !writing;
                    writing |= start;
                }
            }
            if (waiting == null) {
                emitter.complete(false);
            } else if (start) {
                writeNext();
            }
        });
    }

    private void writeNext() {
        Map<Use, Waiting> batch;
        synchronized (this) {
            if (gathering.isEmpty()) {
                writing = false;
                return;
            }
            if (gathering.size() <= MAX_PER_STATEMENT) {
                batch = gathering;
                gathering = new LinkedHashMap<>();
            } else {
                batch = new LinkedHashMap<>();
                Iterator<Map.Entry<Use, Waiting>> oldest = gathering.entrySet().iterator();
                while (batch.size() < MAX_PER_STATEMENT) {
                    Map.Entry<Use, Waiting> next = oldest.next();
                    batch.put(next.getKey(), next.getValue());
                    oldest.remove();
                }
            }
        }
        int size = batch.size();
        String[] clients = new String[size];
        String[] jtis = new String[size];
        OffsetDateTime[] keepUntil = new OffsetDateTime[size];
        int i = 0;
        for (Map.Entry<Use, Waiting> entry : batch.entrySet()) {
            clients[i] = entry.getKey().clientId();
            jtis[i] = entry.getKey().jti();
            keepUntil[i++] = entry.getValue().keepUntil();
        }
        statements.increment();
        pool.preparedQuery(RECORD).execute(Tuple.of(clients, jtis, keepUntil)).subscribe().with(rows -> {
            Set<Use> recorded = new HashSet<>();
            for (Row row : rows) {
                recorded.add(new Use(row.getString("client_id"), row.getString("jti")));
            }
            batch.forEach((use, waiting) -> waiting.answer(recorded.contains(use)));
            writeNext();
        }, failure -> {
            batch.values().forEach(waiting -> waiting.fail(failure));
            writeNext();
        });
    }
}
