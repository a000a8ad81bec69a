package io.bankbridge.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventCodec;
import io.bankbridge.revocation.contract.RevocationEventCodec.Decoded;
import io.bankbridge.revocation.contract.RevocationEventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code consent.updated.v1} on the wire: what the consent grants now travels with it, and is required. */
class ConsentUpdatedCodecTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:15:30Z");

    @Test
    void anUpdateCarriesTheRemainingAccountsAndClustersThroughTheCodec() {
        RevocationEvent update = RevocationEvent.aboutConsent("/bankbridge/consent-service", RevocationEventType.CONSENT_UPDATED,
                new RevocationData("c-1", "provider-1", "CUS-1", null, Actor.CUSTOMER, "Account removed", AT,
                        List.of("ACC-2"), List.of("ACCOUNT_BASIC")));
        String json = RevocationEventCodec.encode(update);
        assertThat(json).contains("\"type\":\"io.bankbridge.consent.updated.v1\"", "\"accountIds\":[\"ACC-2\"]",
                "\"dataClusters\":[\"ACCOUNT_BASIC\"]");

        Decoded decoded = RevocationEventCodec.decode(json);
        assertThat(decoded).isInstanceOf(Decoded.Event.class);
        RevocationEvent read = ((Decoded.Event) decoded).event();
        assertThat(read.type()).isEqualTo(RevocationEventType.CONSENT_UPDATED);
        assertThat(read.data().accountIds()).containsExactly("ACC-2");
        assertThat(read.data().dataClusters()).containsExactly("ACCOUNT_BASIC");
    }

    @Test
    void aRenewalsNewExpiryTravelsWithTheUpdateAndAnUpdateWithoutOneLeavesItOut() {
        Instant renewedUntil = Instant.parse("2027-12-01T10:15:30Z");
        String renewal = RevocationEventCodec.encode(RevocationEvent.aboutConsent("/bankbridge/consent-service",
                RevocationEventType.CONSENT_UPDATED, new RevocationData("c-1", "provider-1", "CUS-1", null,
                        Actor.CUSTOMER, "Replaced", AT, List.of("ACC-2"), List.of("ACCOUNT_BASIC"), renewedUntil, null)));
        assertThat(renewal).contains("\"expiresAt\":\"2027-12-01T10:15:30Z\"");
        assertThat(RevocationEventCodec.decode(renewal)).isInstanceOfSatisfying(Decoded.Event.class,
                decoded -> assertThat(decoded.event().data().expiresAt()).isEqualTo(renewedUntil));

        String narrowing = RevocationEventCodec.encode(RevocationEvent.aboutConsent("/bankbridge/consent-service",
                RevocationEventType.CONSENT_UPDATED, new RevocationData("c-1", "provider-1", "CUS-1", null,
                        Actor.CUSTOMER, "Account removed", AT, List.of("ACC-2"), List.of("ACCOUNT_BASIC"))));
        assertThat(narrowing).doesNotContain("expiresAt");
        assertThat(RevocationEventCodec.decode(narrowing)).isInstanceOfSatisfying(Decoded.Event.class,
                decoded -> assertThat(decoded.event().data().expiresAt()).isNull());
    }

    @Test
    void theGrantVersionTravelsWithTheUpdateAndAnUpdateFromASenderBeforeVersionsHasNone() {
        String versioned = RevocationEventCodec.encode(updateOfVersion(7L));
        assertThat(versioned).contains("\"grantVersion\":7");
        assertThat(RevocationEventCodec.decode(versioned)).isInstanceOfSatisfying(Decoded.Event.class,
                decoded -> assertThat(decoded.event().data().grantVersion()).isEqualTo(7L));

        String unversioned = RevocationEventCodec.encode(updateOfVersion(null));
        assertThat(unversioned).doesNotContain("grantVersion");
        assertThat(RevocationEventCodec.decode(unversioned)).isInstanceOfSatisfying(Decoded.Event.class,
                decoded -> assertThat(decoded.event().data().grantVersion()).isNull());
    }

    @Test
    void anUpdateWithAGrantVersionBelowOneIsMalformed() {
        assertThat(RevocationEventCodec.decode(RevocationEventCodec.encode(updateOfVersion(0L))))
                .isInstanceOfSatisfying(Decoded.Skipped.class, skipped -> assertThat(skipped.reason()).isEqualTo("malformed"));
        assertThat(RevocationEventCodec.decode(RevocationEventCodec.encode(updateOfVersion(-3L))))
                .isInstanceOfSatisfying(Decoded.Skipped.class, skipped -> assertThat(skipped.reason()).isEqualTo("malformed"));
    }

    private static RevocationEvent updateOfVersion(Long grantVersion) {
        return RevocationEvent.aboutConsent("/bankbridge/consent-service", RevocationEventType.CONSENT_UPDATED,
                new RevocationData("c-1", "provider-1", "CUS-1", null, Actor.CUSTOMER, "Account removed", AT,
                        List.of("ACC-2"), List.of("ACCOUNT_BASIC"), null, grantVersion));
    }

    @Test
    void anUpdateWithoutWhatTheConsentGrantsNowIsMalformed() {
        String json = RevocationEventCodec.encode(RevocationEvent.aboutConsent("/elsewhere",
                RevocationEventType.CONSENT_UPDATED, new RevocationData("c-1", "provider-1", "CUS-1", null, Actor.CUSTOMER,
                        null, AT)));
        assertThat(RevocationEventCodec.decode(json)).isInstanceOfSatisfying(Decoded.Skipped.class,
                skipped -> assertThat(skipped.reason()).isEqualTo("malformed"));
    }

    @Test
    void eventsThatEndAGrantStillCarryNoAccountsOrClusters() {
        String json = RevocationEventCodec.encode(RevocationEvent.aboutConsent("/elsewhere",
                RevocationEventType.CONSENT_REVOKED, new RevocationData("c-1", "provider-1", "CUS-1", null, Actor.CUSTOMER,
                        null, AT)));
        assertThat(json).doesNotContain("accountIds").doesNotContain("dataClusters");
    }
}
