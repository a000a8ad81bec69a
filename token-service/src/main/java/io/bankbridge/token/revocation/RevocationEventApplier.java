package io.bankbridge.token.revocation;

import io.bankbridge.revocation.consume.RevocationEventListener;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.token.generator.RefreshTokenStore;
import io.quarkus.logging.Log;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Applies revocation events from every service (this one included) to token-service's state: a revoked or expired
 * consent loses its refresh tokens and its access tokens turn inactive at introspection; a revoked access token is
 * remembered by {@code jti}; a suspended provider loses its refresh tokens. Every step is idempotent.
 */
@ApplicationScoped
public class RevocationEventApplier implements RevocationEventListener {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final GrantRevocation revocation;
    private final RefreshTokenStore refreshTokens;

    RevocationEventApplier(Pool pool, GrantRevocation revocation, RefreshTokenStore refreshTokens) {
        this.pool = pool;
        this.revocation = revocation;
        this.refreshTokens = refreshTokens;
    }

    @Override
    public void onRevocation(RevocationEvent event) {
        var data = event.data();
        switch (event.type()) {
            case CONSENT_REVOKED, CONSENT_EXPIRED -> {
                if (data.consentId() != null) {
                    pool.withTransaction(tx -> revocation.rememberConsent(tx, data.consentId())).await().atMost(TIMEOUT);
                }
            }
            case TOKEN_REVOKED -> {
                if (data.tokenId() != null) {
                    pool.withTransaction(tx -> revocation.rememberJti(tx, data.tokenId())).await().atMost(TIMEOUT);
                }
            }
            case PROVIDER_SUSPENDED -> pool.withTransaction(tx -> refreshTokens.deleteForClient(tx, data.providerId()))
                    .await().atMost(TIMEOUT);
        }
        Log.debugf("Applied %s about %s", event.type().type(), event.subject());
    }
}
