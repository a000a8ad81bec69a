package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.PROVIDER;
import static io.bankbridge.consent.ConsentFixtures.PROVIDER_NAME;
import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.decideToken;
import static io.bankbridge.consent.ConsentFixtures.internalGet;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.providerToken;
import static io.bankbridge.consent.ConsentFixtures.readToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.bankbridge.testsupport.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Signed consent receipts: one per history entry, stating the entry and the grant's state right after it, signed by
 * token-service (here {@link ReceiptSignerStandIn}) and verifiable against its JWKS; for the provider of the grant
 * and for the customer who owns it, nobody else.
 */
@QuarkusTest
class ReceiptTest {

    private static final Pattern RECEIPT_LINK = Pattern.compile("href=\"(/security-center/connections/[^\"]+/receipts/\\d+)\"");

    @TestHTTPResource("/")
    URI base;
    @Inject
    Pool pool;

    @AfterEach
    void signerBack() {
        ReceiptSignerStandIn.down(false);
    }

    private Browser signedIn(String customer) {
        issuer().signInAs(customer);
        return new Browser(base);
    }

    /** The receipt's claims, once its signature verified with the key the signer publishes (fetched over HTTP). */
    private static JWTClaimsSet verified(String jws) throws Exception {
        assertThat(verifies(jws)).as("signature against the published key").isTrue();
        SignedJWT jwt = SignedJWT.parse(jws);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("consent-receipt+jwt");
        return jwt.getJWTClaimsSet();
    }

    private static boolean verifies(String jws) throws Exception {
        JWKSet keys = JWKSet.parse(given().when().get(ReceiptSignerStandIn.jwksUrl()).then().statusCode(200).extract().asString());
        SignedJWT jwt = SignedJWT.parse(jws);
        var key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        return key != null && jwt.verify(new ECDSAVerifier(key.toECKey()));
    }

