package io.bankbridge.token;

import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jwt.SignedJWT;
import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.token.authorize.BankServicesStandIn;
import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Revocations decided elsewhere (the customer in the Security Center) reach token-service through the topic. */
@QuarkusTest
class RevocationEventsAppliedTest {

    @Inject
    AuthorizationCodeIssuer codes;

    @Test
    void consentRevokedElsewhereStopsItsRefreshTokenAndAccessToken() throws Exception {
        TestProvider provider = TestProvider.onboard("revoked-elsewhere");
        String consentId = Grants.newConsentId();
        JsonPath tokens = Grants.tokens(codes, provider, consentId);

        BankServicesStandIn.announce(RevocationEvent.aboutConsent("/bankbridge/consent-service",
                RevocationEventType.CONSENT_REVOKED,
                new RevocationData(consentId, provider.clientId(), "CUS-C-0001", null, Actor.CUSTOMER, "customer revoked",
                        Instant.now())));

        awaitInactive(tokens.getString("refresh_token"));
        Grants.refresh(provider, tokens.getString("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));
        Grants.introspect(tokens.getString("access_token")).statusCode(200).body("active", equalTo(false));
    }

    @Test
    void tokenRevokedElsewhereMakesThatAccessTokenInactive() throws Exception {
        TestProvider provider = TestProvider.onboard("token-revoked-elsewhere");
        String consentId = Grants.newConsentId();
        JsonPath tokens = Grants.tokens(codes, provider, consentId);
        String jti = SignedJWT.parse(tokens.getString("access_token")).getJWTClaimsSet().getJWTID();

        BankServicesStandIn.announce(RevocationEvent.aboutConsent("/bankbridge/consent-service",
                RevocationEventType.TOKEN_REVOKED,
                new RevocationData(consentId, provider.clientId(), "CUS-C-0001", jti, Actor.BANK, "token leaked",
                        Instant.now())));

        awaitInactive(tokens.getString("access_token"));
        Grants.introspect(tokens.getString("refresh_token")).statusCode(200).body("active", equalTo(true));
    }

    /** Polls introspection (bounded) until the token is inactive; the last answer is asserted. */
    private static void awaitInactive(String token) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)
                && Boolean.TRUE.equals(Grants.introspect(token).extract().path("active"))) {
            Thread.sleep(100);
        }
        Grants.introspect(token).statusCode(200).body("active", equalTo(false));
    }
}
