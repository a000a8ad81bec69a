package io.bankbridge.token.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * EdDSA tokens are signed and verified by Bouncy Castle here while every resource server verifies them with another
 * implementation (the JDK's, through quarkus-oidc): the two must agree byte for byte, as RFC 8032 makes Ed25519
 * deterministic.
 */
class Ed25519KeysTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final JWSHeader HEADER = new JWSHeader(JWSAlgorithm.EdDSA);

    /** RFC 8032, 7.1, TEST 2: the one-byte message 0x72. */
    @Test
    void signsTheRfc8032TestVector() throws Exception {
        OctetKeyPair key = new OctetKeyPair.Builder(Curve.Ed25519,
                Base64URL.encode(HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")))
                .d(Base64URL.encode(HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")))
                .build();
        byte[] message = HEX.parseHex("72");

        Base64URL signature = Ed25519Keys.signer(key).sign(HEADER, message);

        assertThat(HEX.formatHex(signature.decode())).isEqualTo("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223eb"
                + "db69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        assertThat(Ed25519Keys.verifier(Ed25519Keys.publicKey(key)).verify(HEADER, message, signature)).isTrue();
    }

    @Test
    void aSignatureHereIsTheJdksAndEachVerifiesTheOther() throws Exception {
        OctetKeyPair key = Ed25519Keys.generate(JWSAlgorithm.EdDSA);
        byte[] input = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJjdXN0b21lciJ9".getBytes(StandardCharsets.US_ASCII);

        Base64URL ours = Ed25519Keys.signer(key).sign(HEADER, input);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8(key.getDecodedD()))));
        jdk.update(input);
        byte[] theirs = jdk.sign();

        assertThat(ours.decode()).isEqualTo(theirs);
        Signature check = Signature.getInstance("Ed25519");
        check.initVerify(Ed25519Keys.publicKey(key));
        check.update(input);
        assertThat(check.verify(ours.decode())).isTrue();
    }

    @Test
    void refusesAnAlteredInputAnotherKeysSignatureAndAnotherAlgorithm() throws Exception {
        OctetKeyPair key = Ed25519Keys.generate(JWSAlgorithm.EdDSA);
        OctetKeyPair other = Ed25519Keys.generate(JWSAlgorithm.EdDSA);
        byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
        Base64URL signature = Ed25519Keys.signer(key).sign(HEADER, input);
        var verifier = Ed25519Keys.verifier(Ed25519Keys.publicKey(key));

        assertThat(verifier.verify(HEADER, "header.payloaD".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
        assertThat(verifier.verify(HEADER, input, Ed25519Keys.signer(other).sign(HEADER, input))).isFalse();
        assertThat(verifier.verify(new JWSHeader(JWSAlgorithm.ES256), input, signature)).isFalse();
    }

    /** PKCS#8 v1 for id-Ed25519 around the seed, as the JDK reads a private key. */
    private static byte[] pkcs8(byte[] seed) {
        return HEX.parseHex("302e020100300506032b657004220420" + HEX.formatHex(seed));
    }
}
