package io.bankbridge.token.endpoint;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A provider's developer (or a client generator) learns each OAuth endpoint's form parameters from the OpenAPI
 * document: the form's schema names them and says which are required, rather than "a map of string lists".
 */
@QuarkusTest
class OAuthFormsDocumentedTest {

    private static final List<String> CLIENT_AUTHENTICATION = List.of("client_id", "client_assertion_type",
            "client_assertion");

    private JsonNode document;

    @BeforeEach
    void readTheDocument() throws IOException {
        document = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void theTokenEndpointsFormNamesEachGrantsParameters() {
        JsonNode form = form(OAuthPaths.TOKEN);
        assertThat(names(form.path("properties"))).containsExactlyInAnyOrder("grant_type", "code", "redirect_uri",
                "code_verifier", "refresh_token", "scope", "client_id", "client_assertion_type", "client_assertion");
        assertThat(names(form.path("required"))).containsExactly("grant_type");
        assertThat(names(form.path("properties").path("grant_type").path("enum")))
                .containsExactlyInAnyOrder("authorization_code", "refresh_token", "client_credentials");
    }

    @Test
    void thePushedRequestsFormNamesPkceGrantManagementAndDPoPBinding() {
        JsonNode form = form(OAuthPaths.PAR);
        assertThat(names(form.path("properties"))).contains("response_type", "redirect_uri", "code_challenge",
                "code_challenge_method", "scope", "authorization_details", "state", "nonce", "dpop_jkt",
                "grant_management_action", "grant_id").containsAll(CLIENT_AUTHENTICATION);
        assertThat(names(form.path("required"))).containsExactlyInAnyOrder("response_type", "redirect_uri",
                "code_challenge", "code_challenge_method", "client_assertion_type", "client_assertion");
        assertThat(names(form.path("properties").path("code_challenge_method").path("enum"))).containsExactly("S256");
    }

    @Test
    void revocationAndIntrospectionNameTheToken() {
        for (String path : List.of(OAuthPaths.REVOKE, OAuthPaths.INTROSPECT)) {
            JsonNode form = form(path);
            assertThat(names(form.path("properties"))).as(path).contains("token", "token_type_hint")
                    .containsAll(CLIENT_AUTHENTICATION);
            assertThat(names(form.path("required"))).as(path).containsExactly("token");
        }
    }

    @Test
    void theSignOutFormNamesRpInitiatedLogoutsParameters() {
        assertThat(names(form(EndSessionEndpoint.PATH).path("properties"))).containsExactlyInAnyOrder("id_token_hint",
                "client_id", "post_logout_redirect_uri", "state");
    }

    /** The schema of the POST operation's form body at {@code path}, its {@code $ref} followed. */
    private JsonNode form(String path) {
        JsonNode schema = document.path("paths").path(path).path("post").path("requestBody").path("content")
                .path(MediaType.APPLICATION_FORM_URLENCODED).path("schema");
        String ref = schema.path("$ref").asText("");
        assertThat(ref).as(path + ": the form's schema is a named component").startsWith("#/components/schemas/");
        return document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
    }

    /** An array's texts, or an object's field names. */
    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
