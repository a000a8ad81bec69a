package io.bankbridge.consent.securitycenter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.consent.config.ConsentConfig;
import io.bankbridge.testsupport.ConfigMappings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Security Center's anti-forgery tokens (signed double-submit cookie), without the service. */
class FormTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static FormTokens tokens(String key, Instant now) {
        return new FormTokens(ConfigMappings.of(ConsentConfig.class, "bankbridge.consent.security-center.csrf-key", key,
                "bankbridge.consent.security-center.form-lifetime", "PT30M"), Clock.fixed(now, ZoneOffset.UTC),
                Optional.empty());
    }

    private final FormTokens tokens = tokens("shared by the replicas", NOW);

    @Test
    void aFormTokenIsAcceptedForItsCustomerWithItsCookie() {
        FormTokens.Issued issued = tokens.issue("customer-1");
        assertTrue(tokens.accepts("customer-1", issued.token(), issued.nonce()));
        assertTrue(tokens("shared by the replicas", NOW.plusSeconds(60)).accepts("customer-1", issued.token(), issued.nonce()),
                "another replica with the same key");
    }

    @Test
    void anotherCustomerCookieOrKeyIsRefused() {
        FormTokens.Issued issued = tokens.issue("customer-1");
        assertFalse(tokens.accepts("customer-2", issued.token(), issued.nonce()));
        assertFalse(tokens.accepts("customer-1", issued.token(), tokens.issue("customer-1").nonce()));
        assertFalse(tokens.accepts("customer-1", issued.token(), null));
        assertFalse(tokens("another deployment", NOW).accepts("customer-1", issued.token(), issued.nonce()));
    }

    @Test
    void anExpiredTokenIsRefused() {
        FormTokens.Issued issued = tokens.issue("customer-1");
        assertTrue(tokens("shared by the replicas", NOW.plus(Duration.ofMinutes(30))).accepts("customer-1", issued.token(), issued.nonce()));
        assertFalse(tokens("shared by the replicas", NOW.plus(Duration.ofMinutes(30)).plusSeconds(1))
                .accepts("customer-1", issued.token(), issued.nonce()));
    }

    @Test
    void aChangedOrMalformedTokenIsRefused() {
        FormTokens.Issued issued = tokens.issue("customer-1");
        String[] parts = issued.token().split("\\.");
        String laterExpiry = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
        assertFalse(tokens.accepts("customer-1", laterExpiry, issued.nonce()));
        for (String token : new String[] {null, "", issued.nonce(), issued.nonce() + ".x", issued.nonce() + ".x.y",
                issued.token() + ".extra"}) {
            assertFalse(tokens.accepts("customer-1", token, issued.nonce()), String.valueOf(token));
        }
    }
}
