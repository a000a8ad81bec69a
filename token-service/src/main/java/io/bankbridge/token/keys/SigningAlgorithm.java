package io.bankbridge.token.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Optional;

/**
 * The algorithms FAPI 2.0 allows for the tokens this server signs, each with its key type: how a key is generated,
 * and the signer and verifier for it. A key's algorithm follows from the key itself, so keys of several algorithms
 * can be published (and verified) side by side while a rotation changes the algorithm.
 */
public enum SigningAlgorithm {

    /** RSASSA-PSS with SHA-256, RSA 2048: cheap to verify, costly to sign. */
    PS256(JWSAlgorithm.PS256, RSAKeyGenerator::new, key -> new RSASSASigner(key.toRSAKey()),
            key -> key.toRSAKey().toRSAPublicKey(), key -> new RSASSAVerifier((RSAPublicKey) key)),

    /** ECDSA on P-256 with SHA-256: cheap to sign, costlier to verify. */
    ES256(JWSAlgorithm.ES256, size -> new ECKeyGenerator(Curve.P_256), key -> new ECDSASigner(key.toECKey()),
            key -> key.toECKey().toECPublicKey(), key -> new ECDSAVerifier((ECPublicKey) key)),

    /** EdDSA with Ed25519 (RFC 8037): the fastest to sign and to verify here (Bouncy Castle, see {@link Ed25519Keys}). */
    EdDSA(JWSAlgorithm.EdDSA, null, key -> Ed25519Keys.signer(key.toOctetKeyPair()),
            key -> Ed25519Keys.publicKey(key.toOctetKeyPair()), Ed25519Keys::verifier);

    /** A Nimbus function that may throw {@link JOSEException}. */
    @FunctionalInterface
    private interface Jose<T, R> {
        R apply(T t) throws JOSEException;
    }

    private final JWSAlgorithm jose;
    /** Nimbus' key generator for an RSA modulus length; null where the JDK generates the key. */
    private final Jose<Integer, JWKGenerator<? extends JWK>> generator;
    private final Jose<JWK, JWSSigner> signer;
    private final Jose<JWK, PublicKey> publicKey;
    private final Jose<Key, JWSVerifier> verifier;

    SigningAlgorithm(JWSAlgorithm jose, Jose<Integer, JWKGenerator<? extends JWK>> generator, Jose<JWK, JWSSigner> signer,
                     Jose<JWK, PublicKey> publicKey, Jose<Key, JWSVerifier> verifier) {
        this.jose = jose;
        this.generator = generator;
        this.signer = signer;
        this.publicKey = publicKey;
        this.verifier = verifier;
    }

    /** The JOSE {@code alg} value. */
    public JWSAlgorithm jose() {
        return jose;
    }

    /** A new private key for this algorithm, {@code kid} its JWK thumbprint. */
    public JWK generate(int rsaKeySize) throws JOSEException {
        if (generator == null) {
            return Ed25519Keys.generate(jose);
        }
        return generator.apply(rsaKeySize).algorithm(jose).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
    }

    /** Signs with {@code key}, which must be of this algorithm's type. */
    public JWSSigner signer(JWK key) throws JOSEException {
        return signer.apply(key);
    }

    /** The JCA public key of {@code key}, which must be of this algorithm's type. */
    public PublicKey publicKey(JWK key) throws JOSEException {
        return publicKey.apply(key);
    }

    /** Verifies with {@code key} (its public part is enough). */
    public JWSVerifier verifier(JWK key) throws JOSEException {
        return verifier(publicKey(key));
    }

    /** Verifies with a public key as {@link #publicKey} gives it. */
    public JWSVerifier verifier(Key key) throws JOSEException {
        return verifier.apply(key);
    }

    /** The algorithm named {@code name} exactly as JOSE spells it ({@code PS256}, {@code ES256}, {@code EdDSA}). */
    public static Optional<SigningAlgorithm> named(String name) {
        return Arrays.stream(values()).filter(a -> a.jose.getName().equals(name)).findFirst();
    }

    /** The algorithm a key is used with: RSA for PS256, P-256 for ES256, Ed25519 for EdDSA; nothing else. */
    public static Optional<SigningAlgorithm> of(JWK key) {
        if (key instanceof RSAKey) {
            return Optional.of(PS256);
        }
        if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return Optional.of(ES256);
        }
        if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return Optional.of(EdDSA);
        }
        return Optional.empty();
    }
}
