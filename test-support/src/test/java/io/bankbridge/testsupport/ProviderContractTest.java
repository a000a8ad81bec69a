package io.bankbridge.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.testsupport.ProviderContract.Exchange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link ProviderContract} reports about an exchange, against a small provider document. */
class ProviderContractTest {

    private static final String JSON = "application/json";
    private static final ProviderContract CONTRACT = ProviderContract.parse("consent-service", """
            {"openapi": "3.1.0",
             "paths": {
               "/internal/consents/{id}": {"get": {"responses": {
                 "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Consent"}}}},
                 "404": {"description": "No such consent"}}}},
               "/internal/consents/{id}/revoke": {"post": {
                 "requestBody": {"required": true, "content": {"application/json": {"schema": {
                   "type": "object", "required": ["actor"], "additionalProperties": false,
                   "properties": {"actor": {"$ref": "#/components/schemas/Actor"}, "reason": {"type": "string"}}}}}},
                 "responses": {"200": {"content": {"application/json": {"schema": {
                   "$ref": "#/components/schemas/Consent"}}}}}}}},
             "components": {"schemas": {
               "Actor": {"type": "string", "enum": ["CUSTOMER", "BANK"]},
               "Consent": {"type": "object", "required": ["id", "status"], "properties": {
                 "id": {"type": "string"}, "status": {"type": "string"},
                 "accountIds": {"type": "array", "items": {"type": "string"}},
                 "expiresAt": {"type": ["string", "null"]}}}}}}
            """);
    private static final String CONSENT = "/internal/consents/0b5c4b1e-0f8a-4a43-9b39-1f8f5b1a2c3d";
    private static final String REVOKE = CONSENT + "/revoke";

    private static List<String> violations(String method, String path, String request, int status, String response) {
        return CONTRACT.violations(new Exchange(method, path, request, status, JSON, response));
    }

    private static void reported(List<String> violations, String expected) {
        assertEquals(1, violations.size(), () -> "expected one violation, got " + violations);
        assertTrue(violations.get(0).contains(expected), () -> violations.get(0) + " should say " + expected);
    }

    @Test
    void exchangesTheProviderDocumentsPass() {
        assertEquals(List.of(), violations("GET", CONSENT + "?fresh=1", "", 200,
                "{\"id\":\"c\",\"status\":\"AUTHORIZED\",\"accountIds\":[\"ACC-1\"],\"expiresAt\":null,\"extra\":1}"));
        assertEquals(List.of(), violations("GET", CONSENT, "", 404, "{\"status\":404}"));
        assertEquals(List.of(), violations("POST", REVOKE, "{\"actor\":\"BANK\",\"reason\":\"misuse\"}", 200,
                "{\"id\":\"c\",\"status\":\"REVOKED\"}"));
    }

    @Test
    void anOutageIsNotHeldToTheDocument() {
        assertEquals(List.of(), violations("GET", CONSENT, "", 503, "{}"));
    }

    @Test
    void aResponseWithoutARequiredFieldIsReported() {
        reported(violations("GET", CONSENT, "", 200, "{\"id\":\"c\"}"), "status");
    }

    @Test
    void aResponseFieldOfTheWrongTypeIsReported() {
        reported(violations("GET", CONSENT, "", 200, "{\"id\":\"c\",\"status\":\"AUTHORIZED\",\"accountIds\":\"ACC-1\"}"),
                "accountIds");
    }

    @Test
    void aStatusTheOperationDoesNotDeclareIsReported() {
        reported(violations("GET", CONSENT, "", 409, "{}"), "status 409 is not one the operation declares");
    }

    @Test
    void aContentTypeTheOperationDoesNotDeclareIsReported() {
        reported(CONTRACT.violations(new Exchange("GET", CONSENT, "", 200, "text/plain", "AUTHORIZED")),
                "content type 'text/plain'");
    }

    @Test
    void aResponseThatIsNotJsonIsReported() {
        reported(violations("GET", CONSENT, "", 200, "AUTHORIZED"), "not JSON");
    }

    @Test
    void anUnknownPathIsReported() {
        reported(violations("GET", "/internal/consents/" + "c" + "/history", "", 200, "[]"), "has no operation");
    }

    @Test
    void aMethodThePathDoesNotTakeIsReported() {
        reported(violations("DELETE", CONSENT, "", 200, "{}"), "has no operation DELETE");
    }

    @Test
    void aRequestBodyTheOperationRefusesIsReported() {
        reported(violations("POST", REVOKE, "{\"actor\":\"NOBODY\"}", 200, "{\"id\":\"c\",\"status\":\"REVOKED\"}"),
                "request body");
        reported(violations("POST", REVOKE, "{\"reason\":\"misuse\"}", 200, "{\"id\":\"c\",\"status\":\"REVOKED\"}"),
                "actor");
        reported(violations("POST", REVOKE, "{\"actor\":\"BANK\",\"why\":\"x\"}", 200,
                "{\"id\":\"c\",\"status\":\"REVOKED\"}"), "why");
    }

    @Test
    void aMissingRequiredRequestBodyIsReported() {
        reported(violations("POST", REVOKE, "", 200, "{\"id\":\"c\",\"status\":\"REVOKED\"}"),
                "requires a request body");
    }

    @Test
    void aBodySentToAnOperationThatTakesNoneIsReported() {
        reported(violations("GET", CONSENT, "{\"id\":\"c\"}", 200, "{\"id\":\"c\",\"status\":\"AUTHORIZED\"}"),
                "takes no request body");
    }

    @Test
    void everyPublishedContractIsReadable() {
        for (String service : List.of("token-service", "consent-service", "account-data-service")) {
            assertEquals(List.of(), ProviderContract.of(service).violations(
                    new Exchange("GET", "/q/no-such-path", "", 200, JSON, "{}")).stream()
                    .filter(v -> !v.contains("has no operation")).toList());
        }
    }
}
