package io.bankbridge.token;

import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import io.bankbridge.contract.token.Claims;
import io.bankbridge.token.keys.SigningKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which JWTs signed with this server's own keys introspection takes for its access tokens: the access token type in
 * any spelling RFC 7515 allows, this issuer, a {@code jti}; never an ID token or a token of another type.
 */
@QuarkusTest
class IssuedTokenReadingTest {

    @Inject
    SigningKeys keys;

    @Inject
    InstantSource clock;

    @ConfigProperty(name = "bankbridge.issuer")
    String issuer;

    private JWTClaimsSet.Builder accessTokenClaims(Instant issuedAt) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject("CUS-C-0001").audience("https://api.example")
                .claim(Claims.CLIENT_ID, TestProvider.onboard("reading").clientId()).claim("scope", "ACCOUNT_BASIC")
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plusSeconds(300)));
    }

    private JWTClaimsSet.Builder accessTokenClaims() {
        return accessTokenClaims(clock.instant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "AT+JWT", "application/at+jwt", "Application/At+JWT"})
    void theAccessTokenTypeIsReadInAnyCaseWithOrWithoutItsMediaTypePrefix(String type) {
        Grants.introspect(keys.sign(new JOSEObjectType(type), accessTokenClaims().build()))
                .statusCode(200).body("active", equalTo(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "consent-receipt+jwt", "at+jwt+x"})
    void aTokenOfAnotherTypeIsNotAnAccessToken(String type) {
        Grants.introspect(keys.sign(new JOSEObjectType(type), accessTokenClaims().build()))
                .statusCode(200).body("active", equalTo(false));
    }

    @Test
    void aTokenWithoutTypeIsNotAnAccessToken() {
        Grants.introspect(keys.sign(null, accessTokenClaims().build())).statusCode(200).body("active", equalTo(false));
    }

    @Test
    void aTokenNamingAnotherIssuerIsNotAnAccessToken() {
        Grants.introspect(keys.sign(new JOSEObjectType("at+jwt"), accessTokenClaims().issuer(issuer + "/other").build()))
                .statusCode(200).body("active", equalTo(false));
    }

    @Test
    void aTokenWithoutJtiIsNotAnAccessToken() {
        Grants.introspect(keys.sign(new JOSEObjectType("at+jwt"), accessTokenClaims().jwtID(null).build()))
                .statusCode(200).body("active", equalTo(false));
    }

    @Test
    void anExpiredAccessTokenIsInactive() {
        JWTClaimsSet expired = accessTokenClaims(clock.instant().minus(Duration.ofHours(1))).build();
        Grants.introspect(keys.sign(new JOSEObjectType("at+jwt"), expired)).statusCode(200).body("active", equalTo(false));
    }
}
