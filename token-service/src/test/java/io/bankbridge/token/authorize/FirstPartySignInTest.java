package io.bankbridge.token.authorize;

import static io.bankbridge.token.authorize.Journeys.query;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jwt.SignedJWT;
import io.bankbridge.testsupport.Browser;
import io.bankbridge.token.CoreTestSecrets;
import io.bankbridge.token.TestProvider;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.text.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The Security Center's OpenID Connect sign-in: a plain code request with PKCE, no consent page. */
@QuarkusTest
class FirstPartySignInTest {

    private static final String CALLBACK = ConfigProvider.getConfig()
            .getValue("bankbridge.clients.security-center.redirect-uri", String.class);
    private static final String ISSUER = "http://localhost:8081";

    @Test
    void signingInSendsTheCodeStraightBackAndTheTokenOpensUserInfoUntilRevoked() throws ParseException {
        Browser browser = Journeys.browser();
        Response start = browser.get(request("code", CALLBACK, "openid", "S256"));
        assertThat(start.statusCode(), equalTo(303));
        Response page = browser.get(start.header("Location"));
        assertThat(page.statusCode(), equalTo(200));
        assertThat(page.asString(), containsString("Sign in to Security Center"));

        Response signIn = Journeys.signIn(browser, "savings.demo0001", "Demo-0001-pass!");
        assertThat(signIn.header("Location"), startsWith(CALLBACK + "?"));
        Map<String, String> answer = query(signIn.header("Location"));
        assertThat(answer.get("code"), notNullValue());
        assertThat(answer.get("state"), equalTo("sc-state"));
        assertThat(answer.get("iss"), equalTo(ISSUER));
        assertThat(signIn.header("Set-Cookie"), containsString("Max-Age=0"));

        // the Security Center redeems the code (ID token with the nonce) and asks who signed in
        JsonPath tokens = given().contentType(ContentType.URLENC)
                .header("Authorization", TestProvider.basic("security-center", CoreTestSecrets.SECURITY_CENTER))
                .formParam("grant_type", "authorization_code").formParam("code", answer.get("code"))
                .formParam("redirect_uri", CALLBACK).formParam("code_verifier", Journeys.VERIFIER)
                .when().post("/token").then().statusCode(200).extract().jsonPath();
        var idToken = SignedJWT.parse(tokens.getString("id_token")).getJWTClaimsSet();
        assertThat(idToken.getStringClaim("nonce"), equalTo("sc-nonce"));
        // the demo's savings.demo0001 is linked to card.demo0001: the Security Center acts for both customers
        assertThat(idToken.getStringListClaim("customer_ids"), contains("CUS-S-0001", "CUS-C-0001"));
        assertThat(idToken.getStringClaim("preferred_username"), equalTo("savings.demo0001"));
        given().header("Authorization", "Bearer " + tokens.getString("access_token"))
                .when().get("/userinfo")
                .then().statusCode(200)
                .body("sub", equalTo("CUS-S-0001"))
                .body("preferred_username", equalTo("savings.demo0001"));

        // signing out revokes the token (RFC 7009): UserInfo no longer answers for it
        given().contentType(ContentType.URLENC)
                .header("Authorization", TestProvider.basic("security-center", CoreTestSecrets.SECURITY_CENTER))
                .formParam("token", tokens.getString("access_token")).formParam("token_type_hint", "access_token")
                .when().post("/revoke").then().statusCode(200);
        given().header("Authorization", "Bearer " + tokens.getString("access_token"))
                .when().get("/userinfo")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void userInfoRefusesMissingForgedAndProviderTokens() {
        given().when().get("/userinfo").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", "Bearer not.a.token").when().get("/userinfo")
                .then().statusCode(401).header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid_token"));

        ProviderFixture provider = ProviderFixture.onboard("Demo Budget App");
        Browser browser = Journeys.atPicker(provider, "card.demo0001", "ui-1");
        Response approve = browser.post("/authorize/consent", "action", "approve", "account", "ACC-C-0001-1");
        String providerToken = provider.redeem(query(approve.header("Location")).get("code"), Journeys.VERIFIER)
                .getString("access_token");
        given().header("Authorization", "Bearer " + providerToken).when().get("/userinfo")
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
    }

    @Test
    void anUnregisteredRedirectUriGetsAnErrorPageNotARedirect() {
        Response response = Journeys.browser().get(request("code", "https://evil.example/callback", "openid", "S256"));
        assertThat(response.statusCode(), equalTo(400));
        assertThat(response.header("Location"), equalTo(null));
        assertThat(response.asString(), containsString("not registered"));
    }

    @Test
    void aRepeatedParameterGetsAnErrorPageNotARedirect() {
        String second = "&redirect_uri=" + URLEncoder.encode("https://evil.example/callback", StandardCharsets.UTF_8);
        Response response = Journeys.browser().get(request("code", CALLBACK, "openid", "S256") + second);
        assertThat(response.statusCode(), equalTo(400));
        assertThat(response.header("Location"), equalTo(null));
        assertThat(response.asString(), containsString("redirect_uri was sent more than once"));
    }

    @Test
    void aMissingOrPlainPkceChallengeIsRefusedBackToTheClient() {
        for (String method : new String[] {"plain", null}) {
            Response response = Journeys.browser().get(request("code", CALLBACK, "openid", method));
            assertThat(response.statusCode(), equalTo(303));
            Map<String, String> answer = query(response.header("Location"));
            assertThat(answer.get("error"), equalTo("invalid_request"));
            assertThat(answer.get("state"), equalTo("sc-state"));
            assertThat(answer.get("iss"), equalTo(ISSUER));
        }
    }

    @Test
    void aRequestWithoutOpenidScopeIsRefusedBackToTheClient() {
        Response response = Journeys.browser().get(request("code", CALLBACK, "profile", "S256"));
        assertThat(response.header("Location"), startsWith(CALLBACK));
        assertThat(query(response.header("Location")).get("error"), equalTo("invalid_scope"));
    }

    @Test
    void anImplicitRequestIsRefusedBackToTheClient() {
        Response response = Journeys.browser().get(request("token", CALLBACK, "openid", "S256"));
        assertThat(query(response.header("Location")).get("error"), equalTo("unsupported_response_type"));
    }

    @Test
    void theFirstPartyClientHasNoConsentPage() {
        Browser browser = Journeys.browser();
        browser.follow(request("code", CALLBACK, "openid", "S256"));
        Response consent = browser.get("/authorize/consent");
        assertThat(consent.statusCode(), equalTo(303));
        assertThat(consent.header("Location"), endsWith("/authorize/signin"));
    }

    private static String request(String responseType, String redirectUri, String scope, String method) {
        String url = "/authorize?client_id=security-center&response_type=" + responseType
                + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
                + "&scope=" + scope + "&state=sc-state&nonce=sc-nonce"
                + "&code_challenge=" + ProviderFixture.challenge(Journeys.VERIFIER);
        return method == null ? url : url + "&code_challenge_method=" + method;
    }
}
