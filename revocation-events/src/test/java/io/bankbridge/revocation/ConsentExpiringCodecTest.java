package io.bankbridge.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventCodec;
import io.bankbridge.revocation.contract.RevocationEventCodec.Decoded;
import io.bankbridge.revocation.contract.RevocationEventType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code consent.expiring.v1} on the wire, and the AsyncAPI document naming every type the codec knows. */
class ConsentExpiringCodecTest {

    private static final Instant EXPIRES = Instant.parse("2027-02-21T10:15:30.118Z");

    @Test
    void anExpiryNoticeCarriesTheConsentAndWhenItExpiresThroughTheCodec() {
        String json = RevocationEventCodec.encode(RevocationEvent.aboutConsent("/bankbridge/consent-service",
                RevocationEventType.CONSENT_EXPIRING, new RevocationData("c-1", "provider-1", "CUS-1", null, Actor.SYSTEM,
                        "Expires in 30 days unless renewed", EXPIRES)));
        assertThat(json).contains("\"type\":\"io.bankbridge.consent.expiring.v1\"", "\"subject\":\"c-1\"",
                "\"effectiveAt\":\"2027-02-21T10:15:30.118Z\"");

        assertThat(RevocationEventCodec.decode(json)).isInstanceOfSatisfying(Decoded.Event.class, decoded -> {
            assertThat(decoded.event().type()).isEqualTo(RevocationEventType.CONSENT_EXPIRING);
            assertThat(decoded.event().data().consentId()).isEqualTo("c-1");
            assertThat(decoded.event().data().effectiveAt()).isEqualTo(EXPIRES);
        });
    }

    @Test
    void anExpiryNoticeWithoutItsConsentIsMalformed() {
        String json = RevocationEventCodec.encode(RevocationEvent.aboutConsent("/bankbridge/consent-service",
                RevocationEventType.CONSENT_EXPIRING, new RevocationData("c-1", "provider-1", "CUS-1", null, Actor.SYSTEM,
                        null, EXPIRES))).replace("\"consentId\":\"c-1\",", "");
        assertThat(json).doesNotContain("consentId");
        assertThat(RevocationEventCodec.decode(json)).isInstanceOfSatisfying(Decoded.Skipped.class,
                skipped -> assertThat(skipped.reason()).isEqualTo("malformed"));
    }

    @Test
    void theAsyncApiDocumentDescribesEveryEventType() throws IOException {
        String document;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi/revocations.yaml")) {
            assertThat(in).as("the AsyncAPI document on the class path").isNotNull();
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (RevocationEventType type : RevocationEventType.values()) {
            assertThat(document).as(type.name()).contains("name: " + type.type() + "\n");
        }
    }
}
