package io.bankbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.bankbridge.local.ServiceProcess;
import io.bankbridge.local.Stack;
import io.bankbridge.local.provider.ProviderClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole journey against the packaged services running as processes (one token-service, one consent-service,
 * two account-data-service instances), a real broker and fresh databases: a provider connects, reads, refreshes;
 * then each way a grant can end, narrow (the customer shares less) or be renewed (Grant Management replace) is shown
 * to be honoured by every instance of every service; the customer's signed receipt of a change verifies against the
 * bank's published keys.
 */
class ProviderJourneyIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static final String CARD = "ACC-C-0001-1";
    private static final String CHECKING = "ACC-C-0001-2";
    private static final String SAVINGS = "ACC-S-0001-1";

    static Stack stack;
    static ProviderClient provider;
    static Journey journey;

    @BeforeAll
    static void startTheSystem() throws Exception {
        stack = Stack.builder().accountDataInstances(2).demo(true).build().start();
        String issuer = stack.tokenService().baseUrl();
        provider = new ProviderClient(issuer, "demo-budget-app", JWK.parse(Files.readString(stack.demoProviderKeyFile())).toRSAKey());
        journey = new Journey(provider);
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aProviderSeesExactlyTheTwoAccountsTheCustomerPickedOnEveryInstanceAndCanRefresh() {
        Journey.Connection connection = journey.connect("card.demo0001", "Demo-0001-pass!", Set.of(CARD, SAVINGS));
        // Sender-constrained (FAPI 2.0): the token is bound to the provider's DPoP key, useless without it
        assertThat(connection.tokens().tokenType()).isEqualTo("DPoP");
        ProviderClient.Response stolen = provider.getAsBearer(dataApi(0) + "/accounts", connection.tokens().accessToken());
        assertThat(stolen.status()).isEqualTo(401);
        assertThat(stolen.header("WWW-Authenticate")).startsWith("DPoP ").contains("error=\"invalid_token\"");

        for (ServiceProcess instance : stack.accountDataServices()) {
            ProviderClient.Response accounts = provider.get(instance.baseUrl() + "/fdx/v6/accounts", connection.tokens().accessToken());
            assertThat(accounts.status()).isEqualTo(200);
            assertThat(Journey.accountIds(accounts.body())).containsExactlyInAnyOrder(CARD, SAVINGS);
            assertThat(provider.get(instance.baseUrl() + "/fdx/v6/accounts/" + CHECKING, connection.tokens().accessToken()).status())
                    .isEqualTo(404);
            ProviderClient.Response transactions = provider.get(instance.baseUrl() + "/fdx/v6/accounts/" + CARD + "/transactions",
                    connection.tokens().accessToken());
            assertThat(transactions.status()).isEqualTo(200);
            assertThat(transactions.body()).contains("transactionId");
        }

        // Not rotated (FAPI 2.0): the answer carries no refresh token, and the same one works again.
        ProviderClient.Tokens refreshed = ProviderClient.tokens(provider.refresh(connection.tokens().refreshToken()));
        assertThat(refreshed.refreshToken()).isNull();
        assertThat(provider.get(dataApi(0) + "/accounts", refreshed.accessToken()).status()).isEqualTo(200);
        assertThat(provider.refresh(connection.tokens().refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void revokingInTheSecurityCenterEndsTheGrantEverywhere() {
        Journey.Connection connection = journey.connect("card.demo0002", "Demo-0002-pass!", Set.of("ACC-C-0002-1"));
        assertRefusedNowhere(connection);

        Browser customer = new Browser(null);
        Browser.Page list = Journey.signIn(customer, customer.open(stack.consentService().baseUrl() + "/security-center"),
                "card.demo0002", "Demo-0002-pass!");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text()).contains("Demo Budget App");
        Browser.Page confirm = customer.open(stack.consentService().baseUrl() + "/security-center/connections/"
                + connection.consentId() + "/revoke");
        Browser.Page after = customer.submit(confirm, "button.danger", Map.of(), "revoke");
        assertThat(after.status()).isEqualTo(200);

        assertRefusedEverywhere(connection);
    }

    @Test
    void revokingThroughTheProviderConsentApiEndsTheGrantEverywhere() {
        Journey.Connection connection = journey.connect("card.demo0003", "Demo-0003-pass!", Set.of("ACC-C-0003-1"));
        assertRefusedNowhere(connection);

        ProviderClient.Response revoked = provider.call("DELETE", stack.consentService().baseUrl() + "/consents/" + connection.consentId(),
                connection.tokens().accessToken(), null);
        assertThat(revoked.status()).isBetween(200, 204);

        assertRefusedEverywhere(connection);
    }

    @Test
    void revokingTheRefreshTokenEndsThatGrantOnlyAndAnotherConsentOfTheCustomerKeepsWorking() {
        Journey.Connection first = journey.connect("card.demo0004", "Demo-0004-pass!", Set.of("ACC-C-0004-1"));
        Journey.Connection second = journey.connect("card.demo0004", "Demo-0004-pass!", Set.of("ACC-C-0004-2"));

        assertThat(provider.revoke(first.tokens().refreshToken(), "refresh_token").status()).isEqualTo(200);

        assertRefusedEverywhere(first);
        assertRefusedNowhere(second);
        assertThat(provider.refresh(second.tokens().refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void anInstanceThatWasDownDuringTheRevocationRefusesAsSoonAsItIsReady() {
        Journey.Connection connection = journey.connect("card.demo0005", "Demo-0005-pass!", Set.of("ACC-C-0005-1"));
        ServiceProcess second = stack.accountDataServices().get(1);
        assertThat(provider.get(second.baseUrl() + "/fdx/v6/accounts", connection.tokens().accessToken()).status()).isEqualTo(200);

        second.stop();
        try {
            provider.call("DELETE", stack.consentService().baseUrl() + "/consents/" + connection.consentId(),
                    connection.tokens().accessToken(), null);
            await().atMost(PROPAGATION).until(() -> refused(stack.accountDataServices().get(0), connection));
        } finally {
            second.start();
            second.awaitReady(Duration.ofSeconds(120));
        }
        // Ready means the replay is done: no waiting allowed here.
        assertThat(provider.get(second.baseUrl() + "/fdx/v6/accounts", connection.tokens().accessToken()).status()).isEqualTo(401);
    }

    @Test
    void withTheBrokerDownTheCustomerRevocationSucceedsAtOnceAndReachesEveryServiceWhenItIsBack() throws Exception {
        Journey.Connection connection = journey.connect("card.demo0006", "Demo-0006-pass!", Set.of("ACC-C-0006-1"));
        assertRefusedNowhere(connection);
        Browser customer = new Browser(null);
        Journey.signIn(customer, customer.open(stack.consentService().baseUrl() + "/security-center"), "card.demo0006", "Demo-0006-pass!");

        stack.broker().stop();
        try {
            Browser.Page confirm = customer.open(stack.consentService().baseUrl() + "/security-center/connections/"
                    + connection.consentId() + "/revoke");
            Browser.Page after = customer.submit(confirm, "button.danger", Map.of(), "revoke");
            assertThat(after.status()).isEqualTo(200);
            assertThat(consentStatus(connection.consentId())).isEqualTo("REVOKED");
        } finally {
            stack.broker().start();
        }
        assertRefusedEverywhere(connection);
    }

    @Test
    void sharingLessInTheSecurityCenterNarrowsTheGrantOnEveryInstanceAndTheSameTokenKeepsTheRest() {
        String card = "ACC-C-0007-1";
        String checking = "ACC-C-0007-2";
        Journey.Connection connection = journey.connect("card.demo0007", "Demo-0007-pass!", Set.of(card, checking));
        String token = connection.tokens().accessToken();
        for (ServiceProcess instance : stack.accountDataServices()) {
            assertThat(status(instance, "/accounts/" + checking, token)).as(instance.name()).isEqualTo(200);
            assertThat(status(instance, "/accounts/" + card + "/transactions", token)).as(instance.name()).isEqualTo(200);
        }
        SecurityCenter customer = SecurityCenter.signIn(stack.consentService().baseUrl(), "card.demo0007", "Demo-0007-pass!");

        Browser.Page lessAccounts = customer.stopSharing(connection.consentId(), checking);
        assertThat(lessAccounts.status()).isEqualTo(303);
        Browser.Page page = customer.open(lessAccounts.redirectedTo().toString());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("narrowed by customer");
        assertThat(page.html().select("form.narrow button[value=\"" + checking + "\"]")).isEmpty();
        for (ServiceProcess instance : stack.accountDataServices()) {
            await().atMost(PROPAGATION).until(() -> status(instance, "/accounts/" + checking, token) == 404);
            assertThat(status(instance, "/accounts/" + card, token)).as(instance.name()).isEqualTo(200);
            ProviderClient.Response accounts = provider.get(instance.baseUrl() + "/fdx/v6/accounts", token);
            assertThat(accounts.status()).isEqualTo(200);
            assertThat(Journey.accountIds(accounts.body())).containsExactly(card);
        }

        Browser.Page lessData = customer.stopSharing(connection.consentId(), "TRANSACTIONS");
        assertThat(lessData.status()).isEqualTo(303);
        for (ServiceProcess instance : stack.accountDataServices()) {
            await().atMost(PROPAGATION).until(() -> status(instance, "/accounts/" + card + "/transactions", token) == 403);
            assertThat(status(instance, "/accounts/" + card, token)).as(instance.name()).isEqualTo(200);
            assertThat(status(instance, "/customers/current", token)).as(instance.name()).isEqualTo(200);
            assertThat(status(instance, "/accounts/" + checking, token)).as(instance.name()).isEqualTo(404);
        }
        // Narrowed, not ended: the refresh token still works, for what remains.
        ProviderClient.Tokens refreshed = ProviderClient.tokens(provider.refresh(connection.tokens().refreshToken()));
        assertThat(status(stack.accountDataServices().get(1), "/accounts/" + card, refreshed.accessToken())).isEqualTo(200);
    }

    @Test
    void aRenewalKeepsTheGrantIdAndItsHistoryAndItsNewTokensWorkOnEveryInstance() {
        String card = "ACC-C-0008-1";
        String checking = "ACC-C-0008-2";
        Journey.Connection connection = journey.connect("card.demo0008", "Demo-0008-pass!", Set.of(card));
        String grantId = connection.consentId();
        String grantUrl = provider.endpoint("grant_management_endpoint") + "/" + grantId;
        String query = ProviderClient.tokens(provider.clientCredentials("grant_management_query")).accessToken();
        Object expiredBefore = provider.get(grantUrl, query).json().get("expires_at");

        ProviderClient.Response renewed = journey.changeGrant(grantId, "replace", "card.demo0008", "Demo-0008-pass!",
                Set.of(card, checking), 30);
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.json().get("grant_id")).isEqualTo(grantId);
        String token = ProviderClient.tokens(renewed).accessToken();

        ProviderClient.Response grant = provider.get(grantUrl, query);
        assertThat(grant.status()).isEqualTo(200);
        assertThat(grant.json().get("status")).isEqualTo("AUTHORIZED");
        assertThat(grant.body()).contains(card, checking);
        Instant expires = Instant.parse(grant.json().get("expires_at").toString());
        assertThat(expires).isNotEqualTo(Instant.parse(expiredBefore.toString()))
                .isBetween(Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));

        ProviderClient.Response consent = provider.get(stack.consentService().baseUrl() + "/consents/" + grantId, token);
        assertThat(consent.status()).isEqualTo(200);
        assertThat(consent.json().get("id")).isEqualTo(grantId);
        assertThat(((List<?>) consent.json().get("history")).stream().map(h -> String.valueOf(((Map<?, ?>) h).get("event"))))
                .contains("AUTHORIZED", "RENEWED");
        Browser.Page page = SecurityCenter.signIn(stack.consentService().baseUrl(), "card.demo0008", "Demo-0008-pass!")
                .connection(grantId);
        assertThat(page.text()).contains("renewed by customer");

        for (ServiceProcess instance : stack.accountDataServices()) {
            await().atMost(PROPAGATION).until(() -> status(instance, "/accounts/" + checking, token) == 200);
            ProviderClient.Response accounts = provider.get(instance.baseUrl() + "/fdx/v6/accounts", token);
            assertThat(accounts.status()).isEqualTo(200);
            assertThat(Journey.accountIds(accounts.body())).containsExactlyInAnyOrder(card, checking);
        }
    }

    @Test
    void theCustomersReceiptVerifiesAgainstTheBanksPublishedKeysAndATamperedCopyDoesNot() throws Exception {
        String card = "ACC-C-0009-1";
        Journey.Connection connection = journey.connect("card.demo0009", "Demo-0009-pass!", Set.of(card));
        String consentService = stack.consentService().baseUrl();
        SecurityCenter customer = SecurityCenter.signIn(consentService, "card.demo0009", "Demo-0009-pass!");

        Browser.Page page = customer.connection(connection.consentId());
        assertThat(page.status()).isEqualTo(200);
        List<String> links = page.html().select("ol.history a.receipt").eachAttr("href");
        assertThat(links).hasSize(2);
        Browser.Page download = customer.open(consentService + links.get(1));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        String receipt = download.body().strip();

        SignedJWT jwt = SignedJWT.parse(receipt);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("consent-receipt+jwt");
        assertThat(verifiesWithTheBanksKeys(receipt)).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(stack.tokenService().baseUrl());
        assertThat(jwt.getJWTClaimsSet().getStringClaim("grant_id")).isEqualTo(connection.consentId());
        assertThat(jwt.getJWTClaimsSet().getStringClaim("action")).isEqualTo("AUTHORIZED");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("accounts")).hasSize(1).noneMatch(a -> a.contains(card));

        String[] parts = receipt.split("\\.");
        String claims = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8);
        String forged = claims.replace("\"AUTHORIZED\"", "\"AUTHORIZEE\"");
        assertThat(forged).isNotEqualTo(claims);
        assertThat(verifiesWithTheBanksKeys(parts[0] + "." + Base64URL.encode(forged.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2])).isFalse();

        // The provider fetches the same grant's receipts; a receipt is never an access token.
        ProviderClient.Response listed = provider.get(consentService + "/consents/" + connection.consentId() + "/receipts",
                connection.tokens().accessToken());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("\"entry\":2");
        assertThat(provider.getAsBearer(consentService + "/consents/" + connection.consentId(), receipt).status())
                .isEqualTo(401);
        assertThat(provider.getAsBearer(dataApi(0) + "/accounts", receipt).status()).isEqualTo(401);
    }

    /** Whether {@code jws} verifies with a key token-service publishes at {@code /jwks}, fetched as anyone would. */
    private static boolean verifiesWithTheBanksKeys(String jws) throws Exception {
        HttpResponse<String> jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.tokenService().baseUrl() + "/jwks")).GET().build(), HttpResponse.BodyHandlers.ofString());
        SignedJWT jwt = SignedJWT.parse(jws);
        JWK key = JWKSet.parse(jwks.body()).getKeyByKeyId(jwt.getHeader().getKeyID());
        return key != null && jwt.verify(key instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier(key.toRSAKey()));
    }

    private static int status(ServiceProcess instance, String path, String accessToken) {
        return provider.get(instance.baseUrl() + "/fdx/v6" + path, accessToken).status();
    }

    private static String dataApi(int instance) {
        return stack.accountDataServices().get(instance).baseUrl() + "/fdx/v6";
    }

    private static boolean refused(ServiceProcess instance, Journey.Connection connection) {
        return provider.get(instance.baseUrl() + "/fdx/v6/accounts", connection.tokens().accessToken()).status() == 401;
    }

    private static void assertRefusedNowhere(Journey.Connection connection) {
        for (ServiceProcess instance : stack.accountDataServices()) {
            assertThat(provider.get(instance.baseUrl() + "/fdx/v6/accounts", connection.tokens().accessToken()).status())
                    .as("before revocation, %s", instance.name()).isEqualTo(200);
        }
        assertThat(provider.introspect(connection.tokens().accessToken()).json().get("active")).isEqualTo(true);
    }

    /** Every data instance refuses the still-unexpired access token, refresh fails, introspection says inactive. */
    private static void assertRefusedEverywhere(Journey.Connection connection) {
        for (ServiceProcess instance : stack.accountDataServices()) {
            await().atMost(PROPAGATION).until(() -> refused(instance, connection));
            ProviderClient.Response response = provider.get(instance.baseUrl() + "/fdx/v6/accounts", connection.tokens().accessToken());
            assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
        }
        await().atMost(PROPAGATION).until(() -> provider.refresh(connection.tokens().refreshToken()).status() == 400);
        assertThat(provider.refresh(connection.tokens().refreshToken()).json().get("error")).isEqualTo("invalid_grant");
        await().atMost(PROPAGATION).until(() -> Boolean.FALSE.equals(provider.introspect(connection.tokens().accessToken()).json().get("active")));
        assertThat(provider.introspect(connection.tokens().refreshToken()).json().get("active")).isEqualTo(false);
    }

    /** The consent's status as consent-service's internal API tells it, with an internal client's token. */
    private static String consentStatus(String consentId) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String basic = Base64.getEncoder().encodeToString(("account-data-service:"
                + stack.secrets().get("BANKBRIDGE_INTERNAL_SECRET_ACCOUNT_DATA_SERVICE")).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(provider.endpoint("token_endpoint")))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=internal.consents.read"))
                .build(),
                HttpResponse.BodyHandlers.ofString());
        String accessToken = new ProviderClient.Response(token.statusCode(), token.body(), token.headers().map()).json()
                .get("access_token").toString();
        HttpResponse<String> consent = http.send(HttpRequest.newBuilder(URI.create(stack.consentService().baseUrl()
                + "/internal/consents/" + consentId)).header("Authorization", "Bearer " + accessToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new ProviderClient.Response(consent.statusCode(), consent.body(), consent.headers().map()).json().get("status").toString();
    }
}
