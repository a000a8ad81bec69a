package io.bankbridge.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What an operator relies on: readiness that reflects the database and the revocation view, metrics, the API description, errors as problem+json. */
@QuarkusTest
class PlatformTest {

    @Test
    void readinessReportsTheDatabaseAndTheRevocationViewAndNeverWaitsOnTheBroker() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")))
                .body("checks.name", not(hasItem(containsString("Kafka"))))
                .body("checks.name", hasItem("revocation-events"))
                .body("checks.find { it.name == 'revocation-events' }.data.freshnessBoundMs", equalTo(1500));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDocumentDescribesTheService() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).body("info.title", equalTo("Bankbridge consent service"));
    }

    @Test
    void openApiDocumentSaysHowEachApiOperationIsAuthorized() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().log().ifValidationFails().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/consents/{id}'.get.security[0]", hasKey("bearer"))
                .body("paths.'/consents/{id}'.delete.security[0]", hasKey("bearer"))
                .body("paths.'/internal/consents/decisions'.post.security[0]", hasKey("bearer"))
                .body("paths.'/internal/consents/decisions'.post.description", containsString("internal.consents.decide"))
                .body("paths.'/internal/consents/decisions'.post.responses", hasKey("409"))
                .body("paths.'/internal/consents/{id}'.get.security[0]", hasKey("bearer"))
                .body("paths.'/internal/consents/{id}'.get.description", containsString("internal.consents.read"))
                .body("paths.'/internal/consents/{id}/revoke'.post.description", containsString("internal.consents.decide"))
                .body("paths.'/me/consents'.get.security", nullValue());
    }

    @Test
    void unknownPathAnswersProblemJson() {
        given().when().get("/no-such-resource")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
