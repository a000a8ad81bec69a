package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import io.bankbridge.accountdata.security.Permissions;
import io.bankbridge.testsupport.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6750 as a provider meets it: which tokens are refused, with which status, challenge and problem body. */
@QuarkusTest
class TokenValidationTest {

    private static final String PATH = "/fdx/v6/accounts/ACC-C-0001-1/transactions";
    private static final List<String> CLUSTERS = List.of("TRANSACTIONS");

    private static void assertInvalidToken(String token) {
        given().auth().oauth2(token).when().get(PATH)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer realm=\"bankbridge\""))
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("status", equalTo(401));
    }

    @Test
    void aValidTokenIsAccepted() {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        given().auth().oauth2(grant.token()).when().get(PATH).then().statusCode(200);
    }

    @Test
    void aTokensSignatureIsVerifiedOnceHoweverOftenItIsUsed() {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        double before = verifiedTokens();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(grant.token()).when().get(PATH).then().statusCode(200);
        }
        assertEquals(before + 1, verifiedTokens(), "quarkus-oidc verified the token once, the cache answered after");
    }

    private static double verifiedTokens() {
        return Metrics.sum("bankbridge_tokens_verified_total");
    }

    @Test
    void noTokenGetsTheBearerChallengeWithoutAnErrorCode() {
        given().when().get(PATH)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"bankbridge\""));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        assertInvalidToken(grant.another(CLUSTERS).issuedAt(past).expiresAt(past.plusSeconds(300)).sign());
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        assertInvalidToken(grant.another(CLUSTERS).audience("some-other-api").sign());
    }

    @Test
    void anInternalTokenOpensNoProviderEndpoint() {
        String internal = Grants.internalToken(Permissions.INGEST);
        for (String path : List.of("/accounts", "/accounts/ACC-C-0001-1", "/accounts/ACC-C-0001-1/transactions",
                "/accounts/ACC-C-0001-1/payment-networks", "/customers/current")) {
            given().auth().oauth2(internal).when().get("/fdx/v6" + path)
                    .then().statusCode(403).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PS256", "ES256", "EdDSA"})
    void aTokenSignedWithAnyAlgorithmTokenServiceCanUseIsAccepted(String alg) {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        given().auth().oauth2(grant.another(CLUSTERS).signedWithIssuerKeyFor(JWSAlgorithm.parse(alg)).sign())
                .when().get(PATH).then().statusCode(200);
    }

    @Test
    void aTokenSignedRs256WithThePublishedRsaKeyIsRefused() {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        assertInvalidToken(grant.another(CLUSTERS).algorithm(JWSAlgorithm.RS256).sign());
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        String kid = Grants.issuer().key().getKeyID();
        assertInvalidToken(grant.another(CLUSTERS).signedWith(TestIssuer.newKey(kid)).sign());
    }

    @Test
    void aTokenThatIsNotAnAccessTokenIsRefused() {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        assertInvalidToken(grant.another(CLUSTERS).type("JWT").sign());
    }

    @Test
    void garbageInTheAuthorizationHeaderIsRefused() {
        for (String garbage : List.of("not.a.jwt", "....", "a.b", "a.b.", "eyJ.eyJ.x y", "x".repeat(20_000))) {
            assertInvalidToken(garbage);
        }
    }

    @Test
    void aTokenInTheQueryStringIsRefusedEvenWhenValid() {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        given().queryParam("access_token", grant.token()).when().get(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"invalid_request\""));
        given().auth().oauth2(grant.token()).queryParam("access_token", grant.token()).when().get(PATH)
                .then().statusCode(400);
    }

    @Test
    void aTokenWhoseConsentIsUnknownIsRefused() {
        String token = Grants.issuer().providerToken("CUS-C-0001", Grants.PROVIDER,
                "00000000-0000-0000-0000-000000000000", "TRANSACTIONS").sign();
        assertInvalidToken(token);
    }

    @Test
    void aTokenOfAnotherProviderThanItsConsentsIsRefused() {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        assertInvalidToken(Grants.issuer().providerToken("CUS-C-0001", "other-app", grant.consentId(),
                "TRANSACTIONS").sign());
        assertInvalidToken(Grants.issuer().providerToken("CUS-C-0002", Grants.PROVIDER, grant.consentId(),
                "TRANSACTIONS").sign());
    }

    @Test
    void aConsentIsAskedForOnceAndThenDecidedLocally() {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(grant.token()).when().get(PATH).then().statusCode(200);
        }
        given().auth().oauth2(grant.another(CLUSTERS).sign()).when().get(PATH).then().statusCode(200);
        org.junit.jupiter.api.Assertions.assertEquals(1, ConsentServiceStandIn.reads(grant.consentId()));
    }

    @Test
    void aConsentThatConsentServiceReportsRevokedIsRefusedOnFirstSight() {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        ConsentServiceStandIn.setStatus(grant.consentId(), "REVOKED");
        given().auth().oauth2(grant.token()).when().get(PATH)
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("detail", containsString("revoked"));
    }

    @Test
    void aProviderTokenCannotUseTheInternalApi() {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        given().auth().oauth2(grant.token()).when().get("/internal/customers/CUS-C-0001/accounts")
                .then().statusCode(403)
                .header("WWW-Authenticate", containsString("insufficient_scope"))
                .body("$", not(org.hamcrest.Matchers.hasKey("accountId")));
    }
}
