package io.bankbridge.token.generator;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.bankbridge.contract.token.AccessTokenType;
import io.bankbridge.token.keys.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.ParseException;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads tokens this server issued: signature by one of its published keys, the token's {@code typ} ({@link AccessTokenType}
 * for access tokens, {@code JWT} for ID tokens), its own {@code iss}. Expiry and revocation are the caller's business
 * (introspection, revocation, userinfo, sign-out).
 */
@ApplicationScoped
public class AccessTokenReader {

    private final SigningKeys keys;
    private final String issuer;

    AccessTokenReader(SigningKeys keys, @ConfigProperty(name = "bankbridge.issuer") String issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    /** The claims of a genuine access token of this issuer; empty for anything else. */
    public Optional<JWTClaimsSet> read(String token) {
        return read(token, AccessTokenType::isAccessToken);
    }

    /** The claims of a genuine ID token of this issuer, expired or not (as {@code id_token_hint}); empty otherwise. */
    public Optional<JWTClaimsSet> readIdToken(String token) {
        return read(token, "JWT"::equals);
    }

    private Optional<JWTClaimsSet> read(String token, Predicate<String> type) {
        if (token == null || token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (jwt.getHeader().getType() == null || !type.test(jwt.getHeader().getType().getType())
                    || !keys.verifies(jwt)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return issuer.equals(claims.getIssuer()) && claims.getJWTID() != null && claims.getExpirationTime() != null
                    ? Optional.of(claims) : Optional.empty();
        } catch (ParseException e) {
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
