package io.bankbridge.token;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** An instant as the {@code timestamptz} parameter the reactive PostgreSQL client binds: in UTC. */
public final class SqlTime {

    private SqlTime() {
    }

    public static OffsetDateTime of(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
