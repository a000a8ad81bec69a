package io.bankbridge.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bankbridge.contract.token.AccessTokenType;
import io.bankbridge.contract.token.Audiences;
import io.bankbridge.contract.token.Claims;
import io.bankbridge.contract.token.InternalScope;
import io.bankbridge.contract.token.Scopes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * An OpenID provider for tests of the resource servers, running as a real HTTP server in the test JVM. It
 * publishes discovery and a JWKS with a PS256 key exactly as token-service does (and a P-256 and an Ed25519 key, for
 * ES256 and EdDSA tokens) and mints access tokens with
 * token-service's claims (RFC 9068), so quarkus-oidc validates them the way it does in production.
 *
 * <p>It also serves what the services themselves ask of the issuer: {@code client_credentials} for internal
 * clients (client_secret_basic against {@link #internalSecret(String)}), and an authorization-code flow with PKCE
 * that signs in {@link #signInAs(String) a chosen customer} at once, for code-flow clients such as the Security
 * Center.
 */
public final class TestIssuer implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final String url;
    private final RSAKey key;
    /** Published next to the RSA key, for tokens signed ES256 and EdDSA (token-service's other algorithms). */
    private final ECKey ecKey;
    private final OctetKeyPair edKey;
    private final Map<String, String> internalSecrets = new ConcurrentHashMap<>();
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final Set<String> inactiveTokenIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger introspections = new AtomicInteger();
    private volatile String signedInCustomer = "CUS-C-0001";
    private volatile List<String> signedInCustomerIds = List.of();
    private volatile String signedInUsername;
    private final List<Map<String, String>> logouts = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record PendingCode(String clientId, String redirectUri, String customerId, List<String> customerIds,
                               String username, String nonce, String challenge) {
    }

    private TestIssuer(HttpServer server, RSAKey key) {
        this.server = server;
        this.url = "http://127.0.0.1:" + server.getAddress().getPort();
        this.key = key;
        try {
            this.ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-" + key.getKeyID()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
            this.edKey = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-" + key.getKeyID()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.EdDSA).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts an issuer on a free loopback port with a fresh PS256 key. */
    public static TestIssuer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            TestIssuer issuer = new TestIssuer(server, newKey("test-key-" + UUID.randomUUID().toString().substring(0, 8)));
            server.createContext("/.well-known/openid-configuration", issuer::discovery);
            server.createContext("/.well-known/oauth-authorization-server", issuer::discovery);
            server.createContext("/jwks", issuer::jwks);
            server.createContext("/token", issuer::token);
            server.createContext("/authorize", issuer::authorize);
            server.createContext("/userinfo", issuer::userinfo);
            server.createContext("/logout", issuer::logout);
            server.createContext("/introspect", issuer::introspect);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "test-issuer");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh PS256 key, e.g. to sign a token the issuer does not publish. */
    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.PS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuer identifier and base URL ({@code iss} of every token). */
    public String url() {
        return url;
    }

    /** The published signing key (private part included, for tests that sign by hand). */
    public RSAKey key() {
        return key;
    }

    /** The client secret an internal client must present at the token endpoint; generated on first use. */
    public String internalSecret(String clientId) {
        return internalSecrets.computeIfAbsent(clientId, id -> randomToken());
    }

    /** The customer the authorization endpoint signs in from now on (a login without linked logins). */
    public void signInAs(String customerId) {
        signInAs(customerId, List.of());
    }

    /**
     * The customer the authorization endpoint signs in from now on, whose login is linked to the logins of
     * {@code linkedCustomerIds}: the ID token lists them all in {@code customer_ids}, as token-service does.
     */
    public void signInAs(String customerId, List<String> linkedCustomerIds) {
        signInAs(customerId, linkedCustomerIds, customerId);
    }

    /** As {@link #signInAs(String, List)}, for a login whose user name (the ID token's preferred_username) is given. */
    public void signInAs(String customerId, List<String> linkedCustomerIds, String username) {
        this.signedInUsername = username;
        List<String> all = new ArrayList<>();
        all.add(customerId);
        all.addAll(linkedCustomerIds);
        this.signedInCustomerIds = linkedCustomerIds.isEmpty() ? List.of() : List.copyOf(all);
        this.signedInCustomer = customerId;
    }

    /**
     * From now on introspection (RFC 7662) answers {@code active: false} for the token with this {@code jti}, as
     * token-service does once the token, its consent or its provider has been revoked there.
     */
    public void deactivate(String jti) {
        inactiveTokenIds.add(jti);
    }

    /** How many introspection requests internal clients have made so far. */
    public int introspections() {
        return introspections.get();
    }

    /** Starts a provider access token with token-service's claims; adjust and {@link TokenBuilder#sign()}. */
    public TokenBuilder providerToken(String customerId, String clientId, String consentId, String... dataClusters) {
        return new TokenBuilder(this)
                .claim("sub", customerId)
                .claim(Claims.CLIENT_ID, clientId)
                .claim(Claims.CONSENT_ID, consentId)
                .claim(Claims.GRANT_ID, consentId)
                .claim("scope", String.join(" ", dataClusters))
                .audience(Audiences.API);
    }

    /**
     * A valid internal access token for {@code clientId} carrying exactly {@code scopes} (one per internal
     * capability, e.g. {@code internal.ingest}), as token-service mints them for client_credentials.
     */
    public String internalToken(String clientId, String... scopes) {
        return internal(clientId, scopes).sign();
    }

    /**
     * Starts a provider's grant management token (client_credentials, {@code grant_management_*} scopes), the way
     * token-service mints it.
     */
    public TokenBuilder grantManagementToken(String clientId, String... scopes) {
        return new TokenBuilder(this).claim("sub", clientId).claim(Claims.CLIENT_ID, clientId)
                .claim("scope", String.join(" ", scopes)).audience(Audiences.GRANTS);
    }

    /** The same, not signed yet: its algorithm, key or claims can still be changed. */
    public TokenBuilder internal(String clientId, String... scopes) {
        return new TokenBuilder(this).claim("sub", clientId).claim(Claims.CLIENT_ID, clientId)
                .claim("scope", String.join(" ", scopes)).audience(Audiences.INTERNAL);
    }

    /** Builds one JWT access token; every claim can be overridden, including expiry, audience and signing key. */
    public static final class TokenBuilder {
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private JWK signingKey;
        private final TestIssuer issuer;
        private JOSEObjectType type = new JOSEObjectType(AccessTokenType.TYP);
        private JWSAlgorithm algorithm = JWSAlgorithm.PS256;

        private TokenBuilder(TestIssuer issuer) {
            this.signingKey = issuer.key;
            this.issuer = issuer;
            Instant now = Instant.now();
            claims.put("iss", issuer.url);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("iat", Date.from(now));
            claims.put("exp", Date.from(now.plus(Duration.ofMinutes(5))));
        }

        public TokenBuilder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value instanceof Instant i ? Date.from(i) : value);
            }
            return this;
        }

        public TokenBuilder audience(String audience) {
            return claim("aud", audience);
        }

        public TokenBuilder issuedAt(Instant iat) {
            return claim("iat", iat);
        }

        /** Sets {@code exp}; a past instant makes an expired token. */
        public TokenBuilder expiresAt(Instant exp) {
            return claim("exp", exp);
        }

        public TokenBuilder jti(String jti) {
            return claim("jti", jti);
        }

        /** Signs with another key (same {@code kid} unless the key says otherwise): a token with a wrong signature. */
        public TokenBuilder signedWith(RSAKey otherKey) {
            this.signingKey = otherKey;
            return this;
        }

        /** Signs with the issuer's published key for {@code alg}: RSA for PS256, P-256 for ES256, Ed25519 for EdDSA. */
        public TokenBuilder signedWithIssuerKeyFor(JWSAlgorithm alg) {
            this.algorithm = alg;
            this.signingKey = JWSAlgorithm.ES256.equals(alg) ? issuer.ecKey
                    : JWSAlgorithm.EdDSA.equals(alg) ? issuer.edKey : issuer.key;
            return this;
        }

        public TokenBuilder algorithm(JWSAlgorithm algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        public TokenBuilder type(String typ) {
            this.type = typ == null ? null : new JOSEObjectType(typ);
            return this;
        }

        public String sign() {
            try {
                JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
                claims.forEach(set::claim);
                JWSHeader header = new JWSHeader.Builder(algorithm).type(type).keyID(signingKey.getKeyID()).build();
                SignedJWT jwt = new SignedJWT(header, set.build());
                jwt.sign(switch (signingKey) {
                    case ECKey ec -> new ECDSASigner(ec);
                    case OctetKeyPair ed -> new Ed25519Signer(ed);
                    default -> new RSASSASigner(signingKey.toRSAKey());
                });
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException("Cannot sign test token", e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", url);
        doc.put("authorization_endpoint", url + "/authorize");
        doc.put("token_endpoint", url + "/token");
        doc.put("userinfo_endpoint", url + "/userinfo");
        doc.put("end_session_endpoint", url + "/logout");
        doc.put("jwks_uri", url + "/jwks");
        doc.put("response_types_supported", List.of("code"));
        doc.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("PS256", "ES256", "EdDSA"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        doc.put("scopes_supported", Stream.concat(Stream.of(Scopes.OPENID),
                Arrays.stream(InternalScope.values()).map(InternalScope::value)).toList());
        respond(exchange, 200, JSONObjectUtils.toJSONString(doc));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        respond(exchange, 200, new JWKSet(List.of(key.toPublicJWK(), ecKey.toPublicJWK(), edKey.toPublicJWK())).toString());
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = parse(exchange.getRequestURI().getRawQuery());
        String redirectUri = q.get("redirect_uri");
        if (redirectUri == null || !"code".equals(q.get("response_type")) || q.get("client_id") == null) {
            respond(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        if (q.get("code_challenge") != null && !"S256".equals(q.get("code_challenge_method"))) {
            respond(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"PKCE S256 only\"}");
            return;
        }
        String code = randomToken();
        codes.put(code, new PendingCode(q.get("client_id"), redirectUri, signedInCustomer, signedInCustomerIds,
                signedInUsername == null ? signedInCustomer : signedInUsername, q.get("nonce"), q.get("code_challenge")));
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?')
                .append("code=").append(enc(code)).append("&iss=").append(enc(url));
        if (q.get("state") != null) {
            location.append("&state=").append(enc(q.get("state")));
        }
        exchange.getResponseHeaders().add("Location", location.toString());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String clientId = basicClient(exchange);
        if (clientId == null) {
            clientId = form.get("client_id");
            String secret = form.get("client_secret");
            if (clientId == null || secret == null || !secret.equals(internalSecrets.get(clientId))) {
                respond(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
        }
        String grant = form.getOrDefault("grant_type", "");
        switch (grant) {
            case "client_credentials" -> respond(exchange, 200, tokenResponse(
                    internalToken(clientId, form.getOrDefault("scope", "").trim().split(" +")), null));
            case "authorization_code" -> {
                PendingCode pending = codes.remove(form.getOrDefault("code", ""));
                if (pending == null || !pending.clientId().equals(clientId)
                        || !pending.redirectUri().equals(form.get("redirect_uri"))
                        || (pending.challenge() != null && !pending.challenge().equals(s256(form.get("code_verifier"))))) {
                    respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
                    return;
                }
                String access = new TokenBuilder(this).claim("sub", pending.customerId()).claim(Claims.CLIENT_ID, clientId)
                        .claim("scope", Scopes.OPENID).audience(Audiences.API).sign();
                TokenBuilder id = new TokenBuilder(this).type("JWT").claim("sub", pending.customerId()).audience(clientId)
                        .claim("nonce", pending.nonce()).claim("auth_time", Instant.now().getEpochSecond())
                        .claim("preferred_username", pending.username());
                if (!pending.customerIds().isEmpty()) {
                    id.claim(Claims.CUSTOMER_IDS, pending.customerIds());
                }
                respond(exchange, 200, tokenResponse(access, id.sign()));
            }
            default -> respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
        }
    }

    /** The end_session requests received so far (their query parameters), oldest first. */
    public List<Map<String, String>> logouts() {
        return List.copyOf(logouts);
    }

    /** RP-initiated logout: records the request and sends the browser to its post_logout_redirect_uri, if any. */
    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> q = parse(exchange.getRequestURI().getRawQuery());
        logouts.add(Map.copyOf(q));
        String back = q.get("post_logout_redirect_uri");
        if (back == null) {
            respond(exchange, 200, "{}");
            return;
        }
        exchange.getResponseHeaders().add("Location", back + (q.get("state") == null ? "" : "?state=" + enc(q.get("state"))));
        exchange.sendResponseHeaders(303, -1);
        exchange.close();
    }

    /** RFC 7662 for the bank's internal clients (client_secret_basic): a genuine, unexpired, not deactivated token is active. */
    private void introspect(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (basicClient(exchange) == null) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        introspections.incrementAndGet();
        boolean active;
        try {
            SignedJWT jwt = SignedJWT.parse(form.getOrDefault("token", ""));
            active = jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))
                    && jwt.getJWTClaimsSet().getExpirationTime().toInstant().isAfter(Instant.now())
                    && !inactiveTokenIds.contains(String.valueOf(jwt.getJWTClaimsSet().getJWTID()));
        } catch (Exception e) {
            active = false;
        }
        respond(exchange, 200, "{\"active\":" + active + "}");
    }

    private void userinfo(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        try {
            SignedJWT jwt = SignedJWT.parse(auth.substring("Bearer ".length()));
            String sub = jwt.getJWTClaimsSet().getSubject();
            respond(exchange, 200, JSONObjectUtils.toJSONString(Map.of("sub", sub, "preferred_username", sub)));
        } catch (Exception e) {
            respond(exchange, 401, "{\"error\":\"invalid_token\"}");
        }
    }

    /** The client id of valid client_secret_basic credentials, or null. */
    private String basicClient(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        return secret.equals(internalSecrets.get(id)) ? id : null;
    }

    private static String tokenResponse(String accessToken, String idToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        body.put("token_type", "Bearer");
        body.put("expires_in", 300);
        if (idToken != null) {
            body.put("id_token", idToken);
        }
        return JSONObjectUtils.toJSONString(body);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(k, v);
        }
        return params;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String s256(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
