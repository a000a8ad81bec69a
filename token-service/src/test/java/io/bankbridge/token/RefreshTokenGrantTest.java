package io.bankbridge.token;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The refresh_token grant with the default policy: no rotation (FAPI 2.0 §5.3.2.1 item 10). The refresh token works
 * as often as needed until its consent ends; nothing presented here revokes the consent.
 */
@QuarkusTest
class RefreshTokenGrantTest {

    @Inject
    AuthorizationCodeIssuer codes;

    @Test
    void refreshAnswersWithoutANewRefreshTokenAndTheTokenKeepsWorking() {
        TestProvider provider = TestProvider.onboard("refresh");
        JsonPath first = Grants.tokens(codes, provider, Grants.newConsentId());
        String refreshToken = first.getString("refresh_token");

        for (int i = 0; i < 3; i++) {
            String accessToken = Grants.refresh(provider, refreshToken)
                    .statusCode(200)
                    .header("Cache-Control", "no-store")
                    .body("refresh_token", nullValue())
                    .body("scope", equalTo("ACCOUNT_BASIC TRANSACTIONS"))
                    .extract().path("access_token");
            Grants.introspect(accessToken).statusCode(200).body("active", equalTo(true));
        }
        // the consent is untouched: the first access token and the refresh token are still active
        Grants.introspect(first.getString("access_token")).statusCode(200).body("active", equalTo(true));
        Grants.introspect(refreshToken).statusCode(200).body("active", equalTo(true));
    }

    @Test
    void refreshTokenExpiresWithItsConsent() {
        TestProvider provider = TestProvider.onboard("refresh-expiry");
        Instant consentEnds = Instant.now().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
        String verifier = TestProvider.verifier();
        String code = Grants.code(codes, provider, Grants.newConsentId(), verifier, consentEnds);
        String refreshToken = Grants.redeem(provider, code, verifier).statusCode(200).extract().path("refresh_token");

        Grants.introspect(refreshToken).statusCode(200).body("active", equalTo(true))
                .body("exp", equalTo((int) consentEnds.getEpochSecond()));
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
