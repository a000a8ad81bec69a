package io.bankbridge.token.receipt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import io.bankbridge.token.ProblemException;
import io.bankbridge.token.keys.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs consent receipts with the bank's active signing key. Not a general signing service: it signs only a
 * {@link ReceiptRequest} whose every field meets the request's constraints, and sets what makes the JWS a receipt of
 * this issuer itself: {@code iss}, {@code iat}, {@code jti}, {@code kid} and {@code typ} {@value #TYPE}, which no resource server
 * takes for an access token ({@code at+jwt}).
 */
@ApplicationScoped
public class ReceiptSigner {

    /** The JOSE {@code typ} of a consent receipt. */
    public static final String TYPE = "consent-receipt+jwt";
    /**
     * The largest request body: a receipt lists at most {@link ReceiptRequest#MAX_ITEMS} accounts and as many
     * clusters, each a short name.
     */
    public static final int MAX_BODY_BYTES = 8 * 1024;

    private static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build().readerFor(ReceiptRequest.class);

    private final SigningKeys keys;
    private final String issuer;
    private final InstantSource clock;
    private final Validator validator;

    ReceiptSigner(SigningKeys keys, @ConfigProperty(name = "bankbridge.issuer") String issuer, InstantSource clock,
                  Validator validator) {
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
        this.validator = validator;
    }

    /**
     * The signed receipt (compact JWS) for a request body; a body that is not a valid receipt request is a 400. The
     * body is read here rather than by the framework, with a reader that refuses unknown fields and coercions, so a
     * receipt states only what it was meant to; its constraints are then checked as a resource parameter's would be.
     */
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
        Set<ConstraintViolation<ReceiptRequest>> broken = validator.validate(request);
        if (!broken.isEmpty()) {
            throw new ConstraintViolationException(broken);
        }
        return keys.sign(new JOSEObjectType(TYPE), claims(request));
    }

    private JWTClaimsSet claims(ReceiptRequest r) {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("client_id", r.providerId());
        provider.put("name", r.providerName());
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .issueTime(Date.from(clock.instant()))
                .jwtID(UUID.randomUUID().toString())
                .claim("grant_id", UUID.fromString(r.grantId()).toString())
                .claim("entry", r.entry())
                .claim("action", r.action())
                .claim("actor", r.actor())
                .claim("action_at", instant(r.actionAt()))
                .claim("status", r.status())
                .claim("provider", provider)
                .claim("accounts", r.accounts())
                .claim("data_clusters", r.dataClusters())
                .claim("granted_at", instant(r.grantedAt()))
                .claim("expires_at", instant(r.expiresAt()))
                .build();
    }

    /** The instant as {@link Instant#toString()} writes it (the request's are checked to parse). */
    private static String instant(String value) {
        return value == null ? null : Instant.parse(value).toString();
    }
}
