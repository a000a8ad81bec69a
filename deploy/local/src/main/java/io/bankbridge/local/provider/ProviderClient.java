package io.bankbridge.local.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The OAuth side of a provider app, by the RFCs: pushed authorization requests (RFC 9126), PKCE S256, client
 * authentication with {@code private_key_jwt} (RFC 7523, PS256), code exchange, refresh, RFC 7009 revocation and
 * RFC 7662 introspection, and calls to the resource servers. Its tokens are DPoP-bound (RFC 9449): every token
 * request and every resource call carries a proof signed with a PS256 key of its own (the Nimbus SDK's proof
 * factory), with the last nonce each server handed out; a {@code use_dpop_nonce} answer is retried once with the new
 * nonce (unless made for a provider registered without DPoP). Used by the demo provider, the end-to-end tests and
 * the benchmarks; it reads the endpoints from the issuer's discovery document.
 */
public final class ProviderClient {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String issuer;
    private final String clientId;
    private final RSAKey key;
    private final Map<String, Object> discovery;
    private final DefaultDPoPProofFactory dpop;
    /** The last {@code DPoP-Nonce} of each server (scheme, host and port). */
    private final Map<String, String> nonces = new ConcurrentHashMap<>();

    /** A started authorization: where to send the browser, and what to keep for the code exchange. */
    public record Authorization(String authorizeUrl, String requestUri, String state, String nonce, String codeVerifier,
                                String redirectUri) {
    }

    /** A token endpoint answer; {@code tokenType} is {@code DPoP} for a token bound to this client's key. */
    public record Tokens(String accessToken, String tokenType, String refreshToken, String idToken, long expiresIn,
                         String scope) {
    }

    /** Any HTTP answer: status, body, and the headers a test may check. */
    public record Response(int status, String body, Map<String, List<String>> headers) {
        public Map<String, Object> json() {
            try {
                return JSONObjectUtils.parse(body);
            } catch (ParseException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    /**
     * @param baseUrl where the authorization server answers; its metadata names the issuer identifier, which is
     *                what client assertions are addressed to and what {@code iss} in authorization responses must be
     */
    public ProviderClient(String baseUrl, String clientId, RSAKey key) {
        this(baseUrl, clientId, key, true);
    }

    /**
     * @param useDPoP false for a provider registered without {@code dpop_bound_access_tokens}: no proofs are sent,
     *                tokens are bearer tokens
     */
    public ProviderClient(String baseUrl, String clientId, RSAKey key, boolean useDPoP) {
        this.clientId = clientId;
        this.key = key;
        try {
            this.dpop = useDPoP ? new DefaultDPoPProofFactory(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
                    .generate(), JWSAlgorithm.PS256) : null;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make a DPoP key", e);
        }
        this.discovery = send(HttpRequest.newBuilder(URI.create(baseUrl + "/.well-known/oauth-authorization-server")).GET().build()).json();
        this.issuer = String.valueOf(discovery.get("issuer"));
    }

    /** The issuer identifier from the server's metadata. */
    public String issuer() {
        return issuer;
    }

    public String clientId() {
        return clientId;
    }

    public String endpoint(String name) {
        Object url = discovery.get(name);
        if (url == null) {
            throw new IllegalStateException("The issuer's metadata has no " + name);
        }
        return url.toString();
    }

    /** Pushes an authorization request for {@code scope} and returns where to send the customer. */
    public Authorization authorize(String redirectUri, String scope, Map<String, String> extra) {
        String state = random(16);
        String nonce = random(16);
        String verifier = random(32);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("response_type", "code");
        form.put("client_id", clientId);
        form.put("redirect_uri", redirectUri);
        form.put("scope", scope);
        form.put("state", state);
        form.put("nonce", nonce);
        form.put("code_challenge", s256(verifier));
        form.put("code_challenge_method", "S256");
        form.putAll(extra);
        Response pushed = postAuthenticated(endpoint("pushed_authorization_request_endpoint"), form);
        if (pushed.status() != 201) {
            throw new IllegalStateException("PAR refused (" + pushed.status() + "): " + pushed.body());
        }
        String requestUri = pushed.json().get("request_uri").toString();
        String url = endpoint("authorization_endpoint") + "?client_id=" + enc(clientId) + "&request_uri=" + enc(requestUri);
        return new Authorization(url, requestUri, state, nonce, verifier, redirectUri);
    }

    /** Exchanges the code the customer's browser brought back. */
    public Response exchangeCode(Authorization authorization, String code) {
        return postAuthenticated(endpoint("token_endpoint"), Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", authorization.redirectUri(),
                "code_verifier", authorization.codeVerifier()));
    }

    public Response refresh(String refreshToken) {
        return postAuthenticated(endpoint("token_endpoint"), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /**
     * A client_credentials token for the provider's own calls to the grant management endpoint ({@code scope}:
     * {@code grant_management_query} and/or {@code grant_management_revoke}), bound to this client's DPoP key.
     */
    public Response clientCredentials(String scope) {
        return postAuthenticated(endpoint("token_endpoint"), Map.of("grant_type", "client_credentials", "scope", scope));
    }

    /** RFC 7009. */
    public Response revoke(String token, String hint) {
        return postAuthenticated(endpoint("revocation_endpoint"), Map.of("token", token, "token_type_hint", hint));
    }

    /** RFC 7662. */
    public Response introspect(String token) {
        return postAuthenticated(endpoint("introspection_endpoint"), Map.of("token", token));
    }

    /** A GET against a resource server with a DPoP-bound token and a proof. */
    public Response get(String url, String accessToken) {
        return call("GET", url, accessToken, null);
    }

    /** A call with a DPoP-bound token and a proof, any method and an optional JSON body. */
    public Response call(String method, String url, String accessToken, String jsonBody) {
        Response response = null;
        for (int attempt = 0; attempt < 2 && (response == null || askedForNonce(response)); attempt++) {
            HttpRequest.Builder request = resourceRequest(url, accessToken,
                    dpop == null ? null : proof(method, url, new DPoPAccessToken(accessToken)));
            if (jsonBody != null) {
                request.header("Content-Type", "application/json");
            }
            response = send(request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody)).build());
        }
        return response;
    }

    /**
     * A DPoP proof for a later GET of {@code url} with {@code accessToken}, signed now, for a caller that must not
     * spend its time signing when it sends ({@link #get(String, String, String)}).
     */
    public String getProofSignedAhead(String url, String accessToken) {
        if (dpop == null) {
            throw new IllegalStateException(clientId + " does not use DPoP");
        }
        return proof("GET", url, new DPoPAccessToken(accessToken));
    }

    /**
     * A GET with a proof signed beforehand ({@link #getProofSignedAhead}); should the server want a fresher nonce, the
     * request is made again with a proof signed now.
     */
    public Response get(String url, String accessToken, String proof) {
        Response response = send(resourceRequest(url, accessToken, proof).GET().build());
        return askedForNonce(response) ? get(url, accessToken) : response;
    }

    /** A request to a resource server with the access token: DPoP-bound with {@code proof}, or a bearer token without. */
    private static HttpRequest.Builder resourceRequest(String url, String accessToken, String proof) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        return proof == null ? request.header("Authorization", "Bearer " + accessToken)
                : request.header("Authorization", "DPoP " + accessToken).header("DPoP", proof);
    }

