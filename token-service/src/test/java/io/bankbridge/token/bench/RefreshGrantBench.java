package io.bankbridge.token.bench;

import io.bankbridge.testsupport.DPoPProver;
import io.bankbridge.token.TestProvider;
import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.bankbridge.token.grant.authcode.CodeGrant;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: refresh-token grants per second against the application on loopback (real PostgreSQL,
 * real signing), with {@code bench.clients} concurrent clients each refreshing with its own refresh token for
 * {@code bench.seconds} (kept as long as the consent; a new one is used where a deployment rotates them): once with
 * bearer tokens, once with DPoP-bound tokens (a PS256 proof per request, signed by the client in this JVM, with the
 * server's nonce), in the same run. Each call carries a fresh ES256 client assertion (FAPI 2.0: providers
 * authenticate with private_key_jwt only), so the figure includes verifying it. Prints throughput and p50/p99
 * latency; asserts nothing. Run with
 * {@code ./mvnw -B verify -pl token-service -am -Pbench -Dtest=RefreshGrantBench -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}.
 */
@QuarkusTest
@Tag("bench")
class RefreshGrantBench {

    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");

    @Inject
    AuthorizationCodeIssuer codes;

    @TestHTTPResource("/token")
    URI tokenEndpoint;

    /** The clients' DPoP key, and the last nonce the server handed out. */
    private final DPoPProver prover = DPoPProver.ps256();

    /** What a request carries besides the form: the DPoP proof header value, or none. */
    private interface Proofs {
        String next();
    }

    @Test
    void printRefreshGrantThroughputAndLatency() throws Exception {
        int clients = Integer.getInteger("bench.clients", 8);
        Duration duration = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
        Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 5));
        // ES256 keeps the client's own cost (an assertion signature per call, on this machine too) small.
        TestProvider provider = TestProvider.onboard("bench", TestProvider.ecKey());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        System.out.printf("%nRefresh-token grants on loopback: %d clients, %d s measured after %d s warm-up%n", clients,
                duration.toSeconds(), warmup.toSeconds());
        measure("bearer", http, provider, clients, duration, warmup, () -> null);
        String htu = TestProvider.issuer() + "/token";
        measure("DPoP PS256", http, provider, clients, duration, warmup, () -> prover.proof("POST", htu));
    }

    private void measure(String label, HttpClient http, TestProvider provider, int clients,
                         Duration duration, Duration warmup, Proofs proofs) throws Exception {
        List<String> refreshTokens = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            refreshTokens.add(firstRefreshToken(http, provider, proofs));
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        Instant measureFrom = Instant.now().plus(warmup);
        Instant end = measureFrom.plus(duration);
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (String first : refreshTokens) {
                workers.add(pool.submit(() -> {
                    String token = first;
                    while (Instant.now().isBefore(end)) {
                        long start = System.nanoTime();
                        HttpResponse<String> response = post(http, provider, proofs,
                                "grant_type=refresh_token&refresh_token=" + encode(token));
                        long took = System.nanoTime() - start;
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                            return null;
                        }
                        Matcher next = REFRESH_TOKEN.matcher(response.body());
                        if (next.find()) {
                            token = next.group(1);
                        }
                        if (Instant.now().isAfter(measureFrom)) {
                            latencies.add(took);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("  %-11s grants: %d, %.0f /s, p50 %.1f ms, p99 %.1f ms, failed chains: %d%n", label,
                sorted.size(), sorted.size() / (double) duration.toSeconds(), percentile(sorted, 50),
                percentile(sorted, 99), failures.get());
    }

    private String firstRefreshToken(HttpClient http, TestProvider provider, Proofs proofs) throws Exception {
        String verifier = TestProvider.verifier();
        String code = codes.issue(new CodeGrant(provider.clientId(), TestProvider.REDIRECT_URI, "CUS-C-0001",
                UUID.randomUUID().toString(), TestProvider.CLUSTERS, TestProvider.challenge(verifier), null, Instant.now(), null))
                .await().atMost(Duration.ofSeconds(10));
        String form = "grant_type=authorization_code&code=" + encode(code) + "&redirect_uri="
                + encode(TestProvider.REDIRECT_URI) + "&code_verifier=" + encode(verifier);
        HttpResponse<String> response = post(http, provider, proofs, form);
        Matcher matcher = REFRESH_TOKEN.matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no refresh token: " + response.body());
        }
        return matcher.group(1);
    }

    /** A token request; with DPoP, answered use_dpop_nonce once when the server's nonce moved on, then retried. */
    private HttpResponse<String> post(HttpClient http, TestProvider provider, Proofs proofs, String form)
            throws Exception {
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 2 && (response == null || response.body().contains("use_dpop_nonce")); attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded");
            String authenticated = form + "&client_assertion_type="
                    + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                    + "&client_assertion=" + encode(provider.assertion());
            String proof = proofs.next();
            if (proof != null) {
                request.header("DPoP", proof);
            }
            response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(authenticated)).build(),
                    HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue("DPoP-Nonce").ifPresent(prover::useNonce);
        }
        return response;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }
}
