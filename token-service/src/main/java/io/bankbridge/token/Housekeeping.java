package io.bankbridge.token;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Forgetting rows that no longer matter (expired codes, requests, assertion ids, stale sign-in failures) without
 * a scheduler: the write that adds such rows runs the clean-up once in a while. Idempotent, so safe with replicas.
 */
public final class Housekeeping {

    private Housekeeping() {
    }

    /** Runs {@code statement} about once in {@code oneIn} calls; otherwise does nothing. */
    public static Uni<Void> occasionally(SqlClient sql, int oneIn, String statement, Tuple arguments) {
        return ThreadLocalRandom.current().nextInt(oneIn) == 0
                ? sql.preparedQuery(statement).execute(arguments).replaceWithVoid()
                : Uni.createFrom().voidItem();
    }

    public static Uni<Void> occasionally(SqlClient sql, int oneIn, String statement) {
        return occasionally(sql, oneIn, statement, Tuple.tuple());
    }
}
