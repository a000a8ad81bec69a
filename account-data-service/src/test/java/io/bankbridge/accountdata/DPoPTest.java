package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bankbridge.contract.token.Claims;
import io.bankbridge.testsupport.DPoPProver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * DPoP-bound access tokens on the data API (RFC 9449 §7): the scheme, a proof on every request for this method and
 * URL, of the key the token names ({@code cnf.jkt}), for this token ({@code ath}), once; bearer tokens stay bearer.
 */
@QuarkusTest
class DPoPTest {

    private static final String PATH = "/fdx/v6/accounts/ACC-C-0001-1/transactions";
    private static final List<String> CLUSTERS = List.of("TRANSACTIONS");

    /** The public URL proofs name, as configured: not the test port the request goes to. */
    private static String url(String path) {
        return ConfigProvider.getConfig().getValue("bankbridge.dpop.public-url", String.class) + path;
    }

    private static String boundToken(DPoPProver prover) {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        return grant.another(CLUSTERS).claim(Claims.CONFIRMATION, prover.confirmation()).sign();
    }

    private static ValidatableResponse call(String path, String authorization, String proof) {
        var request = given().header("Authorization", authorization);
        if (proof != null) {
            request = request.header("DPoP", proof);
        }
        return request.when().get(path).then();
    }

    private static void assertChallenge(ValidatableResponse response, String error) {
        response.statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("DPoP error=\"" + error + "\""))
                .header("WWW-Authenticate", containsString("algs=\"PS256 ES256\""))
                .body("status", equalTo(401));
    }

    @Test
    void aBoundTokenWithAProofOfItsKeyIsServedEveryTimeWithAFreshProof() {
        DPoPProver prover = DPoPProver.ps256();
        String token = boundToken(prover);
        for (int i = 0; i < 3; i++) {
            call(PATH, "DPoP " + token, prover.proof("GET", url(PATH), token)).statusCode(200);
        }
        call(PATH + "?limit=5", "DPoP " + token, prover.proof("GET", url(PATH), token)).statusCode(200);
    }

    @Test
    void aBoundTokenPresentedAsBearerIsRefusedWithTheDPoPChallenge() {
        DPoPProver prover = DPoPProver.ps256();
        String token = boundToken(prover);
        assertChallenge(call(PATH, "Bearer " + token, null), "invalid_token");
        assertChallenge(call(PATH, "Bearer " + token, prover.proof("GET", url(PATH), token)), "invalid_token");
    }

    @Test
    void aBoundTokenWithoutAProofIsRefused() {
        String token = boundToken(DPoPProver.ps256());
        assertChallenge(call(PATH, "DPoP " + token, null), "invalid_dpop_proof");
    }

    @Test
    void aProofForAnotherTokenKeyMethodOrUrlOrWithAnotherAlgorithmIsRefused() {
        DPoPProver prover = DPoPProver.ps256();
        String token = boundToken(prover);
        String other = boundToken(prover);
        assertChallenge(call(PATH, "DPoP " + token, prover.proof("GET", url(PATH), other)), "invalid_dpop_proof");
        assertChallenge(call(PATH, "DPoP " + token, DPoPProver.ps256().proof("GET", url(PATH), token)),
                "invalid_dpop_proof");
        assertChallenge(call(PATH, "DPoP " + token, prover.proof("POST", url(PATH), token)), "invalid_dpop_proof");
        assertChallenge(call(PATH, "DPoP " + token,
                prover.proof("GET", url("/fdx/v6/accounts/ACC-C-0001-1/balances"), token)), "invalid_dpop_proof");
        // the Host the request reached is not the public URL
        assertChallenge(call(PATH, "DPoP " + token, prover.proof("GET", "http://localhost:"
                + io.restassured.RestAssured.port + PATH, token)), "invalid_dpop_proof");
        assertChallenge(call(PATH, "DPoP " + token, prover.proof("GET", url(PATH), token,
                Instant.now().minusSeconds(120))), "invalid_dpop_proof");
        // RS256 is not accepted (FAPI 2.0 allows PS256, ES256 and EdDSA only)
        DPoPProver rsa = DPoPProver.rs256();
        String rsaToken = boundToken(rsa);
        assertChallenge(call(PATH, "DPoP " + rsaToken, rsa.proof("GET", url(PATH), rsaToken)), "invalid_dpop_proof");
    }

    @Test
    void aReplayedProofIsRefused() {
        DPoPProver prover = DPoPProver.ps256();
        String token = boundToken(prover);
        String proof = prover.proof("GET", url(PATH), token);
        call(PATH, "DPoP " + token, proof).statusCode(200);
        assertChallenge(call(PATH, "DPoP " + token, proof), "invalid_dpop_proof");
    }

    @Test
    void anUnboundTokenWorksAsBearerButNotUnderTheDPoPScheme() {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        DPoPProver prover = DPoPProver.ps256();
        call(PATH, "Bearer " + grant.token(), null).statusCode(200);
        assertChallenge(call(PATH, "DPoP " + grant.token(), prover.proof("GET", url(PATH), grant.token())),
                "invalid_token");
    }

    @Test
    void theTokenCacheStillVerifiesASignatureOnceWhileEveryProofIsChecked() {
        DPoPProver prover = DPoPProver.ps256();
        String token = boundToken(prover);
        double before = verifiedTokens();
        call(PATH, "DPoP " + token, prover.proof("GET", url(PATH), token)).statusCode(200);
        call(PATH, "DPoP " + token, prover.proof("GET", url(PATH), token)).statusCode(200);
        assertChallenge(call(PATH, "DPoP " + token, null), "invalid_dpop_proof");
        assertEquals(before + 1, verifiedTokens());
    }

    private static double verifiedTokens() {
        return Metrics.sum("bankbridge_tokens_verified_total");
    }
}
