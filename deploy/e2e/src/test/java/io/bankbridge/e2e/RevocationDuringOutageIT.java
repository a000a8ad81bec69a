package io.bankbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.JWK;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Revocations while the broker is frozen (SIGSTOP: it answers nothing, connections stay open), against the packaged
 * services (one token-service, one consent-service, two account-data-service instances): every way of ending a grant
 * is honoured by every instance within the freshness bound, through the owners, without any event arriving; nothing
 * is lost once the broker answers again (no revoked grant is served again while the instances catch up, and every
 * event arrives), and the instances return to the fast path by themselves. With consent-service down as well, a data
 * instance refuses (503) rather than serve what might be a revoked grant.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevocationDuringOutageIT {

    /** bankbridge.revocations.consumer.freshness-bound, as the services run it. */
    private static final Duration BOUND = Duration.ofMillis(1500);
    /** For the test's own calls and scheduling on a busy machine: what the test asserts is the bound. */
    private static final Duration MARGIN = Duration.ofMillis(500);
    private static final Duration BACK = Duration.ofSeconds(60);
    private static final Pattern VIEW = Pattern.compile("\"view\"\\s*:\\s*\"(\\w+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Stack stack;
    static ProviderClient provider;
    static Journey journey;

    @BeforeAll
    static void startTheSystem() throws Exception {
        stack = Stack.builder().accountDataInstances(2).demo(true).build().start();
        provider = new ProviderClient(stack.tokenService().baseUrl(), "demo-budget-app",
                JWK.parse(Files.readString(stack.demoProviderKeyFile())).toRSAKey());
        journey = new Journey(provider);
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void withTheBrokerAndConsentServiceBothDownARevokedGrantIsRefusedWith503AndValidGrantsAreServedAgainAfterwards() {
        Journey.Connection revoked = journey.connect("card.demo0011", "Demo-0011-pass!", Set.of("ACC-C-0011-1"));
        Journey.Connection valid = journey.connect("card.demo0012", "Demo-0012-pass!", Set.of("ACC-C-0012-1"));
        awaitEveryViewFresh();
        assertServedEverywhere(valid);
        assertServedEverywhere(revoked);

        stack.broker().freeze();
        try {
            assertThat(provider.call("DELETE", stack.consentService().baseUrl() + "/consents/" + revoked.consentId(),
                    revoked.tokens().accessToken(), null).status()).isEqualTo(204);
            stack.consentService().stop();
            for (ServiceProcess instance : stack.accountDataServices()) {
                await().atMost(BOUND.plus(MARGIN)).pollInterval(Duration.ofMillis(50))
                        .until(() -> status(instance, revoked) == 503);
                ProviderClient.Response refused = accounts(instance, revoked);
                assertThat(refused.status()).as(instance.name()).isEqualTo(503);
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                assertThat(refused.header("Retry-After")).isEqualTo("1");
                // Fail closed: no grant can be confirmed, so none is served, valid ones included.
                assertThat(status(instance, valid)).as(instance.name()).isEqualTo(503);
            }
        } finally {
            stack.consentService().start();
            stack.broker().thaw();
        }
        stack.consentService().awaitReady(BACK);
        awaitEveryViewFresh();

        for (ServiceProcess instance : stack.accountDataServices()) {
            assertThat(status(instance, valid)).as(instance.name()).isEqualTo(200);
            assertThat(status(instance, revoked)).as(instance.name()).isEqualTo(401);
        }
        assertThat(provider.refresh(valid.tokens().refreshToken()).status()).isEqualTo(200);
        assertThat(provider.refresh(revoked.tokens().refreshToken()).json().get("error")).isEqualTo("invalid_grant");
    }

    @Test
    @Order(2)
    void duringABrokerOutageEveryWayOfRevokingIsRefusedEverywhereWithinTheBoundAndNothingIsLostAfterwards()
            throws Exception {
        Journey.Connection securityCenter = journey.connect("card.demo0013", "Demo-0013-pass!", Set.of("ACC-C-0013-1"));
        Journey.Connection consentApi = journey.connect("card.demo0014", "Demo-0014-pass!", Set.of("ACC-C-0014-1"));
        Journey.Connection refreshRevoked = journey.connect("card.demo0015", "Demo-0015-pass!", Set.of("ACC-C-0015-1"));
        Journey.Connection accessRevoked = journey.connect("card.demo0016", "Demo-0016-pass!", Set.of("ACC-C-0016-1"));
        Journey.Connection suspended = journey.connect("card.demo0017", "Demo-0017-pass!", Set.of("ACC-C-0017-1"));
        Browser customer = new Browser(null);
        Journey.signIn(customer, customer.open(stack.consentService().baseUrl() + "/security-center"),
                "card.demo0013", "Demo-0013-pass!");
        awaitEveryViewFresh();
        for (Journey.Connection c : List.of(securityCenter, consentApi, refreshRevoked, accessRevoked, suspended)) {
            assertServedEverywhere(c);
        }
        Map<ServiceProcess, Double> appliedBefore = applied();
        List<String> latencies = new ArrayList<>();
        List<Journey.Connection> revoked = List.of(securityCenter, consentApi, refreshRevoked, accessRevoked, suspended);
        RevokedStaysRefused watch = new RevokedStaysRefused(revoked);

        stack.broker().freeze();
        try {
            latencies.add("Security Center " + refusedEverywhereAfter(securityCenter, true, () -> {
                Browser.Page confirm = customer.open(stack.consentService().baseUrl() + "/security-center/connections/"
                        + securityCenter.consentId() + "/revoke");
                return customer.submit(confirm, "button.danger", Map.of(), "revoke").status();
            }));
            latencies.add("consent API " + refusedEverywhereAfter(consentApi, true, () -> provider.call("DELETE",
                    stack.consentService().baseUrl() + "/consents/" + consentApi.consentId(),
                    consentApi.tokens().accessToken(), null).status()));
            latencies.add("RFC 7009 refresh token " + refusedEverywhereAfter(refreshRevoked, true,
                    () -> provider.revoke(refreshRevoked.tokens().refreshToken(), "refresh_token").status()));
            // An access token revoked by itself ends only that token: the grant's refresh token stays valid.
            latencies.add("RFC 7009 access token " + refusedEverywhereAfter(accessRevoked, false,
                    () -> provider.revoke(accessRevoked.tokens().accessToken(), "access_token").status()));
            assertThat(provider.refresh(accessRevoked.tokens().refreshToken()).status()).isEqualTo(200);
            latencies.add("provider suspension " + refusedEverywhereAfter(suspended, true,
                    () -> admin("/admin/providers/demo-budget-app/suspend", "{\"reason\":\"outage test\"}")));
            watch.start();
        } finally {
            stack.broker().thaw();
            admin("/admin/providers/demo-budget-app/reactivate", "");
        }
        System.out.println("Refused by every instance, with the broker frozen, after: " + String.join(", ", latencies));

        // Nothing lost: every instance applies every event once the broker answers, and is back on the fast path.
        awaitEveryViewFresh();
        Journey.Connection after = journey.connect("card.demo0018", "Demo-0018-pass!", Set.of("ACC-C-0018-1"));
        for (ServiceProcess instance : stack.accountDataServices()) {
            // consent.revoked x3, token.revoked, provider.suspended at least
            await().atMost(BACK).until(() -> applied().get(instance) - appliedBefore.get(instance) >= 5);
            for (Journey.Connection c : revoked) {
                assertThat(status(instance, c)).as(instance.name()).isEqualTo(401);
            }
            // Back on the fast path: a request no longer asks the owners.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                double checks = metric(instance, "bankbridge_freshness_owner_checks_total");
                return status(instance, after) == 200
                        && metric(instance, "bankbridge_freshness_owner_checks_total") == checks;
            });
        }
        assertThat(watch.stop()).as("a revoked grant served while the broker came back (instance, status)").isEmpty();
        for (Journey.Connection c : List.of(securityCenter, consentApi, refreshRevoked, suspended)) {
            assertThat(provider.refresh(c.tokens().refreshToken()).json().get("error")).isEqualTo("invalid_grant");
        }
    }

    /**
     * From the moment the broker comes back until stopped, asks every data instance about every revoked grant in
     * turn and remembers any that serves it: the view catching up must not let one through again.
     * Paced to stay well within the provider's rate limit.
     */
    private static final class RevokedStaysRefused {
        private final List<Journey.Connection> revoked;
        private final List<String> served = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean watching;
        private Thread thread;

        RevokedStaysRefused(List<Journey.Connection> revoked) {
            this.revoked = revoked;
        }

        void start() {
            watching = true;
            thread = Thread.ofPlatform().name("revoked-stays-refused").start(() -> {
                while (watching) {
                    for (Journey.Connection c : revoked) {
                        for (ServiceProcess instance : stack.accountDataServices()) {
                            int status = status(instance, c);
                            if (status / 100 == 2) {
                                served.add(instance.name() + " " + c.consentId() + " " + status);
                            }
                            pause();
                        }
                    }
                }
            });
        }

        List<String> stop() throws InterruptedException {
            watching = false;
            thread.join(Duration.ofSeconds(10));
            return served;
        }

        private static void pause() {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs the revocation, then waits until every data instance refuses the grant's access token (401 invalid_token)
     * and, if {@code refreshEnds}, token-service refuses its refresh token; asserts it took at most the bound plus
     * the margin and returns how long it took.
     */
    private static String refusedEverywhereAfter(Journey.Connection connection, boolean refreshEnds,
                                                 Supplier<Integer> revocation) {
        int answered = revocation.get();
        long revokedAt = System.nanoTime();
        assertThat(answered).isBetween(200, 204);
        for (ServiceProcess instance : stack.accountDataServices()) {
            await().atMost(BOUND.plus(MARGIN)).pollInterval(Duration.ofMillis(20))
                    .until(() -> status(instance, connection) == 401);
            assertThat(accounts(instance, connection).header("WWW-Authenticate")).contains("invalid_token");
        }
        if (refreshEnds) {
            await().atMost(BOUND.plus(MARGIN)).pollInterval(Duration.ofMillis(20))
                    .until(() -> provider.refresh(connection.tokens().refreshToken()).status() / 100 == 4);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - revokedAt);
        assertThat(took).isLessThanOrEqualTo(BOUND.plus(MARGIN));
        return took.toMillis() + " ms";
    }

    private static ProviderClient.Response accounts(ServiceProcess instance, Journey.Connection connection) {
        return provider.get(instance.baseUrl() + "/fdx/v6/accounts", connection.tokens().accessToken());
    }

    private static int status(ServiceProcess instance, Journey.Connection connection) {
        return accounts(instance, connection).status();
    }

    private static void assertServedEverywhere(Journey.Connection connection) {
        for (ServiceProcess instance : stack.accountDataServices()) {
            assertThat(status(instance, connection)).as(instance.name()).isEqualTo(200);
        }
    }

    private static void awaitEveryViewFresh() {
        for (ServiceProcess instance : stack.accountDataServices()) {
            await().atMost(BACK).pollInterval(Duration.ofMillis(100)).until(() -> "fresh".equals(view(instance)));
        }
        await().atMost(BACK).pollInterval(Duration.ofMillis(100)).until(() -> "fresh".equals(view(stack.tokenService())));
    }

    /** The revocation view's freshness, as the instance's readiness detail says it. */
    private static String view(ServiceProcess instance) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = VIEW.matcher(body);
        return m.find() ? m.group(1) : "";
    }

    /** Revocation events each data instance has applied so far, of every type. */
    private static Map<ServiceProcess, Double> applied() throws Exception {
        Map<ServiceProcess, Double> applied = new HashMap<>();
        for (ServiceProcess instance : stack.accountDataServices()) {
            applied.put(instance, metric(instance, "bankbridge_revocations_consumer_applied_total"));
        }
        return applied;
    }

    /** The sum of a metric's series on an instance (0 if it has none yet). */
    private static double metric(ServiceProcess instance, String name) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** A call to token-service's admin API (HTTP Basic, user admin); returns the status. */
    private static int admin(String path, String json) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + stack.secrets().get("BANKBRIDGE_ADMIN_SECRET"))
                .getBytes(StandardCharsets.UTF_8));
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(stack.tokenService().baseUrl() + path))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
