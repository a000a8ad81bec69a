package io.bankbridge.token.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.bankbridge.token.ClockedClaimsVerifier;
import io.bankbridge.token.OAuthException;
import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.SqlTime;
import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.generator.OpaqueValues;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authenticates the client of an OAuth request: {@code private_key_jwt} (RFC 7523 client assertion signed PS256 or
 * ES256 with a key the client registered, {@code aud} exactly the issuer as one string, {@code exp} bounded,
 * {@code jti} accepted once) or {@code client_secret_basic}, each only for clients registered that way and only where
 * the client's kind allows the method (providers: never a secret). Every failure is {@code invalid_client}.
 */
@ApplicationScoped
public class ClientAuthenticator {

    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** FAPI 2.0 limits client assertions to these; RS256 and HMAC are refused. */
    public static final Set<JWSAlgorithm> ASSERTION_ALGORITHMS = Set.of(JWSAlgorithm.PS256, JWSAlgorithm.ES256);

    private final ClientRegistry registry;
    private final AssertionJtis jtis;
    private final TokenSettings settings;
    private final String issuer;
    private final InstantSource clock;
    private final ClockedClaimsVerifier assertionClaims;
    private final Map<String, JWKSource<SecurityContext>> remoteKeys = new ConcurrentHashMap<>();

    ClientAuthenticator(ClientRegistry registry, AssertionJtis jtis, TokenSettings settings,
                        @ConfigProperty(name = "bankbridge.issuer") String issuer, InstantSource clock) {
        this.registry = registry;
        this.jtis = jtis;
        this.settings = settings;
        this.issuer = issuer;
        this.clock = clock;
        this.assertionClaims = new ClockedClaimsVerifier(clock, settings.clockSkew(), new JWTClaimsSet.Builder().build(),
                Set.of("iss", "sub", "exp", "jti"));
    }

    /**
     * The active client that authenticated this request.
     *
     * @param authorization the {@code Authorization} header; may be null
     * @param endpointPath  the path called (e.g. {@code /token}); only named in the answer to an assertion whose
     *                      {@code aud} is that endpoint's URL, which FAPI 2.0 Final no longer accepts
     */
    public Uni<RegisteredClient> authenticate(String authorization, OAuthParameters params, String endpointPath) {
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        boolean assertion = params.has("client_assertion");
        if (basic && assertion) {
            throw OAuthException.invalidRequest("use one client authentication method");
        }
        if (basic) {
            return basic(authorization.substring(6).trim(), params);
        }
        if (assertion) {
            return assertion(params, endpointPath);
        }
        throw OAuthException.invalidClient("client authentication is required", false);
    }

