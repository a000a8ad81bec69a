package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.INTERNAL_SCOPES;
import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.newKey;
import static io.bankbridge.consent.ConsentFixtures.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.JWSAlgorithm;
import io.bankbridge.consent.security.Access;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One internal scope per capability: each internal operation works with the scope it needs, and an internal token
 * of any other capability is refused with 403 insufficient_scope and changes nothing.
 */
@QuarkusTest
class InternalCapabilityTest {

    /** An internal operation on a consent in the state it needs; answers what the caller sees. */
    private record Operation(String name, String scope, int success, Function<String, ValidatableResponse> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> operations() {
        return Stream.of(
                new Operation("approve", Access.CONSENTS_DECIDE, 201, token -> decision(token,
                        ConsentFixtures.approval(newKey(), newCustomer(), "p", 30))),
                new Operation("decline", Access.CONSENTS_DECIDE, 201, token -> decision(token,
                        ConsentFixtures.refusal(newKey(), newCustomer(), "p"))),
                new Operation("read", Access.CONSENTS_READ, 200, token -> given().auth().oauth2(token)
                        .when().get("/internal/consents/" + authorized(newCustomer(), "p")).then()),
                new Operation("state", Access.CONSENTS_READ, 200, token -> given().auth().oauth2(token)
                        .when().get("/internal/consents/" + authorized(newCustomer(), "p") + "/state").then()),
                new Operation("revoke", Access.CONSENTS_DECIDE, 200, token -> decide(token, authorized(newCustomer(), "p"),
                        "revoke", Map.of("actor", "BANK", "reason", "fraud"))))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0} works with its scope")
    @MethodSource("operations")
    void eachInternalOperationWorksWithTheScopeItNeeds(Operation operation) {
        operation.call().apply(issuer().internalToken("token-service", operation.scope()))
                .statusCode(operation.success());
    }

    @ParameterizedTest(name = "a token signed {0} is accepted")
    @ValueSource(strings = {"PS256", "ES256", "EdDSA"})
    void aTokenSignedWithAnyAlgorithmTokenServiceCanUseIsAccepted(String alg) {
        given().auth().oauth2(issuer().internal("account-data-service", Access.CONSENTS_READ)
                        .signedWithIssuerKeyFor(JWSAlgorithm.parse(alg)).sign())
                .when().get("/internal/consents/" + authorized(newCustomer(), "p")).then().statusCode(200);
    }

    @ParameterizedTest(name = "a token signed {0} with the published RSA key is refused")
    @ValueSource(strings = {"RS256", "PS384"})
    void aTokenSignedWithAnAlgorithmFapiDoesNotAllowIsRefused(String alg) {
        given().auth().oauth2(issuer().internal("account-data-service", Access.CONSENTS_READ)
                        .algorithm(JWSAlgorithm.parse(alg)).sign())
                .when().get("/internal/consents/" + authorized(newCustomer(), "p")).then().statusCode(401);
    }

    @ParameterizedTest(name = "{0} refuses every other capability")
    @MethodSource("operations")
    void eachInternalOperationRefusesAnInternalTokenOfAnyOtherCapability(Operation operation) {
        for (String other : INTERNAL_SCOPES.stream().filter(s -> !s.equals(operation.scope())).toList()) {
            operation.call().apply(issuer().internalToken("token-service", other))
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", equalTo("Bearer realm=\"bankbridge\", error=\"insufficient_scope\", scope=\""
                            + operation.scope() + "\""))
                    .body("status", equalTo(403))
                    .body("detail", containsString(operation.scope()));
        }
    }

    /** A decision sent with {@code token}; when it is refused, nothing was recorded under its key. */
    private static ValidatableResponse decision(String token, Map<String, Object> body) {
        ValidatableResponse response = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/internal/consents/decisions").then();
        if (response.extract().statusCode() == 403) {
            ConsentFixtures.decide(body).statusCode(201);
        }
        return response;
    }

    private static ValidatableResponse decide(String token, String id, String action, Map<String, Object> body) {
        String before = status(id);
        ValidatableResponse response = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/internal/consents/" + id + "/" + action).then();
        if (response.extract().statusCode() == 403) {
            assertThat(status(id)).as("a refused " + action + " changes nothing").isEqualTo(before);
        }
        return response;
    }
}
