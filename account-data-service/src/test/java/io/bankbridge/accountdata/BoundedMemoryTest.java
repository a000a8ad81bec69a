package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.accountdata.consent.ConsentViews;
import io.bankbridge.accountdata.security.VerifiedTokenCache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * With tiny bounds, the verified-token cache and the consent view stay within them, and what they drop is verified
 * or fetched again: the service answers exactly as with room for everything. A revoked token id that has to be
 * dropped never lets its token back in, nor does a provider suspension dropped for room.
 */
@QuarkusTest
@TestProfile(BoundedMemoryTest.TinyBounds.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoundedMemoryTest {

    /** Two of everything. */
    public static class TinyBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "bankbridge.provider-api.token-cache.max-entries", "2",
                    "bankbridge.consent-view.max-consents", "2",
                    "bankbridge.consent-view.max-revoked-tokens", "2",
                    "bankbridge.consent-view.max-ended", "2");
        }
    }

    @Inject
    VerifiedTokenCache tokens;

    @Inject
    ConsentViews consents;

    @Test
    @Order(1)
    void droppedTokensAreVerifiedAgainAndDroppedConsentsFetchedAgain() {
        // Used once, then revoked at consent-service only: while it stays in memory it would still pass.
        Grants ended = Grants.of(List.of("ACCOUNT_BASIC"), "ACC-C-0001-1");
        given().auth().oauth2(ended.token()).when().get("/fdx/v6/accounts").then().statusCode(200);
        ConsentServiceStandIn.setStatus(ended.consentId(), "REVOKED");

        List<Grants> grants = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            grants.add(Grants.of(List.of("ACCOUNT_BASIC"), "ACC-C-0001-1"));
        }
        for (int round = 0; round < 3; round++) {
            for (Grants grant : grants) {
                given().auth().oauth2(grant.token()).when().get("/fdx/v6/accounts").then().statusCode(200);
            }
        }
        assertTrue(tokens.size() <= 2, "the token cache holds at most 2 tokens: " + tokens.size());
        int reads = grants.stream().mapToInt(g -> ConsentServiceStandIn.reads(g.consentId())).sum();
        // Each consent was read on first sight; at most two stayed in memory for the second round.
        assertTrue(reads >= 10, "dropped consents are asked of consent-service again: " + reads + " reads");

        // The consent used once has made room for the busier ones, and comes back as consent-service has it now.
        given().auth().oauth2(ended.token()).when().get("/fdx/v6/accounts").then().statusCode(401);
    }

    @Test
    @Order(2)
    void aRevokedTokenIdDroppedForRoomRefusesEveryTokenIssuedBeforeIt() throws InterruptedException {
        Instant issued = Instant.now().minusSeconds(1);
        assertFalse(consents.tokenRevoked("jti-live", issued));
        for (int i = 0; i < 20; i++) {
            consents.tokenRevoked("jti-" + UUID.randomUUID(), "consent-x", Instant.now());
        }
        // The cache evicts in its maintenance, shortly after the writes.
        for (int i = 0; i < 50 && !consents.tokenRevoked("jti-live", issued); i++) {
            Thread.sleep(100);
        }
        assertTrue(consents.tokenRevoked("jti-live", issued), "a token issued before the drop is refused");
        assertFalse(consents.tokenRevoked("jti-new", Instant.now().plusSeconds(60)),
                "a token issued after the drop is not");
    }

    @Test
    @Order(3)
    void aProviderSuspensionDroppedForRoomRefusesEveryTokenIssuedBeforeIt() throws InterruptedException {
        Instant issued = Instant.now().minusSeconds(1);
        assertFalse(consents.providerSuspended("provider-live", issued));
        for (int i = 0; i < 20; i++) {
            consents.suspendProvider("provider-" + UUID.randomUUID(), Instant.now());
        }
        for (int i = 0; i < 50 && !consents.providerSuspended("provider-live", issued); i++) {
            Thread.sleep(100);
        }
        assertTrue(consents.providerSuspended("provider-live", issued), "a token issued before the drop is refused");
        assertFalse(consents.providerSuspended("provider-live", Instant.now().plusSeconds(60)),
                "a token issued after the drop is not");
    }
}
