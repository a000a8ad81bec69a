package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventCodec;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Revocations reach the data API through real CloudEvents on the real broker: a still-valid JWT is refused once its
 * consent is revoked or expired, its jti revoked, or its provider suspended.
 */
@QuarkusTest
class RevocationTest {

    private static final String PATH = "/fdx/v6/accounts/ACC-C-0001-1/transactions";
    private static final List<String> CLUSTERS = List.of("TRANSACTIONS");

    static void publish(RevocationEvent event) throws Exception {
        Map<String, Object> props = Map.of("bootstrap.servers", KafkaBrokerResource.broker().bootstrapServers(),
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName(),
                "acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>("bankbridge.revocations", event.key(), RevocationEventCodec.encode(event)))
                    .get();
        }
    }

    /** Polls until the token is refused (the event travels asynchronously); fails after 20 s. */
    private static void awaitRefused(String token, String detail) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        int status = 0;
        while (Instant.now().isBefore(deadline)) {
            status = given().auth().oauth2(token).when().get(PATH).then().extract().statusCode();
            if (status == 401) {
                given().auth().oauth2(token).when().get(PATH).then().statusCode(401)
                        .contentType("application/problem+json")
                        .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                        .body("detail", containsString(detail));
                return;
            }
            Thread.sleep(100);
        }
        org.junit.jupiter.api.Assertions.fail("token still answered " + status);
    }

    static RevocationData data(Grants grant, String tokenId) {
        return new RevocationData(grant.consentId(), grant.providerId(), grant.customerId(), tokenId, Actor.CUSTOMER,
                "test", Instant.now());
    }

    @Test
    void aRevokedConsentIsRefusedWhileItsJwtIsStillValid() throws Exception {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        given().auth().oauth2(grant.token()).when().get(PATH).then().statusCode(200);
        publish(RevocationEvent.aboutConsent("/bankbridge/consent-service", RevocationEventType.CONSENT_REVOKED,
                data(grant, null)));
        awaitRefused(grant.token(), "revoked");
        String fresh = grant.another(CLUSTERS).sign();
        given().auth().oauth2(fresh).when().get(PATH).then().statusCode(401);
    }

    @Test
    void anExpiredConsentIsRefused() throws Exception {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        given().auth().oauth2(grant.token()).when().get(PATH).then().statusCode(200);
        publish(RevocationEvent.aboutConsent("/bankbridge/consent-service", RevocationEventType.CONSENT_EXPIRED,
                data(grant, null)));
        awaitRefused(grant.token(), "expired");
    }

    @Test
    void aRevokedTokenIsRefusedWhileOtherTokensOfTheConsentStillWork() throws Exception {
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        String other = grant.another(CLUSTERS).sign();
        String jti = com.nimbusds.jwt.SignedJWT.parse(grant.token()).getJWTClaimsSet().getJWTID();
        given().auth().oauth2(grant.token()).when().get(PATH).then().statusCode(200);
        publish(RevocationEvent.aboutConsent("/bankbridge/token-service", RevocationEventType.TOKEN_REVOKED,
                data(grant, jti)));
        awaitRefused(grant.token(), "revoked");
        given().auth().oauth2(other).when().get(PATH).then().statusCode(200);
    }

    @Test
    void aSuspendedProviderTokensIssuedBeforeTheSuspensionAreRefused() throws Exception {
        Grants grant = Grants.of("CUS-C-0001", "suspended-app", CLUSTERS, "ACC-C-0001-1");
        given().auth().oauth2(grant.token()).when().get(PATH).then().statusCode(200);
        Instant effectiveAt = Instant.now();
        publish(RevocationEvent.aboutProvider("/bankbridge/token-service", RevocationEventType.PROVIDER_SUSPENDED,
                new RevocationData(null, "suspended-app", null, null, Actor.BANK, "test", effectiveAt)));
        awaitRefused(grant.token(), "suspended");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), effectiveAt.plusMillis(1100)).toMillis()));
        String later = grant.another(CLUSTERS).sign();
        given().auth().oauth2(later).when().get(PATH).then().statusCode(200);
    }
}