    private static JsonPath receipts(String customer, String provider, String id) {
        return given().auth().oauth2(providerToken(customer, provider, id)).when().get("/consents/" + id + "/receipts")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    private static String receipt(String customer, String id, int entry) {
        return given().auth().oauth2(providerToken(customer, PROVIDER, id)).when().get("/consents/" + id + "/receipts/" + entry)
                .then().statusCode(200).contentType("application/jwt").extract().asString();
    }

    @Test
    void everyChangeHasASignedReceiptAndTheNewestStatesTheCurrentGrant() throws Exception {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        Browser browser = signedIn(customer);
        Response page = browser.follow("/security-center/connections/" + id);
        assertThat(browser.post("/security-center/connections/" + id + "/narrow", "account", "ACC-2").statusCode()).isEqualTo(303);
        given().auth().oauth2(decideToken()).contentType(ContentType.JSON)
                .body(Map.of("action", "REPLACE", "providerId", PROVIDER, "dataClusters", List.of("ACCOUNT_BASIC"),
                        "accountIds", List.of("ACC-1"), "durationDays", 30))
                .when().post("/internal/consents/" + id + "/amend").then().statusCode(200);
        given().auth().oauth2(providerToken(customer, PROVIDER, id)).when().delete("/consents/" + id).then().statusCode(204);

        JsonPath list = receipts(customer, PROVIDER, id);
        assertThat(list.getList("event", String.class))
                .containsExactly("CREATED", "AUTHORIZED", "NARROWED", "REPLACED", "RENEWED", "REVOKED");
        assertThat(list.getList("entry", Integer.class)).containsExactly(1, 2, 3, 4, 5, 6);

        assertThat(ReceiptSignerStandIn.askedWith()).as("the signer is asked with a token for receipts only")
                .containsExactly("internal.receipts.sign");

        JWTClaimsSet created = verified(list.getString("[0].receipt"));
        assertThat(created.getStringClaim("grant_id")).isEqualTo(id);
        assertThat(created.getLongClaim("entry")).isEqualTo(1);
        assertThat(created.getStringClaim("action")).isEqualTo("CREATED");
        assertThat(created.getStringClaim("actor")).isEqualTo("PROVIDER");
        assertThat(created.getStringClaim("status")).isEqualTo("AWAITING_AUTHORIZATION");
        assertThat(created.getStringListClaim("accounts")).isEmpty();
        assertThat(created.getClaim("expires_at")).isNull();
        assertThat(created.getJSONObjectClaim("provider")).isEqualTo(Map.of("client_id", PROVIDER, "name", PROVIDER_NAME));

        JWTClaimsSet authorizedReceipt = verified(list.getString("[1].receipt"));
        assertThat(authorizedReceipt.getStringClaim("action")).isEqualTo("AUTHORIZED");
        assertThat(authorizedReceipt.getStringClaim("actor")).isEqualTo("CUSTOMER");
        assertThat(authorizedReceipt.getStringClaim("status")).isEqualTo("AUTHORIZED");
        assertThat(authorizedReceipt.getStringListClaim("accounts"))
                .containsExactly(AccountDataStandIn.CARD, AccountDataStandIn.SAVINGS);
        assertThat(authorizedReceipt.getStringListClaim("data_clusters")).containsExactly("ACCOUNT_BASIC", "TRANSACTIONS");
        Instant granted = Instant.parse(authorizedReceipt.getStringClaim("granted_at"));
        assertThat(Instant.parse(authorizedReceipt.getStringClaim("expires_at"))).isEqualTo(granted.plus(Duration.ofDays(90)));
        assertThat(authorizedReceipt.getStringClaim("action_at")).isEqualTo(granted.toString());

        JWTClaimsSet narrowed = verified(list.getString("[2].receipt"));
        assertThat(narrowed.getStringClaim("action")).isEqualTo("NARROWED");
        assertThat(narrowed.getStringListClaim("accounts")).containsExactly(AccountDataStandIn.CARD);
        assertThat(narrowed.getStringListClaim("data_clusters")).containsExactly("ACCOUNT_BASIC", "TRANSACTIONS");
        assertThat(narrowed.getStringClaim("expires_at")).isEqualTo(authorizedReceipt.getStringClaim("expires_at"));

        JWTClaimsSet renewed = verified(list.getString("[4].receipt"));
        assertThat(renewed.getStringClaim("action")).isEqualTo("RENEWED");
        assertThat(renewed.getStringListClaim("data_clusters")).containsExactly("ACCOUNT_BASIC");
        Instant renewedAt = Instant.parse(renewed.getStringClaim("granted_at"));
        assertThat(renewedAt).isAfterOrEqualTo(granted);
        assertThat(Instant.parse(renewed.getStringClaim("expires_at"))).isEqualTo(renewedAt.plus(Duration.ofDays(30)));
        assertThat(verified(list.getString("[3].receipt")).getStringClaim("action")).isEqualTo("REPLACED");

        JsonPath now = internalGet(id);
        JWTClaimsSet newest = verified(receipt(customer, id, 6));
        assertThat(newest.getStringClaim("action")).isEqualTo("REVOKED");
        assertThat(newest.getStringClaim("actor")).isEqualTo("PROVIDER");
        assertThat(newest.getStringClaim("status")).isEqualTo(now.getString("status")).isEqualTo("REVOKED");
        assertThat(newest.getStringListClaim("data_clusters")).isEqualTo(now.getList("dataClusters", String.class));
        assertThat(newest.getStringListClaim("accounts")).containsExactly(AccountDataStandIn.CARD);
        assertThat(Instant.parse(newest.getStringClaim("expires_at"))).isEqualTo(Instant.parse(now.getString("expiresAt")));
        assertThat(newest.getStringClaim("action_at")).isEqualTo(Instant.parse(now.getString("revokedAt")).toString());
    }

    @Test
    void aReceiptWithOneClaimChangedNoLongerVerifies() throws Exception {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        String jws = receipt(customer, id, 2);
        String[] parts = jws.split("\\.");
        String claims = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8);
        String forged = claims.replace("\"ACCOUNT_BASIC\"", "\"ACCOUNT_BASIX\"");
        assertThat(forged).isNotEqualTo(claims);

        assertThat(verifies(jws)).isTrue();
        assertThat(verifies(parts[0] + "." + Base64URL.encode(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]))
                .isFalse();
    }

