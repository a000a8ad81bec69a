package io.bankbridge.token.receipt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import io.bankbridge.contract.cluster.DataCluster;
import io.bankbridge.token.ProblemException;
import io.bankbridge.token.keys.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs consent receipts with the bank's active signing key. Not a general signing service: it signs only a
 * {@link ReceiptRequest} whose every field it has checked, and sets what makes the JWS a receipt of this issuer
 * itself: {@code iss}, {@code iat}, {@code jti}, {@code kid} and {@code typ} {@value #TYPE}, which no resource server
 * takes for an access token ({@code at+jwt}).
 */
@ApplicationScoped
public class ReceiptSigner {

    /** The JOSE {@code typ} of a consent receipt. */
    public static final String TYPE = "consent-receipt+jwt";
    /** The largest request body: a receipt lists at most {@value #MAX_ITEMS} accounts and clusters of short names. */
    public static final int MAX_BODY_BYTES = 8 * 1024;

    private static final int MAX_ITEMS = 50;
    private static final int MAX_TEXT = 200;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z_]{0,63}");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~:-]{1,128}");
    private static final Set<String> ACTORS = Set.of("CUSTOMER", "PROVIDER", "BANK", "SYSTEM");
    private static final Set<String> STATUSES = Set.of("AWAITING_AUTHORIZATION", "AUTHORIZED", "REJECTED", "REVOKED",
            "EXPIRED");
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build().readerFor(ReceiptRequest.class);

    private final SigningKeys keys;
    private final String issuer;
    private final InstantSource clock;

    ReceiptSigner(SigningKeys keys, @ConfigProperty(name = "bankbridge.issuer") String issuer, InstantSource clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The signed receipt (compact JWS) for a request body; a body that is not a valid receipt request is a 400. */
    public String sign(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("The body must be a consent receipt request (JSON).");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw ProblemException.badRequest("A consent receipt request is at most " + MAX_BODY_BYTES + " bytes.");
        }
        ReceiptRequest request;
        try {
            request = READER.readValue(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("The body is not a consent receipt request: only its fields, each of its "
                    + "type, are accepted.");
        }
        if (request == null) {
            throw ProblemException.badRequest("The body must be a consent receipt request (JSON).");
        }
        return keys.sign(new JOSEObjectType(TYPE), claims(request));
    }

    private JWTClaimsSet claims(ReceiptRequest r) {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("client_id", matching(r.providerId(), CLIENT_ID, "providerId"));
        provider.put("name", text(r.providerName(), "providerName"));
        if (r.entry() == null || r.entry() < 1) {
            throw ProblemException.badRequest("entry must be a history entry number from 1.");
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .issueTime(Date.from(clock.instant()))
                .jwtID(UUID.randomUUID().toString())
                .claim("grant_id", uuid(r.grantId()))
                .claim("entry", r.entry())
                .claim("action", matching(r.action(), CODE, "action"))
                .claim("actor", oneOf(r.actor(), ACTORS, "actor"))
                .claim("action_at", instant(r.actionAt(), "actionAt", true))
                .claim("status", oneOf(r.status(), STATUSES, "status"))
                .claim("provider", provider)
                .claim("accounts", list(r.accounts(), "accounts", v -> text(v, "accounts")))
                .claim("data_clusters", list(r.dataClusters(), "dataClusters", ReceiptSigner::cluster))
                .claim("granted_at", instant(r.grantedAt(), "grantedAt", false))
                .claim("expires_at", instant(r.expiresAt(), "expiresAt", false));
        return claims.build();
    }

    private static String uuid(String value) {
        try {
            return UUID.fromString(value == null ? "" : value).toString();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("grantId must be a consent id (a UUID).");
        }
    }

    private static String instant(String value, String field, boolean required) {
        if (value == null && !required) {
            return null;
        }
        try {
            return Instant.parse(value == null ? "" : value).toString();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field + " must be an ISO-8601 instant.");
        }
    }

    private static String matching(String value, Pattern pattern, String field) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw ProblemException.badRequest(field + " is missing or not of the expected form.");
        }
        return value;
    }

    private static String cluster(String value) {
        if (!DataCluster.isKnown(value)) {
            throw ProblemException.badRequest("dataClusters must name data clusters: " + DataCluster.wireNames() + ".");
        }
        return value;
    }

    private static String oneOf(String value, Set<String> allowed, String field) {
        if (value == null || !allowed.contains(value)) {
            throw ProblemException.badRequest(field + " must be one of " + allowed.stream().sorted().toList() + ".");
        }
        return value;
    }

    private static String text(String value, String field) {
        if (value == null || value.isBlank() || value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest(field + " must be text of 1 to " + MAX_TEXT + " characters.");
        }
        return value;
    }

    private static List<String> list(List<String> values, String field, java.util.function.UnaryOperator<String> each) {
        if (values == null || values.size() > MAX_ITEMS) {
            throw ProblemException.badRequest(field + " must be a list of at most " + MAX_ITEMS + " items.");
        }
        return values.stream().map(each).toList();
    }
}
