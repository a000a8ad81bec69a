package io.bankbridge.token;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The refresh_token grant: rotation on every use; reuse of a rotated token revokes the consent's tokens. */
@QuarkusTest
class RefreshTokenGrantTest {

    @Inject
    AuthorizationCodeIssuer codes;

    @Test
    void refreshRotatesTheRefreshToken() {
        TestProvider provider = TestProvider.onboard("refresh");
        JsonPath first = Grants.tokens(codes, provider, Grants.newConsentId());

        JsonPath second = Grants.refresh(provider, first.getString("refresh_token"))
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("refresh_token", not(equalTo(first.getString("refresh_token"))))
                .body("scope", equalTo("ACCOUNT_BASIC TRANSACTIONS"))
                .extract().jsonPath();

        Grants.refresh(provider, second.getString("refresh_token")).statusCode(200);
    }

    @Test
    void reuseOfARotatedRefreshTokenRevokesTheConsent() {
        TestProvider provider = TestProvider.onboard("refresh-reuse");
        String consentId = Grants.newConsentId();
        JsonPath first = Grants.tokens(codes, provider, consentId);
        JsonPath second = Grants.refresh(provider, first.getString("refresh_token")).statusCode(200).extract().jsonPath();

        Grants.refresh(provider, first.getString("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));

        Grants.refresh(provider, second.getString("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));
        Grants.introspect(second.getString("access_token")).statusCode(200).body("active", equalTo(false));
        var event = Grants.published(e -> e.type() == RevocationEventType.CONSENT_REVOKED && consentId.equals(e.subject()));
        assertTrue(event.isPresent(), "consent.revoked published for " + consentId);
        assertEquals(Actor.SYSTEM, event.get().data().actor());
    }

    @Test
    void refreshTokenOfAnotherClientIsInvalidGrantAndStaysUsable() {
        TestProvider owner = TestProvider.onboard("refresh-owner");
        TestProvider other = TestProvider.onboard("refresh-other");
        JsonPath tokens = Grants.tokens(codes, owner, Grants.newConsentId());

        Grants.refresh(other, tokens.getString("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));

        Grants.refresh(owner, tokens.getString("refresh_token")).statusCode(200);
    }

    @Test
    void broaderScopeThanGrantedIsInvalidScope() {
        TestProvider provider = TestProvider.onboard("refresh-scope");
        JsonPath tokens = Grants.tokens(codes, provider, Grants.newConsentId());

        provider.authenticated().formParam("grant_type", "refresh_token")
                .formParam("refresh_token", tokens.getString("refresh_token")).formParam("scope", "CUSTOMER_PERSONAL")
                .when().post("/token").then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void unknownRefreshTokenIsInvalidGrant() {
        TestProvider provider = TestProvider.onboard("refresh-unknown");
        Grants.refresh(provider, "not-a-refresh-token").statusCode(400).body("error", equalTo("invalid_grant"));
    }
}
