package io.bankbridge.token.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: signing and verifying an access token of this server's shape with PS256 (RSA 2048) and
 * ES256 (P-256) on the running JDK, one thread. Prints operations per second; asserts nothing. Run with
 * {@code ./mvnw -B verify -pl token-service -am -Pbench -Dtest=SignatureBench -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}.
 */
@Tag("bench")
class SignatureBench {

    private static final long MEASURE_NANOS = Long.getLong("bench.seconds", 5) * 1_000_000_000L;

    @Test
    void printPs256AndEs256SignAndVerifyRates() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://localhost:8081").subject("CUS-C-0001")
                .audience("bankbridge-api").claim("client_id", "demo-budget-app").claim("scope", "ACCOUNT_BASIC TRANSACTIONS")
                .claim("consent_id", UUID.randomUUID().toString()).claim("grant_id", UUID.randomUUID().toString())
                .jwtID(UUID.randomUUID().toString()).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build();

        System.out.printf("%nJDK %s, %s, 1 thread, access token of %d claim bytes%n", Runtime.version(),
                System.getProperty("os.arch"), claims.toString().length());
        run("PS256", JWSAlgorithm.PS256, new RSASSASigner(rsa), new RSASSAVerifier(rsa.toPublicJWK()), claims);
        run("ES256", JWSAlgorithm.ES256, new ECDSASigner(ec), new ECDSAVerifier(ec.toPublicJWK()), claims);
    }

    private static void run(String name, JWSAlgorithm alg, JWSSigner signer, JWSVerifier verifier, JWTClaimsSet claims)
            throws JOSEException {
        // Warm-up, then measure for a fixed time each.
        measureSign(alg, signer, claims, MEASURE_NANOS / 2);
        double signs = measureSign(alg, signer, claims, MEASURE_NANOS);
        SignedJWT token = sign(alg, signer, claims);
        measureVerify(token, verifier, MEASURE_NANOS / 2);
        double verifies = measureVerify(token, verifier, MEASURE_NANOS);
        System.out.printf("%s  sign %,10.0f /s (%.3f ms)   verify %,10.0f /s (%.3f ms)%n", name, signs, 1000 / signs,
                verifies, 1000 / verifies);
    }

    private static double measureSign(JWSAlgorithm alg, JWSSigner signer, JWTClaimsSet claims, long nanos)
            throws JOSEException {
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() - start < nanos) {
            sign(alg, signer, claims);
            count++;
        }
        return count * 1e9 / (System.nanoTime() - start);
    }

    private static double measureVerify(SignedJWT token, JWSVerifier verifier, long nanos) throws JOSEException {
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() - start < nanos) {
            if (!token.verify(verifier)) {
                throw new IllegalStateException("signature did not verify");
            }
            count++;
        }
        return count * 1e9 / (System.nanoTime() - start);
    }

    private static SignedJWT sign(JWSAlgorithm alg, JWSSigner signer, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID("k").build(), claims);
        jwt.sign(signer);
        return jwt;
    }
}
