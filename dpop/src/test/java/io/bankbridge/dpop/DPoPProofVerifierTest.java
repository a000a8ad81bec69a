package io.bankbridge.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DPoPProofVerifierTest {

    private static final URI TOKEN = URI.create("https://bank.example/token");
    private static final URI DATA = URI.create("https://api.bank.example/fdx/v6/accounts");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final InstantSource clock = () -> now.get();
    private final ECKey ecKey = ec();
    private final DefaultDPoPProofFactory es256 = factory(ecKey, JWSAlgorithm.ES256);

    private DPoPProofVerifier verifier(boolean nonceRequired) {
        return new DPoPProofVerifier(new ProofPolicy(List.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256),
                Duration.ofSeconds(30), nonceRequired, Duration.ofMinutes(1), KEY, 1000), clock);
    }

    @Test
    void aValidProofAtTheTokenEndpointYieldsTheKeyThumbprint() throws Exception {
        String jkt = verifier(false).verifyTokenRequest(List.of(es256.createDPoPJWT("POST", TOKEN).serialize()), TOKEN,
                "app");
        assertThat(jkt).isEqualTo(ecKey.toPublicJWK().computeThumbprint().toString());
    }

    @Test
    void noProofIsNoBinding() {
        assertThat(verifier(true).verifyTokenRequest(List.of(), TOKEN, "app")).isNull();
    }

    @Test
    void ps256ProofsPassToo() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("r").generate();
        String proof = factory(rsa, JWSAlgorithm.PS256).createDPoPJWT("POST", TOKEN).serialize();
        assertThat(verifier(false).verifyTokenRequest(List.of(proof), TOKEN, "app"))
                .isEqualTo(rsa.toPublicJWK().computeThumbprint().toString());
    }

    @Test
    void wrongMethodOrUrlIsRefused() throws Exception {
        DPoPProofVerifier verifier = verifier(false);
        assertRefused(() -> verifier.verifyTokenRequest(List.of(es256.createDPoPJWT("GET", TOKEN).serialize()), TOKEN,
                "app"), DPoPRefusal.Code.INVALID_DPOP_PROOF);
        assertRefused(() -> verifier.verifyTokenRequest(List.of(es256.createDPoPJWT("POST",
                URI.create("https://bank.example/par")).serialize()), TOKEN, "app"), DPoPRefusal.Code.INVALID_DPOP_PROOF);
    }

    @Test
    void aStaleOrFutureIatIsRefused() throws Exception {
        DPoPProofVerifier verifier = verifier(false);
        for (long offset : new long[] {-120, 120}) {
            String proof = es256.createDPoPJWT(new JWTID(), "POST", TOKEN,
                    Date.from(Instant.now().plusSeconds(offset)), null).serialize();
            assertRefused(() -> verifier.verifyTokenRequest(List.of(proof), TOKEN, "app"),
                    DPoPRefusal.Code.INVALID_DPOP_PROOF);
        }
    }

    @Test
    void aProofIsAcceptedOnce() throws Exception {
        DPoPProofVerifier verifier = verifier(false);
        String proof = es256.createDPoPJWT("POST", TOKEN).serialize();
        verifier.verifyTokenRequest(List.of(proof), TOKEN, "app");
        assertRefused(() -> verifier.verifyTokenRequest(List.of(proof), TOKEN, "app"), DPoPRefusal.Code.INVALID_DPOP_PROOF);
    }

    @Test
    void atTheReplayBoundANewProofIsRefusedAndNoRememberedOneIsForgotten() throws Exception {
        DPoPProofVerifier verifier = new DPoPProofVerifier(new ProofPolicy(List.of(JWSAlgorithm.ES256),
                Duration.ofSeconds(30), false, Duration.ofMinutes(1), KEY, 3), clock);
        List<String> accepted = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String proof = es256.createDPoPJWT("POST", TOKEN).serialize();
            verifier.verifyTokenRequest(List.of(proof), TOKEN, "app");
            accepted.add(proof);
        }
        String token = "eyJ.token.value";
        String jkt = ecKey.toPublicJWK().computeThumbprint().toString();
        DPoPRefusal full = refusal(() -> verifier.verifyTokenRequest(
                List.of(es256.createDPoPJWT("POST", TOKEN).serialize()), TOKEN, "app"));
        assertThat(full.code()).isEqualTo(DPoPRefusal.Code.INVALID_DPOP_PROOF);
        assertThat(full.description()).contains("too many DPoP proofs");
        assertRefused(() -> verifier.verifyResourceRequest(List.of(es256.createDPoPJWT("GET", DATA,
                new DPoPAccessToken(token)).serialize()), "GET", DATA, "app", token, jkt), DPoPRefusal.Code.INVALID_DPOP_PROOF);
        for (String proof : accepted) {
            assertThat(refusal(() -> verifier.verifyTokenRequest(List.of(proof), TOKEN, "app")).description())
                    .contains("jti was used before");
        }

        // Remembered for twice the iat window and a second: past that, the room is there again.
        now.set(now.get().plusSeconds(62));
        verifier.verifyTokenRequest(List.of(es256.createDPoPJWT("POST", TOKEN).serialize()), TOKEN, "app");
    }

    @Test
    void aResourceProofOfAnotherKeyTakesNoPlaceInTheReplayMemory() throws Exception {
        DPoPProofVerifier verifier = new DPoPProofVerifier(new ProofPolicy(List.of(JWSAlgorithm.ES256),
                Duration.ofSeconds(30), false, Duration.ofMinutes(1), KEY, 1), clock);
        String token = "eyJ.token.value";
        String jkt = ecKey.toPublicJWK().computeThumbprint().toString();
        DefaultDPoPProofFactory stranger = factory(ec(), JWSAlgorithm.ES256);
        DPoPRefusal refused = refusal(() -> verifier.verifyResourceRequest(List.of(stranger.createDPoPJWT("GET", DATA,
                new DPoPAccessToken(token)).serialize()), "GET", DATA, "app", token, jkt));
        assertThat(refused.code()).isEqualTo(DPoPRefusal.Code.INVALID_DPOP_PROOF);
        assertThat(refused.description()).contains("not the key the access token is bound to");

        // The bound is one proof: the holder's proof still finds its place.
        verifier.verifyResourceRequest(List.of(es256.createDPoPJWT("GET", DATA, new DPoPAccessToken(token)).serialize()),
                "GET", DATA, "app", token, jkt);
    }

    @Test
    void twoProofsASymmetricAlgorithmOrAPrivateKeyInTheHeaderAreRefused() throws Exception {
        DPoPProofVerifier verifier = verifier(false);
        assertRefused(() -> verifier.verifyTokenRequest(List.of(es256.createDPoPJWT("POST", TOKEN).serialize(),
                es256.createDPoPJWT("POST", TOKEN).serialize()), TOKEN, "app"), DPoPRefusal.Code.INVALID_DPOP_PROOF);

        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(ecKey.toPublicJWK()).build(), claims());
        hs.sign(new MACSigner(KEY));
        assertRefused(() -> verifier.verifyTokenRequest(List.of(hs.serialize()), TOKEN, "app"),
                DPoPRefusal.Code.INVALID_DPOP_PROOF);

        // A header carrying the private key too: written by hand, Nimbus would not build it.
        String header = com.nimbusds.jose.util.Base64URL.encode(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(
                java.util.Map.of("typ", "dpop+jwt", "alg", "ES256", "jwk", ecKey.toJSONObject()))).toString();
        String input = header + "." + com.nimbusds.jose.util.Base64URL.encode(claims().toString());
        String leaky = input + "." + new ECDSASigner(ecKey).sign(new JWSHeader(JWSAlgorithm.ES256),
                input.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertRefused(() -> verifier.verifyTokenRequest(List.of(leaky), TOKEN, "app"),
                DPoPRefusal.Code.INVALID_DPOP_PROOF);

        SignedJWT untyped = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .jwk(ecKey.toPublicJWK()).build(), claims());
        untyped.sign(new ECDSASigner(ecKey));
        assertRefused(() -> verifier.verifyTokenRequest(List.of(untyped.serialize()), TOKEN, "app"),
                DPoPRefusal.Code.INVALID_DPOP_PROOF);
        assertRefused(() -> verifier.verifyTokenRequest(List.of("not.a.jwt"), TOKEN, "app"),
                DPoPRefusal.Code.INVALID_DPOP_PROOF);
    }

    @Test
    void aRequiredNonceIsAskedForThenAccepted() throws Exception {
        DPoPProofVerifier verifier = verifier(true);
        DPoPRefusal refusal = refusal(() -> verifier.verifyTokenRequest(
                List.of(es256.createDPoPJWT("POST", TOKEN).serialize()), TOKEN, "app"));
        assertThat(refusal.code()).isEqualTo(DPoPRefusal.Code.USE_DPOP_NONCE);
        assertThat(refusal.nonce()).isEqualTo(verifier.currentNonce());

        String proof = es256.createDPoPJWT("POST", TOKEN, new Nonce(refusal.nonce())).serialize();
        assertThat(verifier.verifyTokenRequest(List.of(proof), TOKEN, "app")).isNotNull();
    }

    @Test
    void aNonceOutlivesOneWindowAndNotTwo() throws Exception {
        DPoPProofVerifier verifier = verifier(true);
        // Windows are aligned to the epoch: issue the nonce at the start of one, so a window later is the next one.
        now.set(now.get().truncatedTo(ChronoUnit.MINUTES).plusMillis(500));
        String nonce = verifier.currentNonce();
        now.set(now.get().plus(Duration.ofSeconds(61)));
        assertThat(verifier.verifyTokenRequest(List.of(es256.createDPoPJWT("POST", TOKEN, new Nonce(nonce)).serialize()),
                TOKEN, "app")).isNotNull();
        now.set(now.get().plus(Duration.ofSeconds(60)));
        assertRefused(() -> verifier.verifyTokenRequest(
                List.of(es256.createDPoPJWT("POST", TOKEN, new Nonce(nonce)).serialize()), TOKEN, "app"),
                DPoPRefusal.Code.USE_DPOP_NONCE);
    }

    @Test
    void anotherReplicaWithTheSameKeyAcceptsTheNonce() throws Exception {
        String nonce = verifier(true).currentNonce();
        assertThat(verifier(true).verifyTokenRequest(
                List.of(es256.createDPoPJWT("POST", TOKEN, new Nonce(nonce)).serialize()), TOKEN, "app")).isNotNull();
        DPoPProofVerifier otherKey = new DPoPProofVerifier(new ProofPolicy(List.of(JWSAlgorithm.ES256),
                Duration.ofSeconds(30), true, Duration.ofMinutes(1), "another key, another deployment!".getBytes(), 10),
                clock);
        assertRefused(() -> otherKey.verifyTokenRequest(
                List.of(es256.createDPoPJWT("POST", TOKEN, new Nonce(nonce)).serialize()), TOKEN, "app"),
                DPoPRefusal.Code.USE_DPOP_NONCE);
    }

    @Test
    void aResourceRequestNeedsTheTokenHashAndTheBoundKey() throws Exception {
        DPoPProofVerifier verifier = verifier(false);
        String token = "eyJ.token.value";
        String jkt = ecKey.toPublicJWK().computeThumbprint().toString();
        verifier.verifyResourceRequest(List.of(es256.createDPoPJWT("GET", DATA, new DPoPAccessToken(token)).serialize()),
                "GET", URI.create(DATA + "?limit=5"), "app", token, jkt);

        assertRefused(() -> verifier.verifyResourceRequest(List.of(), "GET", DATA, "app", token, jkt),
                DPoPRefusal.Code.INVALID_DPOP_PROOF);
        assertRefused(() -> verifier.verifyResourceRequest(List.of(es256.createDPoPJWT("GET", DATA,
                        new DPoPAccessToken("another")).serialize()), "GET", DATA, "app", token, jkt),
                DPoPRefusal.Code.INVALID_DPOP_PROOF);
        String otherJkt = ec().toPublicJWK().computeThumbprint().toString();
        assertRefused(() -> verifier.verifyResourceRequest(List.of(es256.createDPoPJWT("GET", DATA,
                        new DPoPAccessToken(token)).serialize()), "GET", DATA, "app", token, otherJkt),
                DPoPRefusal.Code.INVALID_DPOP_PROOF);
    }

    @Test
    void theChallengeNamesTheErrorAndTheAlgorithms() {
        assertThat(verifier(false).challenge("invalid_token", "bound \"token\""))
                .isEqualTo("DPoP error=\"invalid_token\", error_description=\"bound \\\"token\\\"\", algs=\"ES256 PS256\"");
        assertThat(verifier(false).challenge(null, null)).isEqualTo("DPoP algs=\"ES256 PS256\"");
    }

    private static JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", "POST")
                .claim("htu", TOKEN.toString()).issueTime(new Date()).build();
    }

    private static ECKey ec() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static DefaultDPoPProofFactory factory(com.nimbusds.jose.jwk.JWK key, JWSAlgorithm alg) {
        try {
            return new DefaultDPoPProofFactory(key, alg);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A check that may throw what building a proof throws. */
    private interface Check {
        void run() throws Exception;
    }

    private static DPoPRefusal refusal(Check check) throws Exception {
        try {
            check.run();
        } catch (DPoPRefusal refusal) {
            return refusal;
        }
        throw new AssertionError("the proof passed");
    }

    private static void assertRefused(Check check, DPoPRefusal.Code code) throws Exception {
        assertThat(refusal(check).code()).isEqualTo(code);
    }
}
