package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.bankbridge.contract.token.Claims;
import io.bankbridge.testsupport.DPoPProver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * DPoP-bound provider tokens on the provider consent API (RFC 9449 §7): the DPoP scheme and a proof of the token's
 * key for this method, URL and token on every request; bearer tokens stay bearer tokens.
 */
@QuarkusTest
class ProviderDPoPTest {

    private static String url(String path) {
        return ConfigProvider.getConfig().getValue("bankbridge.dpop.public-url", String.class) + path;
    }

    private static String boundToken(String customer, String consentId, DPoPProver prover) {
        return issuer().providerToken(customer, ConsentFixtures.PROVIDER, consentId, "ACCOUNT_BASIC", "TRANSACTIONS")
                .claim(Claims.CONFIRMATION, prover.confirmation()).sign();
    }

    private static ValidatableResponse get(String path, String authorization, String proof) {
        var request = given().header("Authorization", authorization);
        return (proof == null ? request : request.header("DPoP", proof)).when().get(path).then();
    }

    private static void assertChallenge(ValidatableResponse response, String error) {
        response.statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("DPoP error=\"" + error + "\""))
                .header("WWW-Authenticate", containsString("algs=\"PS256 ES256\""));
    }

    @Test
    void aBoundTokenWithAProofOfItsKeyReadsTheConsent() {
        String customer = newCustomer();
        String id = authorized(customer, ConsentFixtures.PROVIDER);
        DPoPProver prover = DPoPProver.ps256();
        String token = boundToken(customer, id, prover);

        get("/consents/" + id, "DPoP " + token, prover.proof("GET", url("/consents/" + id), token)).statusCode(200)
                .body("id", equalTo(id));
    }

    @Test
    void aBoundTokenAsBearerOrWithoutAValidProofIsRefused() {
        String customer = newCustomer();
        String id = authorized(customer, ConsentFixtures.PROVIDER);
        DPoPProver prover = DPoPProver.ps256();
        String token = boundToken(customer, id, prover);
        String path = "/consents/" + id;

        assertChallenge(get(path, "Bearer " + token, null), "invalid_token");
        assertChallenge(get(path, "DPoP " + token, null), "invalid_dpop_proof");
        assertChallenge(get(path, "DPoP " + token, DPoPProver.ps256().proof("GET", url(path), token)),
                "invalid_dpop_proof");
        assertChallenge(get(path, "DPoP " + token, prover.proof("GET", url(path), "another-token")),
                "invalid_dpop_proof");
        assertChallenge(get(path, "DPoP " + token, prover.proof("GET", url("/consents"), token)), "invalid_dpop_proof");
        String proof = prover.proof("GET", url(path), token);
        get(path, "DPoP " + token, proof).statusCode(200);
        assertChallenge(get(path, "DPoP " + token, proof), "invalid_dpop_proof");
    }

    @Test
    void anUnboundTokenUnderTheDPoPSchemeIsRefused() {
        String customer = newCustomer();
        String id = authorized(customer, ConsentFixtures.PROVIDER);
        String token = ConsentFixtures.providerToken(customer, ConsentFixtures.PROVIDER, id);
        DPoPProver prover = DPoPProver.ps256();

        get("/consents/" + id, "Bearer " + token, null).statusCode(200);
        assertChallenge(get("/consents/" + id, "DPoP " + token, prover.proof("GET", url("/consents/" + id), token)),
                "invalid_token");
    }
}
