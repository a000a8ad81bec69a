package io.bankbridge.accountdata.consent;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.RemovalListener;
import io.quarkus.logging.Log;
import java.time.Instant;

/**
 * The fail-safe of a bounded map of revocations: once an entry had to be dropped for room (its size bound reached),
 * every token issued up to that moment is treated as if the dropped entry concerned it. A revocation is never
 * forgotten while a token it concerns can still be alive; providers refresh, and tokens issued after are unaffected.
 */
final class DroppedForRoom {

    private final String bound;
    private volatile Instant droppedAt = Instant.MIN;

    /** @param bound the configuration property whose value was reached, named in the warning */
    DroppedForRoom(String bound) {
        this.bound = bound;
    }

    /** The eviction listener to give the map's Caffeine builder. */
    <K, V> RemovalListener<K, V> listener() {
        return (key, value, cause) -> {
            if (cause == RemovalCause.SIZE) {
                droppedAt = Instant.now();
                Log.warnf("%s reached: tokens issued until now are refused", bound);
            }
        };
    }

    /** Whether a token issued at {@code issuedAt} (unknown: {@code null}) may be one a dropped entry concerned. */
    boolean covers(Instant issuedAt) {
        Instant at = droppedAt;
        return at != Instant.MIN && (issuedAt == null || !issuedAt.isAfter(at));
    }
}
