package io.bankbridge.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** RFC 7009 revocation and RFC 7662 introspection, and how they see each other. */
@QuarkusTest
class RevocationAndIntrospectionTest {

    @Inject
    AuthorizationCodeIssuer codes;

    @Inject
    Pool pool;

    @Test
    void introspectionDescribesAnActiveAccessToken() {
        TestProvider provider = TestProvider.onboard("introspect");
        String consentId = Grants.newConsentId();
        JsonPath tokens = Grants.tokens(codes, provider, consentId);

        Grants.introspect(tokens.getString("access_token")).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("active", equalTo(true))
                .body("client_id", equalTo(provider.clientId()))
                .body("sub", equalTo("CUS-C-0001"))
                .body("consent_id", equalTo(consentId))
                .body("scope", equalTo("ACCOUNT_BASIC TRANSACTIONS"))
                .body("aud", equalTo("bankbridge-api"))
                .body("iss", equalTo(TestProvider.issuer()));
        Grants.introspect(tokens.getString("refresh_token")).statusCode(200)
                .body("active", equalTo(true)).body("token_type", equalTo("refresh_token"));
    }

    @Test
    void garbageAndForeignTokensAreInactive() {
        Grants.introspect("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").statusCode(200).body("active", equalTo(false));
        Grants.introspect("random-opaque-value").statusCode(200).body("active", equalTo(false));
    }

    @Test
    void providerOnlySeesItsOwnTokens() {
        TestProvider owner = TestProvider.onboard("introspect-owner");
        TestProvider other = TestProvider.onboard("introspect-other");
        JsonPath tokens = Grants.tokens(codes, owner, Grants.newConsentId());

        other.authenticated().formParam("token", tokens.getString("access_token"))
                .when().post("/introspect").then().statusCode(200).body("active", equalTo(false));
        owner.authenticated().formParam("token", tokens.getString("access_token"))
                .when().post("/introspect").then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void revokingARefreshTokenRevokesThatConsentOnly() {
        TestProvider provider = TestProvider.onboard("revoke");
        String consentId = Grants.newConsentId();
        JsonPath revoked = Grants.tokens(codes, provider, consentId);
        JsonPath untouched = Grants.tokens(codes, provider, Grants.newConsentId());

        provider.authenticated().formParam("token", revoked.getString("refresh_token")).formParam("token_type_hint", "refresh_token")
                .when().post("/revoke").then().statusCode(200).header("Cache-Control", "no-store");

        Grants.refresh(provider, revoked.getString("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));
        Grants.introspect(revoked.getString("access_token")).statusCode(200).body("active", equalTo(false));
        Grants.introspect(untouched.getString("access_token")).statusCode(200).body("active", equalTo(true));
        Grants.refresh(provider, untouched.getString("refresh_token")).statusCode(200);
        var event = Grants.revokedByConsentService(pool, consentId);
        assertEquals(Actor.PROVIDER, event.data().actor());
        assertEquals("refresh token revoked by the client", event.data().reason());
    }

    @Test
    void revokingAnAccessTokenRevokesThatTokenOnly() throws Exception {
        TestProvider provider = TestProvider.onboard("revoke-at");
        String consentId = Grants.newConsentId();
        JsonPath tokens = Grants.tokens(codes, provider, consentId);
        String jti = com.nimbusds.jwt.SignedJWT.parse(tokens.getString("access_token")).getJWTClaimsSet().getJWTID();

        provider.authenticated().formParam("token", tokens.getString("access_token"))
                .when().post("/revoke").then().statusCode(200);

        Grants.introspect(tokens.getString("access_token")).statusCode(200).body("active", equalTo(false));
        JsonPath refreshed = Grants.refresh(provider, tokens.getString("refresh_token")).statusCode(200).extract().jsonPath();
        Grants.introspect(refreshed.getString("access_token")).statusCode(200).body("active", equalTo(true));
        var event = Grants.published(e -> e.type() == RevocationEventType.TOKEN_REVOKED && jti.equals(e.data().tokenId()));
        assertTrue(event.isPresent(), "token.revoked published for " + jti);
        assertEquals(consentId, event.get().subject());
    }

    @Test
    void revokingAnotherClientsTokenChangesNothing() {
        TestProvider owner = TestProvider.onboard("revoke-owner");
        TestProvider other = TestProvider.onboard("revoke-other");
        JsonPath tokens = Grants.tokens(codes, owner, Grants.newConsentId());

        other.authenticated().formParam("token", tokens.getString("refresh_token"))
                .when().post("/revoke").then().statusCode(200);

        Grants.refresh(owner, tokens.getString("refresh_token")).statusCode(200);
    }

    @Test
    void revokingAnUnknownTokenIsOk() {
        TestProvider provider = TestProvider.onboard("revoke-unknown");
        provider.authenticated().formParam("token", "never-issued").when().post("/revoke").then().statusCode(200);
    }

    @Test
    void revocationNeedsClientAuthenticationAndAToken() {
        given().contentType(ContentType.URLENC).formParam("token", "x")
                .when().post("/revoke").then().statusCode(401).body("error", equalTo("invalid_client"));
        TestProvider provider = TestProvider.onboard("revoke-notoken");
        provider.authenticated().when().post("/revoke").then().statusCode(400).body("error", equalTo("invalid_request"));
    }
}
