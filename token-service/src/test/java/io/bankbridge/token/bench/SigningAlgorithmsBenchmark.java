package io.bankbridge.token.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.bankbridge.contract.token.AccessTokenType;
import io.bankbridge.contract.token.Audiences;
import io.bankbridge.contract.token.Claims;
import io.bankbridge.token.keys.SigningAlgorithm;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark: signing an access token of this server's shape, and verifying one, with each algorithm the server
 * can sign with (the same signers and verifiers token-service uses), one thread. Run by {@link SignatureBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningAlgorithmsBenchmark {

    private static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType(AccessTokenType.TYP);

    @Param({"PS256", "ES256", "EdDSA"})
    public String algorithm;

    private JWSHeader header;
    private JWTClaimsSet claims;
    private JWSSigner signer;
    private JWSVerifier verifier;
    private String token;

    @Setup
    public void keys() throws JOSEException {
        SigningAlgorithm alg = SigningAlgorithm.named(algorithm).orElseThrow();
        JWK key = alg.generate(2048);
        signer = alg.signer(key);
        verifier = alg.verifier(key.toPublicJWK());
        header = new JWSHeader.Builder(alg.jose()).keyID(key.getKeyID()).type(ACCESS_TOKEN).build();
        claims = new JWTClaimsSet.Builder().issuer("http://localhost:8081").subject("CUS-C-0001")
                .audience(Audiences.API).claim(Claims.CLIENT_ID, "demo-budget-app")
                .claim("scope", "ACCOUNT_BASIC ACCOUNT_DETAILED TRANSACTIONS CUSTOMER_CONTACT")
                .claim(Claims.CONSENT_ID, UUID.randomUUID().toString()).claim(Claims.GRANT_ID, UUID.randomUUID().toString())
                .claim(Claims.CONFIRMATION, Map.of(Claims.CONFIRMATION_JKT, "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"))
                .jwtID(UUID.randomUUID().toString()).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        token = sign();
    }

    /** What the token endpoint pays per access token. */
    @Benchmark
    public String sign() throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** What a resource server pays per new access token (once: it caches the verified token until exp). */
    @Benchmark
    public boolean verify() throws JOSEException, ParseException {
        if (!SignedJWT.parse(token).verify(verifier)) {
            throw new IllegalStateException("signature did not verify");
        }
        return true;
    }
}
