package io.bankbridge.token.authorize;

import static io.restassured.RestAssured.given;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.bankbridge.token.TestProvider;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A provider as the pages see it: onboarded through the admin API with a private_key_jwt key, pushing authorization
 * requests to {@code /par} and redeeming codes at {@code /token} like a real one.
 */
final class ProviderFixture {

    static final String REDIRECT = "https://budget.example/callback";
    static final String LOGO = "https://budget.example/logo.png";

    final String clientId;
    final String name;
    private final TestProvider client;

    private ProviderFixture(TestProvider client, String name) {
        this.clientId = client.clientId();
        this.name = name;
        this.client = client;
    }

    /** Onboards a provider with its own id and key, allowed to ask for three data clusters. */
    static ProviderFixture onboard(String name) {
        String clientId = "pages-" + UUID.randomUUID().toString().substring(0, 8);
        RSAKey key = TestProvider.rsaKey();
        given().header("Authorization", TestProvider.adminAuthorization()).contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "name", name, "logoUri", LOGO, "redirectUris", List.of(REDIRECT),
                        "allowedClusters", List.of("ACCOUNT_BASIC", "ACCOUNT_DETAILED", "TRANSACTIONS"),
                        "tokenEndpointAuthMethod", "private_key_jwt", "jwks", new JWKSet(key.toPublicJWK()).toJSONObject(true),
                        "dpopBoundAccessTokens", false))
                .when().post("/admin/providers").then().statusCode(201);
        return new ProviderFixture(new TestProvider(clientId, key), name);
    }

    /** Pushes an authorization request to {@code /par} (client-authenticated) and returns its {@code request_uri}. */
    String push(String state, String codeVerifier, List<String> clusters, int durationDays) {
        return pushing(state, codeVerifier, clusters, durationDays)
                .when().post("/par")
                .then().statusCode(201).extract().path("request_uri");
    }

    /**
     * Pushes a request with Grant Management parameters ({@code grantAction}, {@code grantId} each left out when
     * null); the {@code /par} answer.
     */
    ValidatableResponse pushForGrant(String state, String codeVerifier, List<String> clusters, String grantAction,
                                     String grantId) {
        RequestSpecification request = pushing(state, codeVerifier, clusters, 90);
        if (grantAction != null) {
            request.formParam("grant_management_action", grantAction);
        }
        if (grantId != null) {
            request.formParam("grant_id", grantId);
        }
        return request.when().post("/par").then();
    }

    private RequestSpecification pushing(String state, String codeVerifier, List<String> clusters, int durationDays) {
        String details = "[{\"type\":\"bankbridge_data_access\",\"dataClusters\":[\"" + String.join("\",\"", clusters)
                + "\"],\"durationDays\":" + durationDays + "}]";
        return client.authenticated()
                .formParam("response_type", "code")
                .formParam("redirect_uri", REDIRECT)
                .formParam("scope", String.join(" ", clusters))
                .formParam("authorization_details", details)
                .formParam("state", state)
                .formParam("nonce", "n-" + state)
                .formParam("code_challenge", challenge(codeVerifier))
                .formParam("code_challenge_method", "S256");
    }

    /** The {@code /authorize} URL a provider sends the customer's browser to. */
    String authorizeUrl(String requestUri) {
        return "/authorize?client_id=" + clientId + "&request_uri=" + java.net.URLEncoder.encode(requestUri,
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Redeems a code at the token endpoint; the token response. */
    JsonPath redeem(String code, String codeVerifier) {
        return client.authenticated()
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", REDIRECT)
                .formParam("code_verifier", codeVerifier)
                .when().post("/token")
                .then().statusCode(200).extract().jsonPath();
    }

    static String challenge(String verifier) {
        return TestProvider.challenge(verifier);
    }
}
