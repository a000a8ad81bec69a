package io.bankbridge.accountdata;

import static io.bankbridge.accountdata.RevocationTest.publish;
import static io.bankbridge.accountdata.StaleViewTest.awaitView;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection narrowed in the Security Center ({@code consent.updated} on the real broker, or consent-service's
 * answer while the view is stale): the removed account is gone (404), the removed cluster refused (403), and the
 * provider's existing token keeps working for the rest. A renewal's update moves the expiry the view holds.
 */
@QuarkusTest
class NarrowingTest {

    private static final List<String> BOTH = List.of("ACCOUNT_BASIC", "TRANSACTIONS");
    private static final String KEPT = "/fdx/v6/accounts/ACC-C-0001-1";
    private static final String REMOVED = "/fdx/v6/accounts/ACC-C-0001-2";
    private static final String KEPT_TRANSACTIONS = KEPT + "/transactions";

    private static int code(Grants grant, String path) {
        return given().auth().oauth2(grant.token()).when().get(path).then().extract().statusCode();
    }

    private static void updated(Grants grant, List<String> accounts, List<String> clusters) throws Exception {
        publish(RevocationEvent.aboutConsent("/bankbridge/consent-service", RevocationEventType.CONSENT_UPDATED,
                new RevocationData(grant.consentId(), grant.providerId(), grant.customerId(), null, Actor.CUSTOMER,
                        "narrowed", Instant.now(), accounts, clusters)));
    }

    @Test
    void aRemovedAccountIsNotFoundAndARemovedClusterRefusedWhileTheRestKeepsWorking() throws Exception {
        Grants grant = Grants.of(BOTH, "ACC-C-0001-1", "ACC-C-0001-2");
        given().auth().oauth2(grant.token()).when().get(REMOVED).then().statusCode(200);

        updated(grant, List.of("ACC-C-0001-1"), BOTH);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> code(grant, REMOVED) == 404);
        given().auth().oauth2(grant.token()).when().get(REMOVED).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(grant.token()).when().get(KEPT).then().statusCode(200);
        given().auth().oauth2(grant.token()).when().get(KEPT_TRANSACTIONS).then().statusCode(200);

        updated(grant, List.of("ACC-C-0001-1"), List.of("ACCOUNT_BASIC"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> code(grant, KEPT_TRANSACTIONS) == 403);
        given().auth().oauth2(grant.token()).when().get(KEPT_TRANSACTIONS).then().statusCode(403)
                .header("WWW-Authenticate", containsString("insufficient_scope"));
        given().auth().oauth2(grant.token()).when().get(KEPT).then().statusCode(200);
    }

    @Test
    void aRenewalsNewExpiryInTheUpdateKeepsTheTokensWorkingPastTheOldOne() throws Exception {
        Grants grant = Grants.of(BOTH, "ACC-C-0001-1");
        // The view first learns an expiry that has just passed (the expiry job has not marked the consent yet).
        ConsentServiceStandIn.setExpiresAt(grant.consentId(), Instant.now().minusSeconds(1));
        given().auth().oauth2(grant.token()).when().get(KEPT).then().statusCode(401);

        publish(RevocationEvent.aboutConsent("/bankbridge/consent-service", RevocationEventType.CONSENT_UPDATED,
                new RevocationData(grant.consentId(), grant.providerId(), grant.customerId(), null, Actor.CUSTOMER,
                        "renewed", Instant.now(), List.of("ACC-C-0001-1"), BOTH, Instant.now().plus(Duration.ofDays(30)))));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> code(grant, KEPT) == 200);
        given().auth().oauth2(grant.token()).when().get(KEPT_TRANSACTIONS).then().statusCode(200);
    }

    @Test
    void whileTheViewIsStaleConsentServicesNarrowedStateDecides() {
        Grants grant = Grants.of(BOTH, "ACC-C-0001-1", "ACC-C-0001-2");
        awaitView("fresh", Duration.ofSeconds(30));
        given().auth().oauth2(grant.token()).when().get(REMOVED).then().statusCode(200);

        KafkaBrokerResource.broker().freeze();
        try {
            awaitView("stale", Duration.ofSeconds(10));
            // Narrowed at consent-service while no event can arrive.
            ConsentServiceStandIn.setGrant(grant.consentId(), List.of("ACCOUNT_BASIC"), List.of("ACC-C-0001-1"));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> code(grant, REMOVED) == 404 && code(grant, KEPT_TRANSACTIONS) == 403);
            given().auth().oauth2(grant.token()).when().get(KEPT).then().statusCode(200);
        } finally {
            KafkaBrokerResource.broker().thaw();
        }
        awaitView("fresh", Duration.ofSeconds(30));
    }
}
