package io.bankbridge.token;

import static io.restassured.RestAssured.given;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A provider onboarded through the admin API for one test, holding its private key, and the client side of the
 * protocol: client assertions (RFC 7523), PKCE values, form requests.
 */
public record TestProvider(String clientId, JWK key) {

    public static final String REDIRECT_URI = "https://provider.example/callback";
    public static final List<String> CLUSTERS = List.of("ACCOUNT_BASIC", "TRANSACTIONS");

    public static String issuer() {
        return ConfigProvider.getConfig().getValue("bankbridge.issuer", String.class);
    }

    public static String adminAuthorization() {
        return basic("admin", CoreTestSecrets.ADMIN);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    /** Onboards a private_key_jwt provider with a fresh PS256 key, not registered for DPoP (bearer tokens). */
    public static TestProvider onboard(String name) {
        return onboard(name, rsaKey());
    }

    public static TestProvider onboard(String name, JWK key) {
        return onboard(name, key, false);
    }

    /** Onboards a private_key_jwt provider registered with {@code dpop_bound_access_tokens}, as FAPI 2.0 wants. */
    public static TestProvider onboardWithDPoP(String name) {
        return onboard(name, rsaKey(), true);
    }

    private static TestProvider onboard(String name, JWK key, boolean dpop) {
        String clientId = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", adminAuthorization()).contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "name", name, "redirectUris", List.of(REDIRECT_URI),
                        "allowedClusters", CLUSTERS, "tokenEndpointAuthMethod", "private_key_jwt",
                        "jwks", new JWKSet(key.toPublicJWK()).toJSONObject(true), "dpopBoundAccessTokens", dpop))
                .when().post("/admin/providers").then().statusCode(201);
        return new TestProvider(clientId, key);
    }

    public static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey ecKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid client assertion: PS256 (ES256 for EC keys), aud = issuer, one minute of life, fresh jti. */
    public String assertion() {
        JWSAlgorithm alg = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.PS256;
        return assertion(alg, issuer(), Instant.now().plusSeconds(60), UUID.randomUUID().toString());
    }

    public String assertion(JWSAlgorithm alg, String audience, Instant expiresAt, String jti) {
        return assertion(alg, audience, Instant.now(), expiresAt, jti);
    }

    /** A valid client assertion made when the provider's clock read {@code issuedAt}, with one minute of life. */
    public String assertionIssuedAt(Instant issuedAt) {
        JWSAlgorithm alg = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.PS256;
        return assertion(alg, issuer(), issuedAt, issuedAt.plusSeconds(60), UUID.randomUUID().toString());
    }

    private String assertion(JWSAlgorithm alg, String audience, Instant issuedAt, Instant expiresAt, String jti) {
        return sign(key, alg, new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt)).jwtID(jti).build());
    }

    public static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs a payload written as given (for claim shapes the claims builder would normalise). */
    public static String signPayload(JWK key, JWSAlgorithm alg, Map<String, Object> payload) {
        try {
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), new Payload(payload));
            jws.sign(signer);
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A form request authenticated as this provider with a fresh client assertion. */
    public RequestSpecification authenticated() {
        return withAssertion(assertion());
    }

    public RequestSpecification withAssertion(String assertion) {
        return given().contentType(ContentType.URLENC).formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", assertion);
    }

    /** A PKCE code verifier (43..128 characters). */
    public static String verifier() {
        return UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    public static String challenge(String verifier) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
