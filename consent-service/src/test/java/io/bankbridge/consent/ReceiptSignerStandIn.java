package io.bankbridge.consent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * token-service's receipt signing as consent-service calls it ({@code POST /internal/receipts}, an internal token
 * carrying {@code internal.receipts.sign}): it signs the body's fields as the receipt's claims with a test key, the
 * way token-service does (header {@code typ} {@value #TYPE} and {@code kid}; {@code iss}, {@code iat}, {@code jti}),
 * and serves that key at {@code /jwks}. {@link #down(boolean)} makes it answer 503, as a token-service that cannot
 * sign.
 */
public class ReceiptSignerStandIn implements QuarkusTestResourceLifecycleManager {

    static final String TYPE = "consent-receipt+jwt";
    static final String ISSUER = "https://token-service.bankbridge.test";
    private static final String SCOPE = "internal.receipts.sign";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CLAIM_NAMES = Map.of("grantId", "grant_id", "actionAt", "action_at",
            "dataClusters", "data_clusters", "grantedAt", "granted_at", "expiresAt", "expires_at");

    private static volatile boolean down;
    private static volatile List<String> askedWith = List.of();
    private static volatile String url;
    private HttpServer server;
    private ECKey key;

    /** Whether token-service is unavailable: every signing answers 503 meanwhile. */
    static void down(boolean unavailable) {
        down = unavailable;
    }

    /** The scopes of the internal token the last signing request came with. */
    static List<String> askedWith() {
        return askedWith;
    }

    /** Where the stand-in's signing key is published. */
    static String jwksUrl() {
        return url + "/jwks";
    }

    @Override
    public Map<String, String> start() {
        try {
            key = new ECKeyGenerator(Curve.P_256).keyID("receipt-test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server = StandInServer.start("token-service", this::answer);
        url = StandInServer.url(server);
        return Map.of("quarkus.rest-client.token-service.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("GET".equals(exchange.getRequestMethod()) && path.equals("/jwks")) {
            StandInServer.respond(exchange, 200, "application/json",
                    JSON.writeValueAsString(new JWKSet(key.toPublicJWK()).toJSONObject()));
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod()) || !path.equals("/internal/receipts")) {
            StandInServer.respond(exchange, 404, "application/json", "{}");
            return;
        }
        if (down) {
            StandInServer.respond(exchange, 503, "application/problem+json", "{\"status\":503}");
            return;
        }
        askedWith = StandInServer.scopes(exchange.getRequestHeaders().getFirst("Authorization"));
        if (askedWith.contains(SCOPE)) {
            StandInServer.respond(exchange, 200, "application/jwt", sign(exchange.getRequestBody().readAllBytes()));
        } else {
            StandInServer.respond(exchange, 403, "application/problem+json", "{\"status\":403}");
        }
    }

    private String sign(byte[] body) throws IOException {
        Map<String, Object> fields = JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).issueTime(new Date())
                .jwtID(UUID.randomUUID().toString());
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("client_id", fields.remove("providerId"));
        provider.put("name", fields.remove("providerName"));
        claims.claim("provider", provider);
        fields.forEach((name, value) -> claims.claim(CLAIM_NAMES.getOrDefault(name, name), value));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(new JOSEObjectType(TYPE)).build(), claims.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
