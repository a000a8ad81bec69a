package io.bankbridge.accountdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bankbridge.accountdata.consent.ConsentViews;
import io.bankbridge.accountdata.consent.RevokedTokenPruning;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Revoked token ids are kept as long as a token they name can live (5 minutes + 1 minute margin), then deleted. */
@QuarkusTest
class RevokedTokenPruningTest {

    @Inject
    ConsentViews consents;

    @Inject
    RevokedTokenPruning pruning;

    @Inject
    Pool pool;

    @Test
    void idsOlderThanTheAccessTokenLifetimePlusMarginAreDeletedFresherOnesStay() {
        Instant now = Instant.now();
        String old = "jti-old-" + UUID.randomUUID();
        String recent = "jti-recent-" + UUID.randomUUID();
        String fresh = "jti-fresh-" + UUID.randomUUID();
        consents.tokenRevoked(old, "consent-p", now.minus(Duration.ofMinutes(7)));
        consents.tokenRevoked(recent, "consent-p", now.minus(Duration.ofMinutes(5)));
        consents.tokenRevoked(fresh, "consent-p", now);

        pruning.prune(now).await().indefinitely();

        assertEquals(List.of(false, true, true), List.of(stored(old), stored(recent), stored(fresh)));
    }

    private boolean stored(String tokenId) {
        return pool.preparedQuery("select 1 from revoked_token where token_id = $1").execute(Tuple.of(tokenId))
                .await().indefinitely().size() == 1;
    }
}
