package io.bankbridge.token.generator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import io.bankbridge.contract.token.AccessTokenType;
import io.bankbridge.contract.token.Audiences;
import io.bankbridge.contract.token.Claims;
import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.keys.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Mints the JWTs this server issues: RFC 9068 access tokens ({@code typ: at+jwt}) for providers, first-party and
 * internal clients, and OpenID ID tokens. Signing is the only costly step; storage is the callers' business.
 */
@ApplicationScoped
public class JwtTokenGenerator {

    private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType(AccessTokenType.TYP);

    private final SigningKeys keys;
    private final TokenSettings settings;
    private final String issuer;
    private final InstantSource clock;

    JwtTokenGenerator(SigningKeys keys, TokenSettings settings, @ConfigProperty(name = "bankbridge.issuer") String issuer,
                      InstantSource clock) {
        this.keys = keys;
        this.settings = settings;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * An access token for a customer's grant: {@code sub} the customer, {@code client_id} the client, the granted
     * scopes, and {@code consent_id}/{@code grant_id} when the grant is a consent (absent for first-party sign-in).
     */
    public MintedAccessToken customerAccessToken(String clientId, String customerId, String consentId, List<String> scopes) {
        return customerAccessToken(clientId, customerId, consentId, scopes, null);
    }

    /**
     * The same, bound to a DPoP key when {@code dpopJkt} is not null: {@code cnf.jkt} carries the key's JWK SHA-256
     * thumbprint (RFC 9449 §6.1), and resource servers ask for a proof with that key on every call.
     */
    public MintedAccessToken customerAccessToken(String clientId, String customerId, String consentId, List<String> scopes,
                                                 String dpopJkt) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = accessClaims(now, customerId, Audiences.API, clientId, scopes, dpopJkt);
        if (consentId != null) {
            claims.claim(Claims.CONSENT_ID, consentId).claim(Claims.GRANT_ID, consentId);
        }
        return mint(claims, now);
    }

    /**
     * An access token an internal client uses on the services' internal APIs, carrying exactly the granted internal
     * scopes (e.g. {@code internal.consents.read}).
     */
    public MintedAccessToken internalAccessToken(String clientId, List<String> scopes) {
        Instant now = clock.instant();
        return mint(accessClaims(now, clientId, Audiences.INTERNAL, clientId, scopes, null), now);
    }

    /**
     * A provider's grant management token (client_credentials): {@code sub} and {@code client_id} the provider, the
     * granted {@code grant_management_*} scopes, bound to a DPoP key when {@code dpopJkt} is not null.
     */
    public MintedAccessToken grantManagementToken(String clientId, List<String> scopes, String dpopJkt) {
        Instant now = clock.instant();
        return mint(accessClaims(now, clientId, Audiences.GRANTS, clientId, scopes, dpopJkt), now);
    }

    /**
     * An OpenID ID token for the client; {@code nonce} is copied unchanged when present. {@code customerIds}, when not
     * empty, lists the customers the signed-in login acts for (its own, then its linked logins'), and {@code username}
     * (as {@code preferred_username}, when not null) names the login, for the bank's own Security Center.
     */
    public String idToken(String clientId, String customerId, String nonce, Instant authTime, String username,
                          List<String> customerIds) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = base(now, settings.idTokenLifetime().toSeconds())
                .subject(customerId)
                .audience(clientId)
                .claim("azp", clientId);
        if (!customerIds.isEmpty()) {
            claims.claim(Claims.CUSTOMER_IDS, customerIds);
        }
        if (username != null) {
            claims.claim("preferred_username", username);
        }
        if (authTime != null) {
            claims.claim("auth_time", authTime.getEpochSecond());
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return keys.sign(JOSEObjectType.JWT, claims.build());
    }

    public String issuer() {
        return issuer;
    }

    /** The claims every access token has, and {@code cnf.jkt} when it is bound to a DPoP key. */
    private JWTClaimsSet.Builder accessClaims(Instant now, String subject, String audience, String clientId,
                                              List<String> scopes, String dpopJkt) {
        JWTClaimsSet.Builder claims = base(now, settings.accessTokenLifetime().toSeconds())
                .subject(subject)
                .audience(audience)
                .claim(Claims.CLIENT_ID, clientId)
                .claim("scope", String.join(" ", scopes));
        if (dpopJkt != null) {
            claims.claim(Claims.CONFIRMATION, Map.of(Claims.CONFIRMATION_JKT, dpopJkt));
        }
        return claims;
    }

    private JWTClaimsSet.Builder base(Instant now, long lifetimeSeconds) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(lifetimeSeconds)));
    }

    private MintedAccessToken mint(JWTClaimsSet.Builder builder, Instant now) {
        JWTClaimsSet claims = builder.build();
        String value = keys.sign(ACCESS_TOKEN_TYPE, claims);
        return new MintedAccessToken(value, claims.getJWTID(), now, claims.getExpirationTime().toInstant());
    }
}
