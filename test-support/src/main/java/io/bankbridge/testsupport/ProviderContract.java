package io.bankbridge.testsupport;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider's published contract, its OpenAPI document as checked in under {@code contracts/<service>.json}, and
 * what a consumer's exchange with a stand-in for that provider must respect: the operation exists (method and path
 * template), the request body is what the operation takes, the status is one it declares and the response body
 * validates against that status's schema. Schemas are JSON Schema 2020-12 (OpenAPI 3.1), {@code $ref}s resolved in the
 * document's {@code components}.
 *
 * <p>A 502, 503 or 504 is an outage the consumer must survive, not an answer of the provider's API: no operation
 * declares it, and a stand-in playing one is not held to the document.
 */
public final class ProviderContract {

    /** One request a consumer sent to a stand-in, and the stand-in's answer. Bodies as sent, {@code ""} for none. */
    public record Exchange(String method, String path, String requestBody, int status, String responseType,
            String responseBody) {

        @Override
        public String toString() {
            return method + " " + path + " -> " + status;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final String COMPONENT_REF = "\"#/components/schemas/";
    private static final String DEFS_REF = "\"#/$defs/";
    private static final Set<Integer> OUTAGES = Set.of(502, 503, 504);
    private static final Map<String, ProviderContract> PUBLISHED = new ConcurrentHashMap<>();

    private final String service;
    private final JsonNode document;

    private ProviderContract(String service, JsonNode document) {
        this.service = service;
        this.document = document;
    }

    /** The contract {@code service} (e.g. {@code consent-service}) publishes, from {@code contracts/<service>.json}. */
    public static ProviderContract of(String service) {
        return PUBLISHED.computeIfAbsent(service, name -> {
            String resource = "/contracts/" + name + ".json";
            try (InputStream in = ProviderContract.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no contract published for " + name + " at " + resource);
                }
                return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * A contract from an OpenAPI document's JSON text. Its component schemas become the {@code $defs} of each schema
     * checked, so their {@code $ref}s resolve as JSON Schema reads them.
     */
    public static ProviderContract parse(String service, String openApiJson) {
        return new ProviderContract(service, JSON.readTree(openApiJson.replace(COMPONENT_REF, DEFS_REF)));
    }

    /** Every way the exchange departs from the document, each naming the exchange; empty when it keeps to it. */
    public List<String> violations(Exchange exchange) {
        List<String> found = new ArrayList<>();
        String path = exchange.path().split("\\?", 2)[0];
        Optional<JsonNode> operation = operation(exchange.method(), path);
        if (operation.isEmpty()) {
            found.add(exchange + ": " + service + " has no operation " + exchange.method() + " " + path);
            return found;
        }
        checkRequest(operation.get(), exchange, found);
        checkResponse(operation.get(), exchange, found);
        return found;
    }

    /** The operation whose path template matches, the one with the fewest parameters where several do. */
    private Optional<JsonNode> operation(String method, String path) {
        String verb = method.toLowerCase(Locale.ROOT);
        return document.path("paths").properties().stream()
                .filter(entry -> entry.getValue().has(verb) && template(entry.getKey()).matcher(path).matches())
                .min(Comparator.comparingInt(entry -> entry.getKey().split("\\{", -1).length))
                .map(entry -> entry.getValue().get(verb));
    }

    private static Pattern template(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=})")) {
            regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private void checkRequest(JsonNode operation, Exchange exchange, List<String> found) {
        JsonNode requestBody = operation.path("requestBody");
        boolean sent = !exchange.requestBody().isBlank();
        if (requestBody.isMissingNode()) {
            if (sent) {
                found.add(exchange + ": the operation takes no request body, but one was sent");
            }
            return;
        }
        if (!sent) {
            if (requestBody.path("required").asBoolean(false)) {
                found.add(exchange + ": the operation requires a request body, none was sent");
            }
            return;
        }
        jsonSchema(requestBody.path("content"))
                .ifPresent(schema -> validate(schema, exchange.requestBody(), exchange + ": request body", found));
    }

    private void checkResponse(JsonNode operation, Exchange exchange, List<String> found) {
        if (OUTAGES.contains(exchange.status())) {
            return;
        }
        JsonNode responses = operation.path("responses");
        JsonNode response = responses.path(Integer.toString(exchange.status()));
        if (response.isMissingNode()) {
            response = responses.path((exchange.status() / 100) + "XX");
        }
        if (response.isMissingNode()) {
            response = responses.path("default");
        }
        if (response.isMissingNode()) {
            found.add(exchange + ": status " + exchange.status() + " is not one the operation declares "
                    + responses.propertyNames());
            return;
        }
        JsonNode content = response.path("content");
        if (content.isEmpty()) {
            return;
        }
        String type = exchange.responseType() == null ? "" : exchange.responseType().split(";", 2)[0].trim();
        if (!content.has(type) && !content.has("*/*")) {
            found.add(exchange + ": content type '" + type + "' is not one the operation declares "
                    + content.propertyNames());
            return;
        }
        if (type.endsWith("json")) {
            JsonNode schema = content.path(type).path("schema");
            if (!schema.isMissingNode()) {
                validate(schema, exchange.responseBody(), exchange + ": response body", found);
            }
        }
    }

    /** The schema of the JSON media type of a {@code content} map, if it has one. */
    private static Optional<JsonNode> jsonSchema(JsonNode content) {
        return content.properties().stream()
                .filter(entry -> entry.getKey().endsWith("json") && entry.getValue().has("schema"))
                .map(entry -> entry.getValue().get("schema"))
                .findFirst();
    }

    /** Validates against the schema with the document's component schemas as its {@code $defs}. */
    private void validate(JsonNode schema, String body, String what, List<String> found) {
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (JacksonException e) {
            found.add(what + " is not JSON: " + body);
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.putArray("allOf").add(schema);
        root.set("$defs", document.path("components").path("schemas"));
        List<Error> errors = SCHEMAS.getSchema(root).validate(instance);
        for (Error error : errors) {
            found.add(what + " " + error.toString() + " in " + body);
        }
    }
}
