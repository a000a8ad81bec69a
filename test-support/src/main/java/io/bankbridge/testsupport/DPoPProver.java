package io.bankbridge.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.bankbridge.contract.token.Claims;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * A client's DPoP key (RFC 9449) and the proofs it signs with the Nimbus SDK's proof factory, remembering the last
 * nonce a server handed out ({@code DPoP-Nonce}) for the next proof, as a real client does.
 */
public final class DPoPProver {

    private final JWK key;
    private final DefaultDPoPProofFactory factory;
    private volatile String nonce;

    private DPoPProver(JWK key, JWSAlgorithm algorithm) {
        this.key = key;
        try {
            this.factory = new DefaultDPoPProofFactory(key, algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh P-256 key signing ES256 proofs. */
    public static DPoPProver es256() {
        try {
            return new DPoPProver(new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate(),
                    JWSAlgorithm.ES256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh 2048-bit RSA key signing PS256 proofs. */
    public static DPoPProver ps256() {
        try {
            return new DPoPProver(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate(),
                    JWSAlgorithm.PS256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh 2048-bit RSA key signing RS256 proofs, an algorithm FAPI 2.0 does not allow. */
    public static DPoPProver rs256() {
        try {
            return new DPoPProver(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate(),
                    JWSAlgorithm.RS256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key's JWK SHA-256 thumbprint (RFC 7638): what {@code cnf.jkt} and {@code dpop_jkt} carry. */
    public String thumbprint() {
        try {
            return key.toPublicJWK().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code cnf} claim of a token bound to this key. */
    public Map<String, Object> confirmation() {
        return Map.of(Claims.CONFIRMATION_JKT, thumbprint());
    }

    /** Remembers a nonce for the next proofs (null: none). */
    public DPoPProver useNonce(String nonce) {
        this.nonce = nonce;
        return this;
    }

    public String nonce() {
        return nonce;
    }

    /** A proof for a token request ({@code htm}, {@code htu}), with the remembered nonce if any. */
    public String proof(String method, String url) {
        return proof(method, url, null, Instant.now());
    }

    /** A proof for a resource request with {@code accessToken} ({@code ath}). */
    public String proof(String method, String url, String accessToken) {
        return proof(method, url, accessToken, Instant.now());
    }

    /** A proof issued at {@code iat}: for checks of the server's window. */
    public String proof(String method, String url, String accessToken, Instant iat) {
        try {
            return factory.createDPoPJWT(new JWTID(), method, URI.create(url), Date.from(iat),
                    accessToken == null ? null : new DPoPAccessToken(accessToken),
                    nonce == null ? null : new Nonce(nonce)).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
