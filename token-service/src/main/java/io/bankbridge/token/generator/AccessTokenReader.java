package io.bankbridge.token.generator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import io.bankbridge.contract.token.AccessTokenType;
import io.bankbridge.token.ClockedClaimsVerifier;
import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.keys.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.ParseException;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads tokens this server issued, through Nimbus' JWT processor: signature by one of its published keys, the token's
 * {@code typ} ({@link AccessTokenType} for access tokens, {@code JWT} for ID tokens), its own {@code iss}, a {@code jti}
 * and an {@code exp} that has not passed by more than the clock skew (ID tokens: whenever it passed). Whether a token
 * is still within its lifetime, and revocation, are the caller's business (introspection, revocation, userinfo,
 * sign-out).
 */
@ApplicationScoped
public class AccessTokenReader {

    /** JOSE types compare case-insensitively in Nimbus, as media type names do (RFC 7515 §4.1.9). */
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> ACCESS_TOKEN_TYPE =
            new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(AccessTokenType.TYP),
                    new JOSEObjectType(AccessTokenType.MEDIA_TYPE));
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> ID_TOKEN_TYPE =
            new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT);

    private final ConfigurableJWTProcessor<SecurityContext> accessTokens;
    private final ConfigurableJWTProcessor<SecurityContext> idTokens;

    AccessTokenReader(SigningKeys keys, TokenSettings settings, @ConfigProperty(name = "bankbridge.issuer") String issuer,
                      InstantSource clock) {
        JWTClaimsSetVerifier<SecurityContext> claims = new ClockedClaimsVerifier(clock, settings.clockSkew(),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("jti", "exp"));
        this.accessTokens = keys.processor();
        accessTokens.setJWSTypeVerifier(ACCESS_TOKEN_TYPE);
        accessTokens.setJWTClaimsSetVerifier(claims);
        this.idTokens = keys.processor();
        idTokens.setJWSTypeVerifier(ID_TOKEN_TYPE);
        idTokens.setJWTClaimsSetVerifier((claimsSet, context) -> {
            try {
                claims.verify(claimsSet, context);
            } catch (ExpiredJWTException e) {
                // OpenID Connect RP-Initiated Logout: an id_token_hint may have expired.
            }
        });
    }

    /** The claims of a genuine access token of this issuer; empty for anything else. */
    public Optional<JWTClaimsSet> read(String token) {
        return read(token, accessTokens);
    }

    /** The claims of a genuine ID token of this issuer, expired or not (as {@code id_token_hint}); empty otherwise. */
    public Optional<JWTClaimsSet> readIdToken(String token) {
        return read(token, idTokens);
    }

    private static Optional<JWTClaimsSet> read(String token, ConfigurableJWTProcessor<SecurityContext> processor) {
        if (token == null || token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(processor.process(SignedJWT.parse(token), null));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Optional.empty();
        }
    }

    /** A string claim, or null when absent or not a string. */
    public static String claim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }
}
