package io.bankbridge.token.keys;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import io.bankbridge.token.CoreTestSecrets;
import io.bankbridge.token.TestProvider;
import io.bankbridge.token.TokenSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Changing {@code bankbridge.signing.algorithm}: an instance that starts with another algorithm than the active key's
 * rotates to a key of its algorithm, keeps the previous key published so that tokens already issued verify, and
 * instances starting after it with the same setting use that key instead of rotating again. Instances are built
 * here on the application's database, as a new deployment's replicas would start.
 */
@QuarkusTest
class SigningAlgorithmRotationTest {

    @Inject
    Pool pool;

    @Inject
    TokenSettings tokens;

    @Inject
    SigningSettings application;

    @Inject
    InstantSource clock;

    @ConfigProperty(name = "bankbridge.signing.algorithm")
    String configured;

    @AfterEach
    void backToTheConfiguredAlgorithm() {
        started(configured);
    }

    @Test
    void startingWithEdDsaRotatesToAnEd25519KeyAndOlderTokensStillVerify() throws Exception {
        SignedJWT before = SignedJWT.parse(internalToken());

        SigningKeys eddsa = started("EdDSA");
        SignedJWT after = SignedJWT.parse(eddsa.sign(JOSEObjectType.JWT, new JWTClaimsSet.Builder().subject("x").build()));

        assertEquals("EdDSA", after.getHeader().getAlgorithm().getName());
        assertNotEquals(before.getHeader().getKeyID(), after.getHeader().getKeyID());
        assertInstanceOf(OctetKeyPair.class, eddsa.publicKeys().getKeyByKeyId(after.getHeader().getKeyID()));
        assertNotNull(eddsa.publicKeys().getKeyByKeyId(before.getHeader().getKeyID()), "the previous key stays published");
        assertTrue(verifies(eddsa, before), "a token signed before the change still verifies");
        assertTrue(verifies(eddsa, after));
        assertEquals(List.of("EdDSA", configured), eddsa.algorithmsInUse().subList(0, 2));
        assertTrue(eddsa.publicKeys().getKeys().stream().noneMatch(k -> k.isPrivate()), "only public keys are published");

        SigningKeys secondReplica = started("EdDSA");
        assertEquals(after.getHeader().getKeyID(), SignedJWT.parse(secondReplica.sign(JOSEObjectType.JWT,
                new JWTClaimsSet.Builder().subject("y").build())).getHeader().getKeyID(), "no second rotation");
    }

    @Test
    void aSignatureUnderAnotherAlgorithmThanTheKeysIsRefused() throws Exception {
        SigningKeys eddsa = started("EdDSA");
        SignedJWT token = SignedJWT.parse(eddsa.sign(JOSEObjectType.JWT, new JWTClaimsSet.Builder().subject("x").build()));
        String[] parts = token.serialize().split("\\.");
        String es256Header = com.nimbusds.jose.util.Base64URL.encode(token.getHeader().toString()
                .replace("\"EdDSA\"", "\"ES256\"")).toString();
        assertTrue(!verifies(eddsa, SignedJWT.parse(es256Header + "." + parts[1] + "." + parts[2])));
    }

    /** Whether the signature verifies with the instance's published keys, whatever the token's type and claims. */
    private static boolean verifies(SigningKeys keys, SignedJWT jwt) throws JOSEException {
        ConfigurableJWTProcessor<SecurityContext> processor = keys.processor();
        processor.setJWSTypeVerifier((type, context) -> { });
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        try {
            processor.process(jwt, null);
            return true;
        } catch (BadJOSEException e) {
            return false;
        }
    }

    private SigningKeys started(String algorithm) {
        SigningKeys keys = new SigningKeys(pool, new TestSigningSettings(algorithm, Optional.empty(),
                application.encryptionKey(), true, Duration.ofSeconds(30), 2048), tokens, clock);
        keys.onStart(null);
        return keys;
    }

    private static String internalToken() {
        return given().contentType(ContentType.URLENC)
                .header("Authorization", TestProvider.basic("account-data-service", CoreTestSecrets.ACCOUNT_DATA_SERVICE))
                .formParam("grant_type", "client_credentials")
                .when().post("/token").then().statusCode(200).extract().path("access_token");
    }
}
