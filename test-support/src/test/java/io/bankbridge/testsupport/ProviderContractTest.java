package io.bankbridge.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.testsupport.ProviderContract.Exchange;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    @Test
    void exchangesTheProviderDocumentsPass() {
        assertEquals(List.of(), CONTRACT.violations(new Exchange("GET", CONSENT + "?fresh=1", "", 200, JSON,
                "{\"id\":\"c\",\"status\":\"AUTHORIZED\",\"accountIds\":[\"ACC-1\"],\"expiresAt\":null,\"extra\":1}")));
        assertEquals(List.of(), CONTRACT.violations(get(404, "{\"status\":404}")));
        assertEquals(List.of(), CONTRACT.violations(revoke("{\"actor\":\"BANK\",\"reason\":\"misuse\"}",
                "{\"id\":\"c\",\"status\":\"REVOKED\"}")));
    }

    @Test
    void anOutageIsNotHeldToTheDocument() {
        assertEquals(List.of(), CONTRACT.violations(get(503, "{}")));
    }

    /** Each a departure from the document, with what its report must name. */
    static Stream<Arguments> departures() {
        String revoked = "{\"id\":\"c\",\"status\":\"REVOKED\"}";
        return Stream.of(
                departure("a response without a required field", get(200, "{\"id\":\"c\"}"), "status"),
                departure("a response field of the wrong type",
                        get(200, "{\"id\":\"c\",\"status\":\"AUTHORIZED\",\"accountIds\":\"ACC-1\"}"), "accountIds"),
                departure("a status the operation does not declare", get(409, "{}"),
                        "status 409 is not one the operation declares"),
                departure("a content type the operation does not declare",
                        new Exchange("GET", CONSENT, "", 200, "text/plain", "AUTHORIZED"), "content type 'text/plain'"),
                departure("a response that is not JSON", get(200, "AUTHORIZED"), "not JSON"),
                departure("an unknown path", new Exchange("GET", CONSENT + "/history", "", 200, JSON, "[]"),
                        "has no operation"),
                departure("a method the path does not take", new Exchange("DELETE", CONSENT, "", 200, JSON, "{}"),
                        "has no operation DELETE"),
                departure("a request body value the operation refuses",
                        revoke("{\"actor\":\"NOBODY\"}", revoked), "request body /actor"),
                departure("a request body without a required field", revoke("{\"reason\":\"misuse\"}", revoked), "actor"),
                departure("a request body with a field the operation does not take",
                        revoke("{\"actor\":\"BANK\",\"why\":\"x\"}", revoked), "why"),
                departure("no request body where one is required", revoke("", revoked), "requires a request body"),
                departure("a request body where the operation takes none",
                        new Exchange("GET", CONSENT, "{\"id\":\"c\"}", 200, JSON, "{\"id\":\"c\",\"status\":\"AUTHORIZED\"}"),
                        "takes no request body"));
    }

    @ParameterizedTest(name = "{0} is reported")
    @MethodSource("departures")
    void eachDepartureIsReported(String what, Exchange exchange, String named) {
        List<String> violations = CONTRACT.violations(exchange);
        assertEquals(1, violations.size(), () -> "expected one violation, got " + violations);
        assertTrue(violations.get(0).contains(named), () -> violations.get(0) + " should name " + named);
    }

    private static Arguments departure(String what, Exchange exchange, String named) {
        return Arguments.of(what, exchange, named);
    }

    private static Exchange get(int status, String response) {
        return new Exchange("GET", CONSENT, "", status, JSON, response);
    }

    private static Exchange revoke(String request, String response) {
        return new Exchange("POST", REVOKE, request, 200, JSON, response);
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
