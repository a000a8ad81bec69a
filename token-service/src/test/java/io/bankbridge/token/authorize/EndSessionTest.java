package io.bankbridge.token.authorize;

import static io.bankbridge.token.authorize.Journeys.query;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import io.bankbridge.testsupport.Browser;
import io.bankbridge.token.CoreTestSecrets;
import io.bankbridge.token.TestProvider;
import io.bankbridge.token.keys.SigningKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** OpenID RP-Initiated Logout 1.0 at the end_session endpoint. */
@QuarkusTest
class EndSessionTest {

    @Inject
    SigningKeys keys;

    @ConfigProperty(name = "bankbridge.issuer")
    String issuer;

    private static final String SIGNED_OUT = ConfigProvider.getConfig()
            .getValue("bankbridge.clients.security-center.post-logout-redirect-uri", String.class);
    private static final String CALLBACK = ConfigProvider.getConfig()
            .getValue("bankbridge.clients.security-center.redirect-uri", String.class);

    @Test
    void signingOutEndsTheHostedPagesSession() {
        ProviderFixture provider = ProviderFixture.onboard("Sign-out App");
        Browser browser = Journeys.atPicker(provider, "card.demo0001", "so-1");
        Map<String, String> signedInCookies = browser.cookies();

        Response out = browser.get("/logout");
        assertThat(out.statusCode(), equalTo(200));
        assertThat(out.asString(), containsString("You are signed out"));
        assertThat(out.header("Set-Cookie"), containsString("Max-Age=0"));
        assertThat(out.header("Content-Security-Policy"), containsString("frame-ancestors 'none'"));

        // the cookie the browser held no longer opens anything: the session is gone server side too
        Response after = given().redirects().follow(false).cookies(signedInCookies).get("/authorize/consent");
        assertThat(after.statusCode(), equalTo(400));
        assertThat(after.asString(), containsString("Your session has ended"));
    }

    @Test
    void anIdTokenHintAndARegisteredUriRedirectBackWithTheState() {
        String idToken = securityCenterIdToken();

        Response out = Journeys.browser().get("/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                + encode(SIGNED_OUT) + "&state=" + encode("s t"));

        assertThat(out.statusCode(), equalTo(303));
        assertThat(out.header("Location"), equalTo(SIGNED_OUT + "?state=s+t"));
    }

    @Test
    void aClientIdAndARegisteredUriPostedAsAFormRedirectBack() {
        Response out = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("client_id", "security-center").formParam("post_logout_redirect_uri", SIGNED_OUT)
                .post("/logout");

        assertThat(out.statusCode(), equalTo(303));
        assertThat(out.header("Location"), equalTo(SIGNED_OUT));
    }

    @Test
    void anUnregisteredPostLogoutRedirectUriIsNotFollowedButTheSessionStillEnds() {
        ProviderFixture provider = ProviderFixture.onboard("Sign-out App");
        Browser browser = Journeys.atPicker(provider, "card.demo0001", "so-2");
        Map<String, String> signedInCookies = browser.cookies();

        Response out = browser.get("/logout?client_id=security-center&post_logout_redirect_uri="
                + encode("https://evil.example/after"));

        assertThat(out.statusCode(), equalTo(400));
        assertThat(out.header("Location"), equalTo(null));
        assertThat(out.asString(), containsString("not registered"));
        assertThat(given().redirects().follow(false).cookies(signedInCookies).get("/authorize/consent").statusCode(),
                equalTo(400));
        // a provider has no post-logout URI registered: its own redirect URI is no exception
        Response provider2 = Journeys.browser().get("/logout?client_id=" + provider.clientId + "&post_logout_redirect_uri="
                + encode(ProviderFixture.REDIRECT));
        assertThat(provider2.statusCode(), equalTo(400));
        assertThat(provider2.header("Location"), equalTo(null));
    }

    @Test
    void aParameterSentTwiceIsNotFollowedButTheSessionStillEnds() {
        ProviderFixture provider = ProviderFixture.onboard("Sign-out App");
        Browser browser = Journeys.atPicker(provider, "card.demo0001", "so-3");
        Map<String, String> signedInCookies = browser.cookies();

        Response out = browser.get("/logout?client_id=security-center&post_logout_redirect_uri=" + encode(SIGNED_OUT)
                + "&post_logout_redirect_uri=" + encode("https://evil.example/after"));

        assertThat(out.statusCode(), equalTo(400));
        assertThat(out.header("Location"), equalTo(null));
        assertThat(out.asString(), containsString("post_logout_redirect_uri was sent more than once"));
        assertThat(given().redirects().follow(false).cookies(signedInCookies).get("/authorize/consent").statusCode(),
                equalTo(400));
        // posted as a form, a state sent twice: which one to return is unknowable
        Response posted = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("client_id", "security-center").formParam("post_logout_redirect_uri", SIGNED_OUT)
                .formParam("state", "a").formParam("state", "b").post("/logout");
        assertThat(posted.statusCode(), equalTo(400));
        assertThat(posted.header("Location"), equalTo(null));
        assertThat(posted.asString(), containsString("state was sent more than once"));
    }

    @Test
    void anIdTokenHintThatExpiredLongAgoIsStillFollowed() {
        Instant issuedAt = Instant.now().minus(Duration.ofDays(1));
        Response out = signOutWithHint(securityCenterClaims(issuer).issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plusSeconds(300))));

