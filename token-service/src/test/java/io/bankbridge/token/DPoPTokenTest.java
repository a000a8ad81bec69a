package io.bankbridge.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jwt.SignedJWT;
import io.bankbridge.testsupport.DPoPProver;
import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DPoP (RFC 9449) at the token endpoint and at {@code /par}: proofs checked per §4.3, server nonces, tokens bound to
 * the proven key ({@code token_type DPoP}, {@code cnf.jkt}), refresh tokens and codes that only the key holder can use.
 */
@QuarkusTest
class DPoPTokenTest {

    private static final String NONCE = "DPoP-Nonce";
    private static final String THUMBPRINT = "[A-Za-z0-9_-]{43}";

    @Inject
    AuthorizationCodeIssuer codes;

    private static String url(String path) {
        return TestProvider.issuer() + path;
    }

    /** Fetches a current nonce the way a client does: a first proof without one, answered use_dpop_nonce. */
    private static DPoPProver withNonce(DPoPProver prover, TestProvider provider) {
        String nonce = redeemSpec(provider, prover.proof("POST", url("/token")))
                .formParam("grant_type", "refresh_token").formParam("refresh_token", "none")
                .when().post("/token").then()
                .statusCode(400).body("error", equalTo("use_dpop_nonce")).header(NONCE, matchesPattern(THUMBPRINT))
                .extract().header(NONCE);
        return prover.useNonce(nonce);
    }

    private static RequestSpecification redeemSpec(TestProvider provider, String proof) {
        RequestSpecification spec = provider.authenticated();
        return proof == null ? spec : spec.header("DPoP", proof);
    }

    private static ValidatableResponse redeem(TestProvider provider, String code, String verifier, String proof) {
        return redeemSpec(provider, proof).formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", TestProvider.REDIRECT_URI).formParam("code_verifier", verifier)
                .when().post("/token").then();
    }

