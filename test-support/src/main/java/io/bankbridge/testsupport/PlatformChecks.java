package io.bankbridge.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

/**
 * What an operator relies on in every service: readiness that reflects the database and the revocation view,
 * liveness, metrics, the API description, errors as problem+json. A service's {@code PlatformTest} extends it
 * (annotated {@code @QuarkusTest}), names its OpenAPI title and adds what only it has.
 */
public abstract class PlatformChecks {

    /** The {@code info.title} of the service's OpenAPI document. */
    protected abstract String apiTitle();

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
                .then().statusCode(200).body("info.title", equalTo(apiTitle()));
    }

    @Test
    void unknownPathAnswersProblemJson() {
        given().when().get("/no-such-resource")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
