package io.bankbridge.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.bankbridge.token.keys.SigningAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** What clients and resource servers discover: server metadata and the signing keys, and key rotation. */
@QuarkusTest
class DiscoveryAndKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"})
    void metadataListsEveryEndpointAndSupportedValue(String path) {
        String issuer = TestProvider.issuer();
        given().when().get(path).then().statusCode(200).contentType(ContentType.JSON)
                .body("issuer", equalTo(issuer))
                .body("authorization_endpoint", equalTo(issuer + "/authorize"))
                .body("pushed_authorization_request_endpoint", equalTo(issuer + "/par"))
                .body("require_pushed_authorization_requests", equalTo(true))
                .body("token_endpoint", equalTo(issuer + "/token"))
                .body("userinfo_endpoint", equalTo(issuer + "/userinfo"))
                .body("jwks_uri", equalTo(issuer + "/jwks"))
                .body("revocation_endpoint", equalTo(issuer + "/revoke"))
                .body("introspection_endpoint", equalTo(issuer + "/introspect"))
                .body("end_session_endpoint", equalTo(issuer + "/logout"))
                .body("code_challenge_methods_supported", equalTo(java.util.List.of("S256")))
                .body("authorization_response_iss_parameter_supported", equalTo(true))
                .body("claims_supported", hasItems("sub", "nonce", "customer_ids"))
                .body("response_types_supported", equalTo(java.util.List.of("code")))
                .body("token_endpoint_auth_methods_supported", equalTo(java.util.List.of("private_key_jwt")))
                .body("revocation_endpoint_auth_methods_supported", equalTo(java.util.List.of("private_key_jwt")))
                .body("introspection_endpoint_auth_methods_supported", equalTo(java.util.List.of("private_key_jwt")))
                .body("token_endpoint_auth_signing_alg_values_supported", hasItems("PS256", "ES256"))
                .body("token_endpoint_auth_signing_alg_values_supported", not(hasItem("RS256")))
                .body("grant_types_supported", hasItems("authorization_code", "refresh_token", "client_credentials"))
                .body("scopes_supported", hasItems("openid", "ACCOUNT_BASIC", "ACCOUNT_DETAILED", "ACCOUNT_PAYMENTS",
                        "TRANSACTIONS", "CUSTOMER_CONTACT", "CUSTOMER_PERSONAL"))
                .body("authorization_details_types_supported", hasItem("bankbridge_data_access"))
                .body("subject_types_supported", hasItem("public"))
                .body("scopes_supported", hasItems("grant_management_query", "grant_management_revoke"))
                .body("grant_management_actions_supported",
                        equalTo(java.util.List.of("query", "revoke", "create", "merge", "replace")))
                .body("grant_management_endpoint", equalTo(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("bankbridge.consent-service.url", String.class) + "/grants"))
                .body("grant_management_action_required", equalTo(false))
                .body("id_token_signing_alg_values_supported[0]", equalTo(configuredAlgorithm()));
    }

    @Test
    void jwksPublishesPublicKeysWithKidsAndTheActiveKeysAlgorithm() throws Exception {
        given().when().get("/jwks").then().statusCode(200)
                .body("keys.size()", org.hamcrest.Matchers.greaterThan(0))
                .body("keys.kid", everyItem(notNullValue()))
                .body("keys.alg", everyItem(oneOf("PS256", "ES256", "EdDSA")))
                .body("keys", everyItem(not(hasKey("d"))))
                .body("keys", everyItem(not(hasKey("p"))));
        String kid = SignedJWT.parse(internalToken()).getHeader().getKeyID();
        given().when().get("/jwks").then().statusCode(200)
                .body("keys.find { it.kid == '" + kid + "' }.alg", equalTo(configuredAlgorithm()));
    }

    private static String configuredAlgorithm() {
        return ConfigProvider.getConfig().getValue("bankbridge.signing.algorithm", String.class);
    }

    @Test
    void rotationNeedsTheAdminCredential() {
        given().when().post("/admin/signing-keys/rotate").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void rotationSignsWithANewKeyAndKeepsThePreviousOnePublished() throws Exception {
        String before = internalToken();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        String newKid = given().header("Authorization", TestProvider.adminAuthorization())
                .when().post("/admin/signing-keys/rotate").then().statusCode(200).extract().path("activeKid");

        assertNotEquals(oldKid, newKid);
        String after = internalToken();
        assertTrue(SignedJWT.parse(after).getHeader().getKeyID().equals(newKid), "new tokens use the new key");
        JWKSet published = JWKSet.parse(given().when().get("/jwks").then().statusCode(200).extract().asString());
        JWK oldKey = published.getKeyByKeyId(oldKid);
        JWK newKey = published.getKeyByKeyId(newKid);
        assertTrue(SignedJWT.parse(before).verify(verifier(oldKey)), "tokens signed before rotation still verify");
        assertTrue(SignedJWT.parse(after).verify(verifier(newKey)));
        Grants.introspect(before).statusCode(200).body("active", equalTo(true));
    }

    private static JWSVerifier verifier(JWK key) throws Exception {
        return SigningAlgorithm.of(key).orElseThrow().verifier(key);
    }

    private static String internalToken() {
        return given().contentType(ContentType.URLENC)
                .header("Authorization", TestProvider.basic("account-data-service", CoreTestSecrets.ACCOUNT_DATA_SERVICE))
                .formParam("grant_type", "client_credentials")
                .when().post("/token").then().statusCode(200).extract().path("access_token");
    }
}