    private static ValidatableResponse refresh(TestProvider provider, String refreshToken, String proof) {
        return redeemSpec(provider, proof).formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken).when().post("/token").then();
    }

    private JsonPath boundTokens(TestProvider provider, DPoPProver prover) {
        String verifier = TestProvider.verifier();
        String code = Grants.code(codes, provider, Grants.newConsentId(), verifier, TestProvider.CLUSTERS, null);
        return redeem(provider, code, verifier, prover.proof("POST", url("/token"))).statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aDPoPProvidersGrantManagementTokenIsBoundToItsKeyAndNeedsAProof() throws Exception {
        TestProvider provider = TestProvider.onboardWithDPoP("dpop-grants");
        redeemSpec(provider, null).formParam("grant_type", "client_credentials").when().post("/token").then()
                .statusCode(400).body("error", equalTo("invalid_dpop_proof"));
        DPoPProver prover = withNonce(DPoPProver.ps256(), provider);
        String token = redeemSpec(provider, prover.proof("POST", url("/token")))
                .formParam("grant_type", "client_credentials").when().post("/token").then()
                .statusCode(200)
                .body("token_type", equalTo("DPoP"))
                .body("scope", equalTo("grant_management_query grant_management_revoke"))
                .extract().path("access_token");
        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals(Map.of("jkt", prover.thumbprint()), claims.getJSONObjectClaim("cnf"));
        assertEquals(java.util.List.of("bankbridge-grants"), claims.getAudience());
    }

    @Test
    void aProviderRegisteredForDPoPWithoutAProofIsRefused() {
        TestProvider provider = TestProvider.onboardWithDPoP("dpop-missing");
        String verifier = TestProvider.verifier();
        String code = Grants.code(codes, provider, Grants.newConsentId(), verifier, TestProvider.CLUSTERS, null);

        redeem(provider, code, verifier, null).statusCode(400).contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_dpop_proof"));
    }

    @Test
    void aNonceIsRequiredThenTheCodeYieldsDPoPBoundTokens() throws Exception {
        TestProvider provider = TestProvider.onboardWithDPoP("dpop-code");
        DPoPProver prover = DPoPProver.ps256();
        String verifier = TestProvider.verifier();
        String code = Grants.code(codes, provider, Grants.newConsentId(), verifier, TestProvider.CLUSTERS, null);

        String nonce = redeem(provider, code, verifier, prover.proof("POST", url("/token"))).statusCode(400)
                .body("error", equalTo("use_dpop_nonce")).header(NONCE, matchesPattern(THUMBPRINT))
                .extract().header(NONCE);
        // the attempt without a nonce did not use the code
        ExtractableResponse<Response> issued = redeem(provider, code, verifier,
                prover.useNonce(nonce).proof("POST", url("/token")))
                .statusCode(200)
                .header(NONCE, notNullValue())
                .body("token_type", equalTo("DPoP"))
                .body("refresh_token", notNullValue())
                .extract();

        SignedJWT access = SignedJWT.parse(issued.path("access_token"));
        assertEquals(Map.of("jkt", prover.thumbprint()), access.getJWTClaimsSet().getJSONObjectClaim("cnf"));
        Grants.introspect(issued.path("access_token")).statusCode(200).body("active", equalTo(true))
                .body("token_type", equalTo("DPoP")).body("cnf.jkt", equalTo(prover.thumbprint()));
        Grants.introspect(issued.path("refresh_token")).statusCode(200).body("cnf.jkt", equalTo(prover.thumbprint()));
    }

    @Test
    void aProofForAnotherMethodOrUrlOrWithAnAlgorithmNotAdvertisedIsRefused() {
        TestProvider provider = TestProvider.onboardWithDPoP("dpop-htu");
        DPoPProver prover = withNonce(DPoPProver.ps256(), provider);
        String verifier = TestProvider.verifier();
        String code = Grants.code(codes, provider, Grants.newConsentId(), verifier, TestProvider.CLUSTERS, null);

        // RS256 is not advertised (FAPI 2.0 allows PS256, ES256 and EdDSA only)
        String rs256 = DPoPProver.rs256().useNonce(prover.nonce()).proof("POST", url("/token"));
        for (String proof : new String[] {prover.proof("GET", url("/token")), prover.proof("POST", url("/par")),
                prover.proof("POST", "https://elsewhere.example/token"), rs256}) {
            redeem(provider, code, verifier, proof).statusCode(400).body("error", equalTo("invalid_dpop_proof"));
        }
    }

    @Test
    void aStaleOrReplayedProofIsRefused() {
        TestProvider provider = TestProvider.onboardWithDPoP("dpop-iat");
        DPoPProver prover = withNonce(DPoPProver.ps256(), provider);
        JsonPath tokens = boundTokens(provider, prover);

        refresh(provider, tokens.getString("refresh_token"),
                prover.proof("POST", url("/token"), null, Instant.now().minusSeconds(300)))
                .statusCode(400).body("error", equalTo("invalid_dpop_proof"));
        refresh(provider, tokens.getString("refresh_token"),
                prover.proof("POST", url("/token"), null, Instant.now().plusSeconds(300)))
                .statusCode(400).body("error", equalTo("invalid_dpop_proof"));

        String proof = prover.proof("POST", url("/token"));
        refresh(provider, tokens.getString("refresh_token"), proof).statusCode(200).body("token_type", equalTo("DPoP"));
        refresh(provider, tokens.getString("refresh_token"), proof).statusCode(400)
                .body("error", equalTo("invalid_dpop_proof"));
    }

    @Test
    void aRefreshTokenIsBoundToTheKeyThatObtainedIt() throws Exception {
        TestProvider provider = TestProvider.onboardWithDPoP("dpop-refresh");
        DPoPProver prover = withNonce(DPoPProver.ps256(), provider);
        JsonPath tokens = boundTokens(provider, prover);
        DPoPProver stranger = DPoPProver.ps256().useNonce(prover.nonce());

        refresh(provider, tokens.getString("refresh_token"), stranger.proof("POST", url("/token")))
                .statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(provider, tokens.getString("refresh_token"), null)
                .statusCode(400).body("error", equalTo("invalid_dpop_proof"));

        String access = refresh(provider, tokens.getString("refresh_token"), prover.proof("POST", url("/token")))
                .statusCode(200).body("token_type", equalTo("DPoP")).extract().path("access_token");
        assertEquals(prover.thumbprint(), SignedJWT.parse(access).getJWTClaimsSet().getJSONObjectClaim("cnf").get("jkt"));
    }

    @Test
    void aBoundRefreshTokenOfAProviderNotRegisteredForDPoPStillNeedsItsKey() {
        TestProvider provider = TestProvider.onboard("dpop-optional");
        DPoPProver prover = withNonce(DPoPProver.ps256(), provider);
        JsonPath tokens = boundTokens(provider, prover);

        refresh(provider, tokens.getString("refresh_token"), null).statusCode(400)
                .body("error", equalTo("invalid_grant"));
        refresh(provider, tokens.getString("refresh_token"), prover.proof("POST", url("/token"))).statusCode(200)
                .body("token_type", equalTo("DPoP"));
    }

    @Test
    void aProviderNotRegisteredForDPoPWithoutAProofGetsBearerTokens() {
        TestProvider provider = TestProvider.onboard("dpop-none");
        JsonPath tokens = Grants.tokens(codes, provider, Grants.newConsentId());
        assertEquals("Bearer", tokens.getString("token_type"));
        Grants.introspect(tokens.getString("access_token")).statusCode(200).body("token_type", equalTo("Bearer"))
                .body("cnf", nullValue());
    }

    @Test
    void aCodeBoundAtParIsRedeemedWithThatKeyOnly() {
        TestProvider provider = TestProvider.onboardWithDPoP("dpop-par");
        DPoPProver prover = DPoPProver.ps256();
        String verifier = TestProvider.verifier();

        String nonce = push(provider, verifier).header("DPoP", prover.proof("POST", url("/par")))
                .when().post("/par").then().statusCode(400).body("error", equalTo("use_dpop_nonce"))
                .extract().header(NONCE);
        prover.useNonce(nonce);
        push(provider, verifier).header("DPoP", prover.proof("POST", url("/token"))).when().post("/par").then()
                .statusCode(400).body("error", equalTo("invalid_dpop_proof"));
        push(provider, verifier).header("DPoP", prover.proof("POST", url("/par"))).when().post("/par").then()
                .statusCode(201).header(NONCE, notNullValue());

        // the pages issue the code for the pushed request: same client, same PKCE challenge
        String code = Grants.code(codes, provider, Grants.newConsentId(), verifier, TestProvider.CLUSTERS, null);
        DPoPProver stranger = DPoPProver.ps256().useNonce(nonce);
        redeem(provider, code, verifier, stranger.proof("POST", url("/token"))).statusCode(400)
                .body("error", equalTo("invalid_grant"));

        String code2 = Grants.code(codes, provider, Grants.newConsentId(), verifier, TestProvider.CLUSTERS, null);
        redeem(provider, code2, verifier, prover.proof("POST", url("/token"))).statusCode(200)
                .body("token_type", equalTo("DPoP"));
    }

    @Test
    void dpopJktAtParBindsTheCodeAndMustAgreeWithTheProof() {
        TestProvider provider = TestProvider.onboardWithDPoP("dpop-jkt");
        DPoPProver prover = withNonce(DPoPProver.ps256(), provider);
        DPoPProver other = DPoPProver.ps256().useNonce(prover.nonce());
        String verifier = TestProvider.verifier();

        push(provider, verifier).formParam("dpop_jkt", other.thumbprint())
                .header("DPoP", prover.proof("POST", url("/par"))).when().post("/par").then()
                .statusCode(400).body("error", equalTo("invalid_dpop_proof"));
        push(provider, verifier).formParam("dpop_jkt", "not-a-thumbprint").when().post("/par").then()
                .statusCode(400).body("error", equalTo("invalid_dpop_proof"));
        push(provider, verifier).formParam("dpop_jkt", prover.thumbprint()).when().post("/par").then()
                .statusCode(201);

        String code = Grants.code(codes, provider, Grants.newConsentId(), verifier, TestProvider.CLUSTERS, null);
        redeem(provider, code, verifier, other.proof("POST", url("/token"))).statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void discoveryAdvertisesTheProofAlgorithmsAndRegistrationDefaultsToDPoP() {
        given().when().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("dpop_signing_alg_values_supported", contains("PS256", "ES256"));

        String clientId = "dpop-default-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", TestProvider.adminAuthorization()).contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "name", "Default", "redirectUris", java.util.List.of(
                                TestProvider.REDIRECT_URI), "allowedClusters", TestProvider.CLUSTERS,
                        "jwks", new com.nimbusds.jose.jwk.JWKSet(TestProvider.rsaKey().toPublicJWK()).toJSONObject(true)))
                .when().post("/admin/providers").then().statusCode(201)
                .body("dpopBoundAccessTokens", equalTo(true));
    }

    private static RequestSpecification push(TestProvider provider, String verifier) {
        return provider.authenticated()
                .formParam("response_type", "code")
                .formParam("client_id", provider.clientId())
                .formParam("redirect_uri", TestProvider.REDIRECT_URI)
                .formParam("scope", "ACCOUNT_BASIC TRANSACTIONS")
                .formParam("code_challenge", TestProvider.challenge(verifier))
                .formParam("code_challenge_method", "S256");
    }
}
