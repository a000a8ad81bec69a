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
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 JWK keys (RFC 8037 {@code OKP}) signed and verified with the JDK's own EdDSA implementation. The Nimbus
 * signer for Ed25519 needs Google Tink (and its protobuf runtime) on the class path; the JDK has had Ed25519 since
 * 15 and it works in native images, so only the key encoding is bridged here: a JWK holds the raw 32-byte keys,
 * the JDK takes them behind a fixed DER prefix (RFC 8410).
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
        PrivateKey privateKey = decode(key, true);
        return new Signer(privateKey);
    }

    static PublicKey publicKey(OctetKeyPair key) {
        return decode(key, false);
    }

    static JWSVerifier verifier(Key publicKey) throws JOSEException {
        if (!(publicKey instanceof EdECPublicKey key)) {
            throw new JOSEException("not an Ed25519 public key");
        }
        return new Verifier(key);
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

    /** Signs with a JDK Ed25519 private key; a new {@link Signature} per call, so it is safe to share. */
    private static final class Signer extends EdDSAProvider implements JWSSigner {
        private final PrivateKey key;

        Signer(PrivateKey key) {
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                Signature signature = Signature.getInstance(JCA);
                signature.initSign(key);
                signature.update(signingInput);
                return Base64URL.encode(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 signing failed", e);
            }
        }
    }

    /** Verifies with a JDK Ed25519 public key. */
    private static final class Verifier extends EdDSAProvider implements JWSVerifier {
        private final PublicKey key;

        Verifier(PublicKey key) {
            this.key = key;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) throws JOSEException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance(JCA);
                verifier.initVerify(key);
                verifier.update(signedContent);
                return verifier.verify(signature.decode());
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }
}
