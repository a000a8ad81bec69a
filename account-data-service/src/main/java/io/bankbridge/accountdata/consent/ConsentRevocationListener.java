package io.bankbridge.accountdata.consent;

import io.bankbridge.revocation.consume.RevocationEventListener;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the consent view true: every revocation event, from any service, ends what it names. Idempotent. */
@ApplicationScoped
public class ConsentRevocationListener implements RevocationEventListener {

    private final ConsentViews views;

    ConsentRevocationListener(ConsentViews views) {
        this.views = views;
    }

    @Override
    public void onRevocation(RevocationEvent event) {
        RevocationData data = event.data();
        switch (event.type()) {
            case CONSENT_REVOKED -> views.consentEnded(data.consentId(), "REVOKED", data.effectiveAt());
            case CONSENT_EXPIRED -> views.consentEnded(data.consentId(), "EXPIRED", data.effectiveAt());
            case TOKEN_REVOKED -> {
                if (data.tokenId() != null) {
                    views.tokenRevoked(data.tokenId(), data.consentId(), data.effectiveAt());
                }
            }
            case PROVIDER_SUSPENDED -> views.suspendProvider(data.providerId(), data.effectiveAt());
            case CONSENT_UPDATED -> views.consentUpdated(data.consentId(), data.accountIds(), data.dataClusters(),
                    data.expiresAt(), data.grantVersion());
        }
        Log.debugf("Applied %s for %s", event.type().type(), event.subject());
    }
}
