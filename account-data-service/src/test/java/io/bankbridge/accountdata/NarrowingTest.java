package io.bankbridge.accountdata;

import static io.bankbridge.accountdata.RevocationTest.publish;
import static io.bankbridge.accountdata.StaleViewTest.awaitView;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A connection narrowed in the Security Center ({@code consent.updated} on the real broker, or consent-service's
 * answer while the view is stale): the removed account is gone (404), the removed cluster refused (403), and the
 * provider's existing token keeps working for the rest. A renewal's update moves the expiry the view holds. A consent
 * naming a data cluster this service does not know is refused as a whole, never served with the clusters it knows.
 * An update older than the grant the view holds (by grant version) changes nothing, and one that overtakes the
 * consent's first read from consent-service is not undone by that read's answer.
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

    private static void updated(Grants grant, long grantVersion, List<String> accounts) throws Exception {
        publish(RevocationEvent.aboutConsent("/bankbridge/consent-service", RevocationEventType.CONSENT_UPDATED,
                new RevocationData(grant.consentId(), grant.providerId(), grant.customerId(), null, Actor.CUSTOMER,
                        "changed", Instant.now(), accounts, BOTH, null, grantVersion)));
    }

    /** Publishes an update and waits until the consumer has taken it, whatever it did with it. */
    private static void updatedAndTaken(Grants grant, long grantVersion, List<String> accounts) throws Exception {
        String applied = "bankbridge_revocations_consumer_applied_total";
        double before = Metrics.sum(applied);
        updated(grant, grantVersion, accounts);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> Metrics.sum(applied) > before);
    }

    @Test
    void anOlderUpdateArrivingAfterANewerOneDoesNotShareAgainWhatTheNewerRemoved() throws Exception {
        Grants grant = Grants.of(BOTH, "ACC-C-0001-1", "ACC-C-0001-2");
        given().auth().oauth2(grant.token()).when().get(REMOVED).then().statusCode(200);

        updated(grant, 3, List.of("ACC-C-0001-1"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> code(grant, REMOVED) == 404);
        // The update of an earlier change, relayed late by another consent-service replica.
        updatedAndTaken(grant, 2, List.of("ACC-C-0001-1", "ACC-C-0001-2"));
        given().auth().oauth2(grant.token()).when().get(REMOVED).then().statusCode(404);
        given().auth().oauth2(grant.token()).when().get(KEPT).then().statusCode(200);
        // The same update delivered again changes nothing either; a later one applies.
        updatedAndTaken(grant, 3, List.of("ACC-C-0001-1", "ACC-C-0001-2"));
        given().auth().oauth2(grant.token()).when().get(REMOVED).then().statusCode(404);
        updated(grant, 4, List.of("ACC-C-0001-1", "ACC-C-0001-2"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> code(grant, REMOVED) == 200);
    }

    @Test
    void aConsentFirstReadFromConsentServiceHoldsItsGrantVersionAgainstOlderUpdates() throws Exception {
        Grants grant = Grants.of(BOTH, "ACC-C-0001-1", "ACC-C-0001-2");
        // Narrowed twice before any of its tokens reached this instance; the first change's update comes late.
        ConsentServiceStandIn.setGrant(grant.consentId(), BOTH, List.of("ACC-C-0001-1", "ACC-C-0001-2"));
        long now = ConsentServiceStandIn.setGrant(grant.consentId(), BOTH, List.of("ACC-C-0001-1"));
        given().auth().oauth2(grant.token()).when().get(REMOVED).then().statusCode(404);

        updatedAndTaken(grant, now - 1, List.of("ACC-C-0001-1", "ACC-C-0001-2"));
        given().auth().oauth2(grant.token()).when().get(REMOVED).then().statusCode(404);
        given().auth().oauth2(grant.token()).when().get(KEPT).then().statusCode(200);
    }

    @Test
    void anUpdateThatOvertakesAConsentsFirstReadIsNotUndoneByThatReadsOlderAnswer() throws Exception {
        Grants grant = Grants.of(BOTH, "ACC-C-0001-1", "ACC-C-0001-2");
        CountDownLatch release = ConsentServiceStandIn.holdNextRead(grant.consentId());
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> code(grant, REMOVED));
        await().atMost(Duration.ofSeconds(10)).until(() -> ConsentServiceStandIn.reads(grant.consentId()) == 1);

        // Narrowed, and announced, while consent-service's answer from before the change is on its way.
        long version = ConsentServiceStandIn.setGrant(grant.consentId(), BOTH, List.of("ACC-C-0001-1"));
        updatedAndTaken(grant, version, List.of("ACC-C-0001-1"));
        release.countDown();
        // That request was made before the change took effect here and is answered as consent-service answered it ...
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        // ... but the answer is not kept: the next request reads the narrowed consent.
        given().auth().oauth2(grant.token()).when().get(REMOVED).then().statusCode(404);
        given().auth().oauth2(grant.token()).when().get(KEPT).then().statusCode(200);
        assertThat(ConsentServiceStandIn.reads(grant.consentId())).isEqualTo(2);
    }

    @Test
    void aRenewalsNewExpiryInTheUpdateKeepsTheTokensWorkingPastTheOldOne() throws Exception {
        Grants grant = Grants.of(BOTH, "ACC-C-0001-1");
        // Through the view and its events: while the view is stale, consent-service's word that the expiry passed
        // ends the consent for good here.
        awaitView("fresh", Duration.ofSeconds(30));
        // The view first learns an expiry that has just passed (the expiry job has not marked the consent yet).
        ConsentServiceStandIn.setExpiresAt(grant.consentId(), Instant.now().minusSeconds(1));
        given().auth().oauth2(grant.token()).when().get(KEPT).then().statusCode(401);

        publish(RevocationEvent.aboutConsent("/bankbridge/consent-service", RevocationEventType.CONSENT_UPDATED,
                new RevocationData(grant.consentId(), grant.providerId(), grant.customerId(), null, Actor.CUSTOMER,
                        "renewed", Instant.now(), List.of("ACC-C-0001-1"), BOTH, Instant.now().plus(Duration.ofDays(30)),
                        null)));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> code(grant, KEPT) == 200);
        given().auth().oauth2(grant.token()).when().get(KEPT_TRANSACTIONS).then().statusCode(200);
    }

    /** A cluster another service may know and this build does not (added on one side first). */
    private static final String NOT_KNOWN_HERE = "ACCOUNT_STATEMENTS";

    private static void refusedAsUnservable(Grants grant, String path) {
        given().auth().oauth2(grant.token()).when().get(path).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("detail", containsString("names data this service cannot serve"));
    }

    @Test
    void aConsentNamingAClusterThisServiceDoesNotKnowIsRefusedRatherThanNarrowed() {
        Grants grant = Grants.of(List.of("ACCOUNT_BASIC", NOT_KNOWN_HERE), "ACC-C-0001-1");
        refusedAsUnservable(grant, KEPT);
        // Every call under that consent, not only the unknown data's.
        refusedAsUnservable(grant, "/fdx/v6/accounts");
    }

    @Test
    void anUpdateNamingAClusterThisServiceDoesNotKnowRefusesTheConsentUntilAnUpdateItCanServe() throws Exception {
        Grants grant = Grants.of(BOTH, "ACC-C-0001-1");
        given().auth().oauth2(grant.token()).when().get(KEPT).then().statusCode(200);

        updated(grant, List.of("ACC-C-0001-1"), List.of("ACCOUNT_BASIC", "TRANSACTIONS", NOT_KNOWN_HERE));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> code(grant, KEPT) == 401);
        refusedAsUnservable(grant, KEPT_TRANSACTIONS);

        updated(grant, List.of("ACC-C-0001-1"), BOTH);
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