    /** The same access token as a plain bearer token, without a proof: what a thief holding only the token can do. */
    public Response getAsBearer(String url, String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json").GET().build());
    }

    public static Tokens tokens(Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("Token request refused (" + response.status() + "): " + response.body());
        }
        Map<String, Object> json = response.json();
        return new Tokens((String) json.get("access_token"), (String) json.get("token_type"),
                (String) json.get("refresh_token"), (String) json.get("id_token"),
                json.get("expires_in") instanceof Number n ? n.longValue() : 0, (String) json.get("scope"));
    }

    /**
     * The tokens after a refresh: the refresh token of the answer if the server rotated it, otherwise (RFC 6749 §6;
     * Bankbridge does not rotate by default) the one the client already holds.
     */
    public static Tokens refreshed(Response response, String previousRefreshToken) {
        Tokens fresh = tokens(response);
        return fresh.refreshToken() != null ? fresh : new Tokens(fresh.accessToken(), fresh.tokenType(),
                previousRefreshToken, fresh.idToken(), fresh.expiresIn(), fresh.scope());
    }

    private Response postAuthenticated(String url, Map<String, String> params) {
        Response response = null;
        for (int attempt = 0; attempt < 2 && (response == null || askedForNonce(response)); attempt++) {
            String body = form(params, clientAssertion(Duration.ofSeconds(60)));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded");
            if (dpop != null) {
                request.header("DPoP", proof("POST", url, null));
            }
            response = send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }
        return response;
    }

    /** A DPoP proof (RFC 9449 §4) for this request, with the server's last nonce if it gave one. */
    private String proof(String method, String url, DPoPAccessToken accessToken) {
        return proof(method, url, accessToken, Instant.now());
    }

    private String proof(String method, String url, DPoPAccessToken accessToken, Instant issuedAt) {
        URI uri = URI.create(url);
        String nonce = nonces.get(origin(uri));
        try {
            // htu: the URL without query and fragment
            return dpop.createDPoPJWT(new JWTID(), method, URI.create(origin(uri) + uri.getRawPath()),
                    Date.from(issuedAt), accessToken, nonce == null ? null : new Nonce(nonce)).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a DPoP proof", e);
        }
    }

    /**
     * A DPoP proof for a POST to {@code url} (no access token) with its {@code iat} set to {@code issuedAt} and the
     * server's last nonce, for a load generator that sends requests signed beforehand (it cannot sign). The server
     * accepts it only within its {@code iat} window around {@code issuedAt} and while that nonce is current.
     */
    public String proofSignedAhead(String url, Instant issuedAt) {
        if (dpop == null) {
            throw new IllegalStateException(clientId + " does not use DPoP");
        }
        return proof("POST", url, null, issuedAt);
    }

    /** RFC 9449 §8, §9: the server wants a (fresher) nonce, which its answer carries. */
    private static boolean askedForNonce(Response response) {
        String challenge = response.header("WWW-Authenticate");
        return response.header("DPoP-Nonce") != null && (response.status() == 400 && response.body().contains("use_dpop_nonce")
                || response.status() == 401 && challenge != null && challenge.contains("use_dpop_nonce"));
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /**
     * The form body of a refresh grant with a client assertion of its own that lives {@code assertionLifetime}, for a
     * load generator that sends requests signed beforehand (it cannot sign); a DPoP-bound client's request also needs
     * a proof ({@link #proofSignedAhead}).
     */
    public String refreshForm(String refreshToken, Duration assertionLifetime) {
        return form(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                clientAssertion(assertionLifetime));
    }

    /** {@code params} and the client's authentication by {@code assertion}, form-encoded. */
    private String form(Map<String, String> params, String assertion) {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.put("client_id", clientId);
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", assertion);
        return form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** RFC 7523 client assertion: iss = sub = client id, aud = the issuer identifier, single-use jti, short life. */
    private String clientAssertion(Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(issuer)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the client assertion", e);
        }
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue("DPoP-Nonce").ifPresent(nonce -> nonces.put(origin(request.uri()), nonce));
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
