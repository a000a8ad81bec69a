package io.bankbridge.token;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import org.eclipse.microprofile.config.ConfigProvider;
import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.testsupport.TestClock;
import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The authorization_code grant: single use, bound to client, redirect URI and PKCE, short-lived; only a successful
 * redemption uses the code, and only the same client's replay of a redeemed code revokes.
 */
@QuarkusTest
class AuthorizationCodeGrantTest {

    @Inject
    AuthorizationCodeIssuer codes;

    @Inject
    Pool pool;

    @Inject
    TestClock clock;

    @Inject
    TokenSettings settings;

    @Test
    void codeRedeemsForAccessTokenRefreshTokenAndNoStoreHeaders() throws Exception {
        TestProvider provider = TestProvider.onboard("codeflow");
        String consentId = Grants.newConsentId();
        String verifier = TestProvider.verifier();
        String code = Grants.code(codes, provider, consentId, verifier, TestProvider.CLUSTERS, null);

        JsonPath body = Grants.redeem(provider, code, verifier)
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(300))
                .body("scope", equalTo("ACCOUNT_BASIC TRANSACTIONS"))
                .body("refresh_token", notNullValue())
                .body("id_token", nullValue())
                .body("grant_id", equalTo(consentId))
                .extract().jsonPath();

        SignedJWT jwt = SignedJWT.parse(body.getString("access_token"));
        assertEquals("at+jwt", jwt.getHeader().getType().getType());
        assertEquals(ConfigProvider.getConfig().getValue("bankbridge.signing.algorithm", String.class),
                jwt.getHeader().getAlgorithm().getName());
        assertTrue(jwt.getHeader().getKeyID() != null);
        var claims = jwt.getJWTClaimsSet();
        assertEquals(TestProvider.issuer(), claims.getIssuer());
        assertEquals("CUS-C-0001", claims.getSubject());
        assertEquals(List.of("bankbridge-api"), claims.getAudience());
        assertEquals(provider.clientId(), claims.getStringClaim("client_id"));
        assertEquals(consentId, claims.getStringClaim("consent_id"));
        assertEquals(consentId, claims.getStringClaim("grant_id"));
        assertEquals("ACCOUNT_BASIC TRANSACTIONS", claims.getStringClaim("scope"));
        assertTrue(claims.getJWTID() != null);
        assertEquals(300, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
    }

    @Test
    void openidScopeAddsAnIdTokenCarryingTheNonce() throws Exception {
        TestProvider provider = TestProvider.onboard("openid");
        String verifier = TestProvider.verifier();
        String code = Grants.code(codes, provider, Grants.newConsentId(), verifier, List.of("openid", "ACCOUNT_BASIC"),
                "n-0S6_WzA2Mj");

        String idToken = Grants.redeem(provider, code, verifier).statusCode(200).extract().path("id_token");

        var claims = SignedJWT.parse(idToken).getJWTClaimsSet();
        assertEquals("n-0S6_WzA2Mj", claims.getStringClaim("nonce"));
        assertEquals(List.of(provider.clientId()), claims.getAudience());
        assertEquals("CUS-C-0001", claims.getSubject());
    }

    @Test
    void wrongPkceVerifierIsInvalidGrantAndLeavesTheCodeUsable() {
        TestProvider provider = TestProvider.onboard("pkce");
        String verifier = TestProvider.verifier();
        String code = Grants.code(codes, provider, Grants.newConsentId(), verifier, TestProvider.CLUSTERS, null);

        Grants.redeem(provider, code, TestProvider.verifier())
                .statusCode(400).body("error", equalTo("invalid_grant")).header("Cache-Control", "no-store");

        assertGrantIntact(provider, code, verifier);
    }

