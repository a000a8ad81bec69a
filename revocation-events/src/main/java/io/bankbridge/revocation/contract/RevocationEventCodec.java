package io.bankbridge.revocation.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads and writes the CloudEvents 1.0 JSON envelope (structured content mode, {@code application/cloudevents+json}).
 *
 * <p>Reading never throws: a record that is not a revocation event this version understands comes back as
 * {@link Decoded.Skipped} with the reason, so that a consumer can log it and move on. That includes an event of a
 * known type without a field the contract requires of it (a consent event without {@code consentId}, a token
 * event without {@code tokenId}, an update without {@code accountIds} and {@code dataClusters}): no listener could apply it, and a consumer never passes over a decoded event.
 */
public final class RevocationEventCodec {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** The outcome of reading one record. */
    public sealed interface Decoded {
        record Event(RevocationEvent event) implements Decoded {
        }

        /** Not applied; {@code reason} is {@code unknown-type} or {@code malformed}. */
        record Skipped(String reason, String detail) implements Decoded {
        }
    }

    private RevocationEventCodec() {
    }

    public static String encode(RevocationEvent event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("specversion", SPEC_VERSION);
        root.put("id", event.id());
        root.put("source", event.source());
        root.put("type", event.type().type());
        root.put("subject", event.subject());
        root.put("time", event.time().toString());
        root.put("datacontenttype", "application/json");
        root.set("data", JSON.valueToTree(event.data()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode revocation event " + event.id(), e);
        }
    }

    public static Decoded decode(String json) {
        if (json == null || json.isBlank()) {
            return new Decoded.Skipped("malformed", "empty record value");
        }
        try {
            JsonNode root = JSON.readTree(json);
            if (!root.isObject()) {
                return new Decoded.Skipped("malformed", "not a JSON object");
            }
            if (!SPEC_VERSION.equals(text(root, "specversion"))) {
                return new Decoded.Skipped("malformed", "specversion is not " + SPEC_VERSION);
            }
            String typeName = text(root, "type");
            Optional<RevocationEventType> type = RevocationEventType.fromType(typeName);
            if (type.isEmpty()) {
                return new Decoded.Skipped("unknown-type", String.valueOf(typeName));
            }
            RevocationData data = JSON.treeToValue(root.get("data"), RevocationData.class);
            if (data == null) {
                return new Decoded.Skipped("malformed", "no data");
            }
            if (type.get().subject() == RevocationEventType.Subject.CONSENT && data.consentId() == null) {
                return new Decoded.Skipped("malformed", typeName + " without data.consentId");
            }
            if (type.get() == RevocationEventType.CONSENT_UPDATED
                    && (data.accountIds() == null || data.dataClusters() == null)) {
                return new Decoded.Skipped("malformed", typeName + " without data.accountIds and data.dataClusters");
            }
            if (data.grantVersion() != null && data.grantVersion() < 1) {
                return new Decoded.Skipped("malformed", typeName + " with data.grantVersion below 1");
            }
            if (type.get() == RevocationEventType.TOKEN_REVOKED && data.tokenId() == null) {
                return new Decoded.Skipped("malformed", typeName + " without data.tokenId");
            }
            String time = text(root, "time");
            return new Decoded.Event(new RevocationEvent(text(root, "id"), text(root, "source"), type.get(),
                    text(root, "subject"), time == null ? null : Instant.parse(time), data));
        } catch (JsonProcessingException | RuntimeException e) {
            return new Decoded.Skipped("malformed", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