    private Uni<RegisteredClient> basic(String credentials, OAuthParameters params) {
        String clientId;
        String secret;
        try {
            String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw invalidBasic();
            }
            // RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined.
            clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidBasic();
        }
        params.optional("client_id").filter(id -> !id.equals(clientId)).ifPresent(id -> {
            throw OAuthException.invalidRequest("client_id does not match the authenticated client");
        });
        return registry.client(clientId).map(found -> found
                .filter(c -> c.active() && usable(c, AuthMethod.CLIENT_SECRET_BASIC))
                .filter(c -> OpaqueValues.matches(secret, c.secretHash()))
                .orElseThrow(ClientAuthenticator::invalidBasic));
    }

    private static OAuthException invalidBasic() {
        return OAuthException.invalidClient("client authentication failed", true);
    }

    private Uni<RegisteredClient> assertion(OAuthParameters params, String endpointPath) {
        if (!JWT_BEARER.equals(params.optional("client_assertion_type").orElse(null))) {
            throw OAuthException.invalidClient("client_assertion_type must be " + JWT_BEARER, false);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(params.required("client_assertion"));
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalidAssertion("the client assertion is not a signed JWT");
        }
        if (!ASSERTION_ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw invalidAssertion("the client assertion must be signed with PS256 or ES256");
        }
        String clientId = claims.getIssuer();
        if (clientId == null || !clientId.equals(claims.getSubject())) {
            throw invalidAssertion("iss and sub of the client assertion must both be the client id");
        }
        params.optional("client_id").filter(id -> !id.equals(clientId)).ifPresent(id -> {
            throw invalidAssertion("client_id does not match the client assertion");
        });
        checkAudience(jwt, endpointPath);
        checkClaims(claims);
        return registry.client(clientId).chain(found -> {
            RegisteredClient client = found
                    .filter(c -> c.active() && usable(c, AuthMethod.PRIVATE_KEY_JWT))
                    .orElseThrow(() -> invalidAssertion("unknown client or not registered for private_key_jwt"));
            return keysOf(client).map(keys -> {
                if (!verifiedByAny(jwt, keys)) {
                    throw invalidAssertion("the client assertion's signature does not verify with the client's keys");
                }
                return client;
            });
        }).chain(client -> recordJti(client.clientId(), claims).replaceWith(client));
    }

    /**
     * The client was registered with {@code method} and its kind may use it. A provider row still registered with a
     * secret (onboarded before FAPI 2.0 was enforced) is refused here rather than migrated: it has no keys to migrate to.
     */
    private static boolean usable(RegisteredClient client, AuthMethod method) {
        if (client.authMethod() != method) {
            return false;
        }
        if (!client.kind().authMethods().contains(method)) {
            Log.warnf("Client %s (%s) is registered for %s, which its kind may not use: refused", client.clientId(),
                    client.kind(), method.value());
            return false;
        }
        return true;
    }

    /**
     * FAPI 2.0 Final §5.3.2.1: {@code aud} is the issuer identifier, one JSON string. An array (even one holding the
     * issuer) or an endpoint URL is refused: the formal analysis of FAPI 2.0 showed that a client taking the audience
     * from an attacker's metadata (a token endpoint URL that is in fact ours) signs an assertion the attacker can
     * replay here (audience injection); an issuer identifier cannot be borrowed that way. Read from the raw payload,
     * since the parsed claims set turns a string audience into a one-element list.
     */
    private void checkAudience(SignedJWT jwt, String endpointPath) {
        Object audience = jwt.getPayload().toJSONObject().get("aud");
        if (audience instanceof String aud && aud.equals(issuer)) {
            return;
        }
        if (audience instanceof String aud && aud.equals(issuer + endpointPath)) {
            throw invalidAssertion("the client assertion's aud must be the issuer " + issuer + ", not the endpoint URL");
        }
        throw invalidAssertion("the client assertion's aud must be exactly the issuer " + issuer + ", as a single string");
    }

    /**
     * Nimbus checks that the claims are there and that the assertion is within its {@code exp} and {@code nbf}; what it
     * does not check is done here: {@code exp} no further ahead than an assertion may live, {@code iat} not in the
     * future, {@code jti} a string.
     */
    private void checkClaims(JWTClaimsSet claims) {
        try {
            assertionClaims.verify(claims, null);
        } catch (ExpiredJWTException e) {
            throw invalidAssertion("the client assertion has expired");
        } catch (BadJWTException e) {
            throw invalidAssertion("the client assertion's claims are refused: " + e.getMessage());
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime().toInstant()
                .isAfter(now.plus(settings.clientAssertionMaxLifetime()).plus(settings.clockSkew()))) {
            throw invalidAssertion("the client assertion's exp is too far in the future");
        }
        if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(now.plus(settings.clockSkew()))) {
            throw invalidAssertion("the client assertion is not valid yet");
        }
        if (claims.getJWTID() == null || claims.getJWTID().isBlank()) {
            throw invalidAssertion("the client assertion has no jti");
        }
    }

    private Uni<List<JWK>> keysOf(RegisteredClient client) {
        if (client.jwks() != null) {
            try {
                return Uni.createFrom().item(JWKSet.parse(client.jwks()).getKeys());
            } catch (ParseException e) {
                throw invalidAssertion("the client's registered JWKS is unreadable");
            }
        }
        if (client.jwksUri() == null) {
            throw invalidAssertion("the client has no registered keys");
        }
        JWKSource<SecurityContext> source = remoteKeys.computeIfAbsent(client.clientId(), id -> remoteSource(client.jwksUri()));
        // Fetching the client's JWKS is blocking I/O (cached by the source): keep it off the event loop.
        return Uni.createFrom().item(() -> {
            try {
                return source.get(new JWKSelector(new JWKMatcher.Builder().publicOnly(true).build()), null);
            } catch (KeySourceException e) {
                throw invalidAssertion("the client's JWKS could not be fetched");
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static JWKSource<SecurityContext> remoteSource(String jwksUri) {
        try {
            return JWKSourceBuilder.create(URI.create(jwksUri).toURL()).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw invalidAssertion("the client's jwks_uri is unusable");
        }
    }

    /** Forgets a client's cached remote keys (after its registration changed). */
    public void forgetKeys(String clientId) {
        remoteKeys.remove(clientId);
    }

    private static boolean verifiedByAny(SignedJWT jwt, List<JWK> keys) {
        String kid = jwt.getHeader().getKeyID();
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        for (JWK key : keys) {
            if (kid != null && !kid.equals(key.getKeyID())) {
                continue;
            }
            try {
                JWSVerifier verifier;
                if (alg.equals(JWSAlgorithm.PS256) && key instanceof RSAKey rsa) {
                    verifier = new RSASSAVerifier(rsa);
                } else if (alg.equals(JWSAlgorithm.ES256) && key instanceof ECKey ec) {
                    verifier = new ECDSAVerifier(ec);
                } else {
                    continue;
                }
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key of the wrong size or curve: try the next one
            }
        }
        return false;
    }

    private Uni<Void> recordJti(String clientId, JWTClaimsSet claims) {
        OffsetDateTime keepUntil = SqlTime.of(claims.getExpirationTime().toInstant())
                .plus(settings.clockSkew());
        return jtis.firstUse(clientId, claims.getJWTID(), keepUntil).invoke(first -> {
            if (!first) {
                throw invalidAssertion("the client assertion was already used (jti replayed)");
            }
        }).replaceWithVoid();
    }

    private static OAuthException invalidAssertion(String description) {
        return OAuthException.invalidClient(description, false);
    }
}
