package io.bankbridge.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What an operator relies on in every service: readiness that reflects the database and the revocation view,
 * liveness, metrics, the API description, errors as problem+json. A service's {@code PlatformTest} extends it
 * (annotated {@code @QuarkusTest}), names its OpenAPI title and adds what only it has.
 */
public abstract class PlatformChecks {

    /** Set on this test to rewrite the service's checked-in contract from what it now serves. */
    public static final String WRITE_CONTRACT = "bankbridge.contracts.write";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A test run's own servers (the test issuer) listen on a free port: the document names it as {@code {port}}. */
    private static final Pattern LOOPBACK_PORT = Pattern.compile("(//(?:127\\.0\\.0\\.1|localhost):)\\d+");

    /** The {@code info.title} of the service's OpenAPI document. */
    protected abstract String apiTitle();

    /** The module's name, which names its contract: {@code test-support/src/main/resources/contracts/<service>.json}. */
    protected abstract String service();

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
    void openApiDocumentDescribesTheService() throws IOException {
        assertEquals(apiTitle(), served().path("info").path("title").asText(), "info.title");
    }

    /**
     * The document the service serves is the contract checked in for the other services' stand-ins
     * ({@link ProviderContract}); compared as parsed JSON, so only a change of meaning counts.
     */
    @Test
    void openApiDocumentIsThePublishedContract() throws IOException {
        JsonNode served = served();
        Path source = Path.of("..", "test-support", "src", "main", "resources", "contracts", service() + ".json");
        if (Boolean.getBoolean(WRITE_CONTRACT)) {
            Files.writeString(source, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
            return;
        }
        JsonNode published = published(source);
        List<String> differences = new ArrayList<>();
        differences("", published, served, differences);
        if (!differences.isEmpty()) {
            throw new AssertionError(service() + " serves an OpenAPI document other than its published contract "
                    + "(test-support/src/main/resources/contracts/" + service() + ".json), at:\n  "
                    + String.join("\n  ", differences.subList(0, Math.min(20, differences.size())))
                    + "\nIf the change is intended, rewrite the contract and run the consumers' tests against it:\n"
                    + "  ./mvnw -pl " + service() + " verify -Dtest=PlatformTest -D" + WRITE_CONTRACT + "=true");
        }
    }

    /**
     * What a client generator reads from the document is what the service does: an operation without a body
     * (GET, DELETE, HEAD) declares none, and a pattern the service matches whole is anchored, since JSON Schema
     * searches a pattern anywhere in the value ({@code \S}, Bean Validation's "not blank", means "contains").
     */
    @Test
    void openApiDocumentSaysWhatTheServiceChecks() throws IOException {
        JsonNode document = served();
        List<String> wrong = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (List.of("get", "delete", "head").contains(operation.getKey())
                    && operation.getValue().has("requestBody")) {
                wrong.add(operation.getKey().toUpperCase() + " " + path.getKey() + " declares a request body");
            }
        }));
        patterns("", document, wrong);
        if (!wrong.isEmpty()) {
            throw new AssertionError(service() + "'s OpenAPI document:\n  " + String.join("\n  ", wrong));
        }
    }

    /** The OpenAPI document the service serves, its own port written {@code {port}}. */
    private static JsonNode served() throws IOException {
        return JSON.readTree(LOOPBACK_PORT.matcher(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString()).replaceAll("$1{port}"));
    }

    private static void patterns(String at, JsonNode node, List<String> wrong) {
        if (node.isObject()) {
            JsonNode pattern = node.get("pattern");
            if (pattern != null && pattern.isTextual() && !pattern.asText().equals("\\S")
                    && !(pattern.asText().startsWith("^") && pattern.asText().endsWith("$"))) {
                wrong.add(at + "/pattern " + pattern.asText() + " is not anchored (^...$)");
            }
            node.properties().forEach(field -> patterns(at + "/" + field.getKey(), field.getValue(), wrong));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                patterns(at + "/" + i, node.get(i), wrong);
            }
        }
    }

    /** The checked-in contract: the source file when the tests run in the repository, else test-support's copy. */
    private JsonNode published(Path source) throws IOException {
        if (Files.exists(source)) {
            return JSON.readTree(source.toFile());
        }
        try (InputStream in = PlatformChecks.class.getResourceAsStream("/contracts/" + service() + ".json")) {
            if (in == null) {
                throw new AssertionError("no contract published for " + service() + "; write it with -D"
                        + WRITE_CONTRACT + "=true");
            }
            return JSON.readTree(in);
        }
    }

    /** The JSON pointers at which the two documents differ. */
    private static void differences(String at, JsonNode published, JsonNode served, List<String> out) {
        if (published.isObject() && served.isObject()) {
            published.fieldNames().forEachRemaining(name -> differences(at + "/" + name, published.get(name),
                    served.has(name) ? served.get(name) : MissingNode.getInstance(), out));
            served.fieldNames().forEachRemaining(name -> {
                if (!published.has(name)) {
                    out.add(at + "/" + name + " (not published)");
                }
            });
        } else if (!published.equals(served)) {
            out.add(at + (served.isMissingNode() ? " (no longer served)" : ""));
        }
    }

    @Test
    void unknownPathAnswersProblemJson() {
        given().when().get("/no-such-resource")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
