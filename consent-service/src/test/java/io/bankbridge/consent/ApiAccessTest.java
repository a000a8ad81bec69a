package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.internalToken;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.providerToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.bankbridge.testsupport.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may call what: the internal API only with a valid internal token, the provider API only with a provider
 * token, the customer API only with a Security Center session. One issuer signs all three kinds of token, so each
 * API must refuse the others'.
 */
@QuarkusTest
class ApiAccessTest {

    private static final Map<String, Object> NEW_CONSENT = Map.of("customerId", "CUS-C-0001", "providerId", "p",
            "providerName", "P", "dataClusters", List.of("ACCOUNT_BASIC"), "durationDays", 30);

    @Test
    void theInternalApiRefusesARequestWithoutAToken() {
        given().redirects().follow(false).contentType(ContentType.JSON).body(NEW_CONSENT).when().post("/internal/consents")
                .then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void theInternalApiRefusesAnInternalTokenWithoutTheInternalScope() {
        String token = issuer().providerToken("token-service", "token-service", null).claim("scope", "openid")
                .audience(TestIssuer.INTERNAL_AUDIENCE).sign();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(NEW_CONSENT).when().post("/internal/consents")
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString("internal"));
    }

    @Test
    void theInternalApiRefusesATokenSignedByAKeyTheIssuerDoesNotPublish() {
        String unknownKid = issuer().providerToken("token-service", "token-service", null).claim("scope", "internal")
                .audience(TestIssuer.INTERNAL_AUDIENCE).signedWith(TestIssuer.newKey("attacker-key")).sign();
        given().auth().oauth2(unknownKid).contentType(ContentType.JSON).body(NEW_CONSENT).when().post("/internal/consents")
                .then().statusCode(401);
        // Same kid as the published key, different key: the signature does not verify.
        String forged = issuer().providerToken("token-service", "token-service", null).claim("scope", "internal")
                .audience(TestIssuer.INTERNAL_AUDIENCE).signedWith(TestIssuer.newKey(issuer().key().getKeyID())).sign();
        given().auth().oauth2(forged).contentType(ContentType.JSON).body(NEW_CONSENT).when().post("/internal/consents")
                .then().statusCode(401);
    }

    @Test
    void theInternalApiRefusesAnExpiredInternalToken() {
        String expired = issuer().providerToken("token-service", "token-service", null).claim("scope", "internal")
                .audience(TestIssuer.INTERNAL_AUDIENCE).issuedAt(Instant.now().minusSeconds(3600))
                .expiresAt(Instant.now().minusSeconds(1800)).sign();
        given().auth().oauth2(expired).when().get("/internal/consents/" + authorized(newCustomer(), "p"))
                .then().statusCode(401);
    }

    @Test
    void theInternalApiRefusesAProviderToken() {
        String id = authorized(newCustomer(), "p");
        given().auth().oauth2(providerToken("CUS-C-0001", "p", id)).when().get("/internal/consents/" + id)
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    void anIdTokenOrOtherJwtSignedByTheIssuerIsNotAnAccessToken() {
        String id = authorized(newCustomer(), "p");
        for (String typ : new String[] {"JWT", null}) {
            String notAnAccessToken = issuer().providerToken("CUS-C-0001", "p", id, "ACCOUNT_BASIC").type(typ).sign();
            given().auth().oauth2(notAnAccessToken).when().get("/consents/" + id)
                    .then().statusCode(401).contentType("application/problem+json");
        }
        String internal = issuer().providerToken("token-service", "token-service", null).claim("scope", "internal")
                .audience(TestIssuer.INTERNAL_AUDIENCE).type("JWT").sign();
        given().auth().oauth2(internal).when().get("/internal/consents/" + id).then().statusCode(401);
        // the same token with typ at+jwt is accepted: what is refused above is only the type
        given().auth().oauth2(providerToken("CUS-C-0001", "p", id)).when().get("/consents/" + id).then().statusCode(200);
    }

    @Test
    void theProviderApiRefusesAnInternalToken() {
        String id = authorized(newCustomer(), "p");
        given().auth().oauth2(internalToken()).when().get("/consents/" + id)
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(internalToken()).when().delete("/consents/" + id)
                .then().statusCode(401);
    }

    @Test
    void theProviderApiRefusesARequestWithoutAToken() {
        given().redirects().follow(false).when().get("/consents/" + authorized(newCustomer(), "p"))
                .then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void theCustomerApiDoesNotAcceptAProviderTokenWhoseSubjectIsTheCustomer() {
        String customer = newCustomer();
        String id = authorized(customer, "p");
        // A provider token names the customer as its subject; it must not open the customer's Security Center.
        given().auth().oauth2(providerToken(customer, "p", id)).redirects().follow(false)
                .when().get("/me/consents")
                .then().statusCode(not(equalTo(200)))
                .body(not(containsString(id)));
    }
}