        assertThat(out.statusCode(), equalTo(303));
        assertThat(out.header("Location"), equalTo(SIGNED_OUT));
    }

    @Test
    void anIdTokenHintOfAnotherIssuerIsNotFollowed() {
        Response out = signOutWithHint(securityCenterClaims(issuer + "/other")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))));

        assertThat(out.statusCode(), equalTo(400));
        assertThat(out.header("Location"), equalTo(null));
    }

    /** The claims of an ID token for the Security Center, signed here with the server's own key. */
    private static JWTClaimsSet.Builder securityCenterClaims(String issuer) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject("CUS-C-0001").audience("security-center")
                .jwtID(UUID.randomUUID().toString());
    }

    private Response signOutWithHint(JWTClaimsSet.Builder idToken) {
        return Journeys.browser().get("/logout?id_token_hint=" + keys.sign(JOSEObjectType.JWT, idToken.build())
                + "&post_logout_redirect_uri=" + encode(SIGNED_OUT));
    }

    @Test
    void aForgedIdTokenHintOrOneForAnotherClientIsNotFollowed() {
        String forged = TestProvider.sign(TestProvider.rsaKey(), JWSAlgorithm.PS256, new JWTClaimsSet.Builder()
                .issuer("http://localhost:8081").subject("CUS-C-0001").audience("security-center")
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).build());
        Response out = Journeys.browser().get("/logout?id_token_hint=" + forged + "&post_logout_redirect_uri=" + encode(SIGNED_OUT));
        assertThat(out.statusCode(), equalTo(400));
        assertThat(out.header("Location"), equalTo(null));

        Response mismatch = Journeys.browser().get("/logout?id_token_hint=" + securityCenterIdToken()
                + "&client_id=demo-budget-app&post_logout_redirect_uri=" + encode(SIGNED_OUT));
        assertThat(mismatch.statusCode(), equalTo(400));
        assertThat(mismatch.header("Location"), equalTo(null));
    }

    @Test
    void aUriWithoutAnyClientIsNotFollowed() {
        Response out = Journeys.browser().get("/logout?post_logout_redirect_uri=" + encode(SIGNED_OUT));
        assertThat(out.statusCode(), equalTo(400));
        assertThat(out.header("Location"), equalTo(null));
    }

    /** The Security Center's sign-in, as in FirstPartySignInTest: its ID token. */
    private static String securityCenterIdToken() {
        Browser browser = Journeys.browser();
        browser.follow("/authorize?client_id=security-center&response_type=code&redirect_uri=" + encode(CALLBACK)
                + "&scope=openid&state=st&nonce=nn&code_challenge=" + ProviderFixture.challenge(Journeys.VERIFIER)
                + "&code_challenge_method=S256");
        Response signIn = Journeys.signIn(browser, "card.demo0001", "Demo-0001-pass!");
        assertThat(signIn.header("Location"), startsWith(CALLBACK + "?"));
        return given().contentType(ContentType.URLENC)
                .header("Authorization", TestProvider.basic("security-center", CoreTestSecrets.SECURITY_CENTER))
                .formParam("grant_type", "authorization_code").formParam("code", query(signIn.header("Location")).get("code"))
                .formParam("redirect_uri", CALLBACK).formParam("code_verifier", Journeys.VERIFIER)
                .when().post("/token").then().statusCode(200).extract().path("id_token");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
