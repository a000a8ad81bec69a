package io.bankbridge.consent.service;

import io.bankbridge.revocation.consume.RevocationEventListener;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Applies what token-service decides about providers: a suspended provider loses every authorized consent (revoked
 * by BANK, one {@code consent.revoked} each), idempotently, as replays and redeliveries require. Consent state has one
 * writer, this service: token-service asks it to revoke a consent (internal API) rather than announce one, so every
 * other event is this service's own or leaves consents as they are.
 */
@ApplicationScoped
public class ConsentRevocationListener implements RevocationEventListener {

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final ConsentService consents;

    ConsentRevocationListener(ConsentService consents) {
        this.consents = consents;
    }

    @Override
    public void onRevocation(RevocationEvent event) {
        if (event.type() != RevocationEventType.PROVIDER_SUSPENDED) {
            return;
        }
        int revoked = consents.revokeAllOfProvider(event.data().providerId(), event.data().effectiveAt(),
                event.data().reason()).await().atMost(APPLY_TIMEOUT);
        if (revoked > 0) {
            Log.infof("Provider %s suspended: revoked %d consent(s)", event.data().providerId(), revoked);
        }
    }
}
