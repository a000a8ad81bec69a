package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.INTERNAL_SCOPES;
import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.providerToken;
import static io.bankbridge.consent.ConsentFixtures.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.bankbridge.consent.security.Access;
import io.bankbridge.contract.token.Audiences;
import io.bankbridge.testsupport.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may call what: the internal API only with a valid internal token holding the operation's capability, the
 * provider API only with a provider token, the customer API only with a Security Center session. One issuer signs
 * every kind of token, so each API must refuse the others'.
 */
@QuarkusTest
class ApiAccessTest {

    /** A decision every test here expects to be refused: nothing is ever recorded under its key. */
    private static final Map<String, Object> DECISION = ConsentFixtures.approval("refused-decision", "CUS-C-0001", "p", 30);
    private static final String NO_CREDENTIALS = "Bearer realm=\"bankbridge\"";
    private static final String INVALID_TOKEN = "Bearer realm=\"bankbridge\", error=\"invalid_token\"";

    /** An internal client's token with every internal capability there is. */
    private static String everyInternalCapability() {
        return issuer().internalToken("token-service", INTERNAL_SCOPES.toArray(String[]::new));
    }

    @Test
    void theInternalApiRefusesARequestWithoutAToken() {
        given().redirects().follow(false).contentType(ContentType.JSON).body(DECISION).when().post("/internal/consents/decisions")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo(NO_CREDENTIALS));
    }

    @Test
    void theInternalApiRefusesAnInternalTokenWithoutTheOperationsCapability() {
        String token = issuer().providerToken("token-service", "token-service", null).claim("scope", "openid")
                .audience(Audiences.INTERNAL).sign();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(DECISION).when().post("/internal/consents/decisions")
                .then().statusCode(403).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .body("detail", containsString(Access.CONSENTS_DECIDE));
    }

    @Test
    void theInternalApiRefusesATokenSignedByAKeyTheIssuerDoesNotPublish() {
        String unknownKid = issuer().providerToken("token-service", "token-service", null).claim("scope", Access.CONSENTS_DECIDE)
                .audience(Audiences.INTERNAL).signedWith(TestIssuer.newKey("attacker-key")).sign();
        given().auth().oauth2(unknownKid).contentType(ContentType.JSON).body(DECISION).when().post("/internal/consents/decisions")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo(INVALID_TOKEN));
        // Same kid as the published key, different key: the signature does not verify.
        String forged = issuer().providerToken("token-service", "token-service", null).claim("scope", Access.CONSENTS_DECIDE)
                .audience(Audiences.INTERNAL).signedWith(TestIssuer.newKey(issuer().key().getKeyID())).sign();
        given().auth().oauth2(forged).contentType(ContentType.JSON).body(DECISION).when().post("/internal/consents/decisions")
                .then().statusCode(401).header("WWW-Authenticate", equalTo(INVALID_TOKEN));
    }

    @Test
    void theInternalApiRefusesAnExpiredInternalToken() {
        String expired = issuer().providerToken("token-service", "token-service", null).claim("scope", Access.CONSENTS_READ)
                .audience(Audiences.INTERNAL).issuedAt(Instant.now().minusSeconds(3600))
                .expiresAt(Instant.now().minusSeconds(1800)).sign();
        given().auth().oauth2(expired).when().get("/internal/consents/" + authorized(newCustomer(), "p"))
                .then().statusCode(401).header("WWW-Authenticate", equalTo(INVALID_TOKEN));
    }

    /** A provider token is a valid access token of this issuer, but grants no internal capability. */
    @Test
    void theInternalApiRefusesAProviderToken() {
        String id = authorized(newCustomer(), "p");
        given().auth().oauth2(providerToken("CUS-C-0001", "p", id)).when().get("/internal/consents/" + id)
                .then().statusCode(403).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
        given().auth().oauth2(providerToken("CUS-C-0001", "p", id)).contentType(ContentType.JSON).body(DECISION)
                .when().post("/internal/consents/decisions")
                .then().statusCode(403).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
    }

    @Test
    void anInternalScopeInAProviderTokenGrantsNothingInternal() {
        String id = authorized(newCustomer(), "p");
        String token = issuer().providerToken("CUS-C-0001", "p", id, Access.CONSENTS_READ, Access.CONSENTS_DECIDE).sign();
        given().auth().oauth2(token).when().get("/internal/consents/" + id)
                .then().statusCode(403).header("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("actor", "BANK", "reason", "x"))
                .when().post("/internal/consents/" + id + "/revoke")
                .then().statusCode(403);
        assertThat(status(id)).isEqualTo("AUTHORIZED");
    }

    @Test
    void anIdTokenOrOtherJwtSignedByTheIssuerIsNotAnAccessToken() {
        String id = authorized(newCustomer(), "p");
        for (String typ : new String[] {"JWT", null}) {
            String notAnAccessToken = issuer().providerToken("CUS-C-0001", "p", id, "ACCOUNT_BASIC").type(typ).sign();
            given().auth().oauth2(notAnAccessToken).when().get("/consents/" + id)
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", equalTo(INVALID_TOKEN));
        }
        String internal = issuer().providerToken("token-service", "token-service", null).claim("scope", Access.CONSENTS_READ)
                .audience(Audiences.INTERNAL).type("JWT").sign();
        given().auth().oauth2(internal).when().get("/internal/consents/" + id)
                .then().statusCode(401).header("WWW-Authenticate", equalTo(INVALID_TOKEN));
        // the same tokens with typ at+jwt are accepted: what is refused above is only the type
        given().auth().oauth2(providerToken("CUS-C-0001", "p", id)).when().get("/consents/" + id).then().statusCode(200);
        String internalAccessToken = issuer().providerToken("token-service", "token-service", null)
                .claim("scope", Access.CONSENTS_READ).audience(Audiences.INTERNAL).sign();
        given().auth().oauth2(internalAccessToken).when().get("/internal/consents/" + id).then().statusCode(200);
    }

    @Test
    void anAccessTokenForNoApiOfThisServiceIsAnInvalidToken() {
        String id = authorized(newCustomer(), "p");
        String otherAudience = issuer().providerToken("CUS-C-0001", "p", id, Access.CONSENTS_READ).audience("another-api").sign();
        given().auth().oauth2(otherAudience).when().get("/consents/" + id)
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo(INVALID_TOKEN));
        given().auth().oauth2(otherAudience).when().get("/internal/consents/" + id)
                .then().statusCode(401).header("WWW-Authenticate", equalTo(INVALID_TOKEN));
        // a provider token must name the provider it was issued to
        String noClient = issuer().providerToken("CUS-C-0001", "p", id).claim("client_id", null).sign();
        given().auth().oauth2(noClient).when().get("/consents/" + id)
                .then().statusCode(401).header("WWW-Authenticate", equalTo(INVALID_TOKEN));
    }

    @Test
    void theProviderApiRefusesAnInternalToken() {
        String id = authorized(newCustomer(), "p");
        given().auth().oauth2(everyInternalCapability()).when().get("/consents/" + id)
                .then().statusCode(403).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
        given().auth().oauth2(everyInternalCapability()).when().delete("/consents/" + id)
                .then().statusCode(403);
        assertThat(status(id)).isEqualTo("AUTHORIZED");
    }

    @Test
    void theProviderApiRefusesARequestWithoutAToken() {
        given().redirects().follow(false).when().get("/consents/" + authorized(newCustomer(), "p"))
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo(NO_CREDENTIALS));
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