    @Test
    void aProviderReachesOnlyTheReceiptsOfItsOwnGrants() {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        String other = providerToken(customer, "lender-app", id);

        given().auth().oauth2(other).when().get("/consents/" + id + "/receipts").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other).when().get("/consents/" + id + "/receipts/1").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(providerToken(customer, PROVIDER, id)).when().get("/consents/" + UUID.randomUUID() + "/receipts/1")
                .then().statusCode(404);
    }

    @Test
    void anEntryThatDoesNotExistHasNoReceipt() {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        String token = providerToken(customer, PROVIDER, id);
        for (String entry : List.of("0", "3", "-1")) {
            given().auth().oauth2(token).when().get("/consents/" + id + "/receipts/" + entry).then()
                    .statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void anEntryRecordedBeforeReceiptsWereKeptGetsA404AndNoInventedReceipt() {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        // A line as the service wrote them before receipts were kept: no state with it.
        pool.preparedQuery("INSERT INTO consent_history (consent_id, at, event, actor, detail) VALUES ($1, now(), 'AUTHORIZED', "
                        + "'CUSTOMER', 'before receipts')")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10));
        String token = providerToken(customer, PROVIDER, id);

        given().auth().oauth2(token).when().get("/consents/" + id + "/receipts/3").then()
                .statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no receipt for entries recorded before receipts were kept"));
        JsonPath list = receipts(customer, PROVIDER, id);
        assertThat(list.getList("entry", Integer.class)).containsExactly(1, 2, 3);
        assertThat(list.getString("[1].receipt")).isNotBlank();
        assertThat(list.getMap("[2]")).doesNotContainKey("receipt");
    }

    @Test
    void theReceiptApiNeedsAProvidersToken() {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        for (String path : List.of("/consents/" + id + "/receipts", "/consents/" + id + "/receipts/1")) {
            given().when().get(path).then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
            given().auth().oauth2("not-a-token").when().get(path).then().statusCode(401);
            given().auth().oauth2(readToken()).when().get(path).then().statusCode(403)
                    .header("WWW-Authenticate", containsString("insufficient_scope"));
            given().auth().oauth2(issuer().internalToken("consent-service", "internal.receipts.sign")).when().get(path)
                    .then().statusCode(403);
        }
    }

    @Test
    void theSignerBeingDownIs503NotAnError() {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        Browser browser = signedIn(customer);
        ReceiptSignerStandIn.down(true);

        given().auth().oauth2(providerToken(customer, PROVIDER, id)).when().get("/consents/" + id + "/receipts/1").then()
                .statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("unable to process your request at this time"));
        given().auth().oauth2(providerToken(customer, PROVIDER, id)).when().get("/consents/" + id + "/receipts").then()
                .statusCode(503).contentType("application/problem+json");
        Response download = browser.follow("/security-center/connections/" + id + "/receipts/1");
        assertThat(download.statusCode()).isEqualTo(503);
        assertThat(download.header("Content-Type")).startsWith("text/html");
        assertThat(download.asString()).contains("unable to process your request at this time");
    }

    @Test
    void theOwnerDownloadsEachHistoryLinesReceiptFromTheConnectionPage() throws Exception {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        Browser browser = signedIn(customer);

        Response page = browser.follow("/security-center/connections/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.asString()).contains("Download receipt");
        Matcher links = RECEIPT_LINK.matcher(page.asString());
        List<String> hrefs = links.results().map(m -> m.group(1)).toList();
        assertThat(hrefs).containsExactly("/security-center/connections/" + id + "/receipts/1",
                "/security-center/connections/" + id + "/receipts/2");

        Response download = browser.follow(hrefs.get(1));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("application/jwt");
        assertThat(download.header("Content-Disposition")).startsWith("attachment");
        JWTClaimsSet claims = verified(download.asString().strip());
        assertThat(claims.getStringClaim("grant_id")).isEqualTo(id);
        assertThat(claims.getStringClaim("action")).isEqualTo("AUTHORIZED");
        assertThat(claims.getStringListClaim("accounts")).containsExactly(AccountDataStandIn.CARD, AccountDataStandIn.SAVINGS);
    }

    @Test
    void anotherCustomerCannotDownloadTheReceipt() {
        String id = authorized(newCustomer(), PROVIDER);
        Browser stranger = signedIn(newCustomer());

        Response download = stranger.follow("/security-center/connections/" + id + "/receipts/1");
        assertThat(download.statusCode()).isEqualTo(404);
        assertThat(download.header("Content-Type")).startsWith("text/html");
        assertThat(download.asString()).doesNotContain("eyJ");
    }

    @Test
    void theDownloadNeedsASecurityCenterSession() {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        given().redirects().follow(false).when().get("/security-center/connections/" + id + "/receipts/1").then()
                .statusCode(302);
        given().redirects().follow(false).auth().oauth2(providerToken(customer, PROVIDER, id))
                .when().get("/security-center/connections/" + id + "/receipts/1").then()
                .statusCode(not(equalTo(200))).body(not(containsString("eyJ")));
    }
}
