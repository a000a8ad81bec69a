package io.bankbridge.token.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.EdDSAProvider;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 JWK keys (RFC 8037 {@code OKP}). Keys are made by the JDK (a JWK holds the raw 32-byte keys, the JDK takes
 * them behind a fixed DER prefix, RFC 8410); signing and verifying go through Bouncy Castle's lightweight Ed25519
 * (no JCA provider is registered), many times faster than the JDK's at both (README "Token signing algorithm"). The
 * Nimbus signer for Ed25519 would need Google Tink and its protobuf runtime.
 */
final class Ed25519Keys {

    /** SubjectPublicKeyInfo for id-Ed25519 (1.3.101.112), followed by the 32 raw public key bytes. */
    private static final byte[] PUBLIC_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** PKCS#8 v1 PrivateKeyInfo for id-Ed25519 wrapping a 32-byte OCTET STRING seed. */
    private static final byte[] PRIVATE_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final String JCA = "Ed25519";

    private Ed25519Keys() {
    }

    /** A fresh Ed25519 key pair as a private JWK, {@code kid} its thumbprint. */
    static OctetKeyPair generate(JWSAlgorithm alg) throws JOSEException {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(JCA).generateKeyPair();
            byte[] x = raw(pair.getPublic().getEncoded());
            byte[] d = raw(pair.getPrivate().getEncoded());
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(d))
                    .algorithm(alg).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint().build();
        } catch (GeneralSecurityException e) {
            throw new JOSEException("Ed25519 is not available in this JDK", e);
        }
    }

    static JWSSigner signer(OctetKeyPair key) {
        decode(key, true); // the same checks as for a key the JDK takes
        return new Signer(new Ed25519PrivateKeyParameters(key.getDecodedD()));
    }

    static PublicKey publicKey(OctetKeyPair key) {
        return decode(key, false);
    }

    static JWSVerifier verifier(Key publicKey) throws JOSEException {
        if (!(publicKey instanceof EdECPublicKey key)) {
            throw new JOSEException("not an Ed25519 public key");
        }
        return new Verifier(new Ed25519PublicKeyParameters(raw(key.getEncoded())));
    }

    /** The last 32 bytes of the DER encoding: the raw key, for both the public and the (v1) private encoding. */
    private static byte[] raw(byte[] der) {
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    @SuppressWarnings("unchecked")
    private static <K> K decode(OctetKeyPair key, boolean privatePart) {
        if (!Curve.Ed25519.equals(key.getCurve())) {
            throw new IllegalArgumentException("not an Ed25519 key: " + key.getCurve());
        }
        byte[] raw = privatePart ? key.getDecodedD() : key.getDecodedX();
        if (raw == null || raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 key has 32 bytes");
        }
        byte[] prefix = privatePart ? PRIVATE_PREFIX : PUBLIC_PREFIX;
        byte[] der = Arrays.copyOf(prefix, prefix.length + 32);
        System.arraycopy(raw, 0, der, prefix.length, 32);
        try {
            KeyFactory factory = KeyFactory.getInstance(JCA);
            return (K) (privatePart ? factory.generatePrivate(new PKCS8EncodedKeySpec(der))
                    : factory.generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable Ed25519 key", e);
        }
    }

    /** Signs with an Ed25519 private key; a new {@link Ed25519Signer} per call, so it is safe to share. */
    private static final class Signer extends EdDSAProvider implements JWSSigner {
        private final Ed25519PrivateKeyParameters key;

        Signer(Ed25519PrivateKeyParameters key) {
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            signer.update(signingInput, 0, signingInput.length);
            return Base64URL.encode(signer.generateSignature());
        }
    }

    /** Verifies with an Ed25519 public key. */
    private static final class Verifier extends EdDSAProvider implements JWSVerifier {
        private final Ed25519PublicKeyParameters key;

        Verifier(Ed25519PublicKeyParameters key) {
            this.key = key;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) throws JOSEException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                return false;
            }
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, key);
            verifier.update(signedContent, 0, signedContent.length);
            return verifier.verifySignature(signature.decode());
        }
    }
}