    @Test
    void missingPkceVerifierIsInvalidGrant() {
        TestProvider provider = TestProvider.onboard("pkce-missing");
        String code = Grants.code(codes, provider, Grants.newConsentId(), TestProvider.verifier(), TestProvider.CLUSTERS, null);

        provider.authenticated().formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", TestProvider.REDIRECT_URI)
                .when().post("/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void redirectUriDifferentFromTheRequestIsInvalidGrantAndLeavesTheCodeUsable() {
        TestProvider provider = TestProvider.onboard("redirect");
        String verifier = TestProvider.verifier();
        String code = Grants.code(codes, provider, Grants.newConsentId(), verifier, TestProvider.CLUSTERS, null);

        provider.authenticated().formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", "https://provider.example/other").formParam("code_verifier", verifier)
                .when().post("/token").then().statusCode(400).body("error", equalTo("invalid_grant"));

        assertGrantIntact(provider, code, verifier);
    }

    @Test
    void codeOfAnotherClientIsInvalidGrantAndStaysWithItsClient() {
        TestProvider owner = TestProvider.onboard("owner");
        TestProvider thief = TestProvider.onboard("thief");
        String verifier = TestProvider.verifier();
        String code = Grants.code(codes, owner, Grants.newConsentId(), verifier, TestProvider.CLUSTERS, null);

        Grants.redeem(thief, code, verifier).statusCode(400).body("error", equalTo("invalid_grant"));
        Grants.redeem(thief, code, verifier).statusCode(400).body("error", equalTo("invalid_grant"));

        assertGrantIntact(owner, code, verifier);
    }

    /** The right client still redeems the code, and what it gets works: nothing was burnt or revoked. */
    private static void assertGrantIntact(TestProvider provider, String code, String verifier) {
        JsonPath tokens = Grants.redeem(provider, code, verifier).statusCode(200).extract().jsonPath();
        Grants.introspect(tokens.getString("access_token")).statusCode(200).body("active", equalTo(true));
        Grants.refresh(provider, tokens.getString("refresh_token")).statusCode(200);
    }

    @Test
    void concurrentCorrectRedemptionsGiveExactlyOneSuccess() throws Exception {
        TestProvider provider = TestProvider.onboard("race");
        String verifier = TestProvider.verifier();
        String code = Grants.code(codes, provider, Grants.newConsentId(), verifier, TestProvider.CLUSTERS, null);
        // Assertions are made up front: signing must not decide who arrives first.
        List<String> assertions = List.of(provider.assertion(), provider.assertion(), provider.assertion(),
                provider.assertion());

        List<Integer> statuses = Grants.statusesAtOnce(assertions.stream().map(assertion -> provider.withAssertion(assertion)
                        .formParam("grant_type", "authorization_code").formParam("code", code)
                        .formParam("redirect_uri", TestProvider.REDIRECT_URI).formParam("code_verifier", verifier))
                        .toList(),
                request -> request.when().post("/token"));

        assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "statuses " + statuses);
        assertEquals(assertions.size() - 1, statuses.stream().filter(status -> status == 400).count(), "statuses " + statuses);
    }

    @Test
    void expiredCodeIsInvalidGrant() {
        TestProvider provider = TestProvider.onboard("expiry");
        String verifier = TestProvider.verifier();
        // The code was issued just over its lifetime ago. The clock goes back rather than forward: moved forward, it
        // would age the client assertion the test signs and could pin the revocation view's freshness ahead.
        clock.advance(settings.codeLifetime().plusSeconds(1).negated());
        String code;
        try {
            code = Grants.code(codes, provider, Grants.newConsentId(), verifier, TestProvider.CLUSTERS, null);
        } finally {
            clock.reset();
        }

        Grants.redeem(provider, code, verifier).statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("the authorization code has expired"));
    }

    @Test
    void unknownCodeIsInvalidGrant() {
        TestProvider provider = TestProvider.onboard("unknown-code");
        Grants.redeem(provider, "no-such-code", TestProvider.verifier()).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void secondRedemptionIsRefusedAndRevokesWhatTheFirstIssued() {
        TestProvider provider = TestProvider.onboard("replay");
        String consentId = Grants.newConsentId();
        String verifier = TestProvider.verifier();
        String code = Grants.code(codes, provider, consentId, verifier, TestProvider.CLUSTERS, null);
        JsonPath first = Grants.redeem(provider, code, verifier).statusCode(200).extract().jsonPath();
        Grants.introspect(first.getString("access_token")).statusCode(200).body("active", equalTo(true));

        Grants.redeem(provider, code, verifier).statusCode(400).body("error", equalTo("invalid_grant"));

        Grants.introspect(first.getString("access_token")).statusCode(200).body("active", equalTo(false));
        Grants.refresh(provider, first.getString("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));
        var event = Grants.revokedByConsentService(pool, consentId);
        assertEquals(Actor.SYSTEM, event.data().actor());
        assertEquals("authorization code presented twice", event.data().reason());
    }

    @Test
    void unsupportedGrantTypeIsRefused() {
        TestProvider provider = TestProvider.onboard("grant-type");
        provider.authenticated().formParam("grant_type", "password")
                .when().post("/token").then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void jsonBodyAtTheTokenEndpointIsAnOAuthError() {
        io.restassured.RestAssured.given().contentType("application/json").body("{}")
                .when().post("/token").then().statusCode(415).body("error", equalTo("invalid_request"));
    }
}
