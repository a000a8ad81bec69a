package io.bankbridge.consent.service;

import io.bankbridge.revocation.RevocationEventsConfig;
import io.bankbridge.revocation.consume.RevocationEventListener;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Applies revocations decided elsewhere: a suspended provider loses every authorized consent (revoked by BANK,
 * one {@code consent.revoked} each), and a consent another service revoked is marked revoked here too. Events this
 * service emitted itself are already applied. Both are idempotent, as replays and redeliveries require.
 */
@ApplicationScoped
public class ConsentRevocationListener implements RevocationEventListener {

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final ConsentService consents;
    private final String ownSource;

    ConsentRevocationListener(ConsentService consents, RevocationEventsConfig config) {
        this.consents = consents;
        this.ownSource = config.source();
    }

    @Override
    public void onRevocation(RevocationEvent event) {
        switch (event.type()) {
            case PROVIDER_SUSPENDED -> {
                int revoked = consents.revokeAllOfProvider(event.data().providerId(), event.data().effectiveAt(),
                        event.data().reason()).await().atMost(APPLY_TIMEOUT);
                if (revoked > 0) {
                    Log.infof("Provider %s suspended: revoked %d consent(s)", event.data().providerId(), revoked);
                }
            }
            case CONSENT_REVOKED -> {
                if (!ownSource.equals(event.source())
                        && consents.recordRevokedElsewhere(event).await().atMost(APPLY_TIMEOUT)) {
                    Log.infof("Consent %s revoked by %s (%s)", event.subject(), event.source(), event.data().actor());
                }
            }
            default -> {
                // Expiry is decided here; a single token's revocation leaves the consent as it is.
            }
        }
    }
}
