package io.bankbridge.e2e;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.bankbridge.local.Stack;
import io.bankbridge.local.Wrk;
import io.bankbridge.local.provider.ProviderClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Token endpoint throughput, measured from outside the services: starts the packaged services as real processes
 * (fresh databases on the PostgreSQL server, a Kafka broker, full JIT compilation, 1 GB heap), onboards the providers
 * it needs through the admin API, connects customers through the full journey to get refresh tokens, and then drives
 * {@code /token} from this process with a fixed number of concurrent callers. Each caller follows its own refresh
 * chain (it keeps the refresh token it has, or takes the new one if the server rotated it). Prints grants per second
 * and p50/p90/p99/max latency for:
 * <ul>
 *   <li>{@code client_credentials} with {@code client_secret_basic} (an internal client), once from this process and
 *   once from wrk, a load generator that takes far less of the machine per request,</li>
 *   <li>{@code refresh_token} for a provider with {@code private_key_jwt} (a fresh PS256 client assertion per call),
 *   bearer tokens,</li>
 *   <li>the same with a DPoP proof per call (PS256, with the server's nonce),</li>
 *   <li>both refresh grants once more from wrk, with assertions and proofs signed beforehand,</li>
 *   <li>the full code flow (PAR, authorize page, sign-in, approve, code exchange), with each step's latency so that
 *   the Argon2id sign-in is seen apart.</li>
 * </ul>
 * The callers sign their client assertions and proofs in this process, on the same machine: those signatures take
 * CPU from the services, as a real load generator on the same host would.
 *
 * <p>Usage: {@code deploy/e2e/bench-token [--no-build] [seconds [warm-up seconds [connections]]]} (default 30 s after
 * 10 s of warm-up, 32 connections). Set {@code -Dbankbridge.root} to measure the services built in another checkout.
 */
public final class TokenEndpointBenchmark {

    private static final String REDIRECT_URI = Journey.REDIRECT_URI;
    private static final int FLOW_CALLERS = 4;
    /**
     * Refresh forms signed for each second of a wrk run: well above what the service is asked to reach (3,000/s), so
     * that a fast machine does not run out of them (a form sent again is a replayed assertion, counted as an error).
     */
    private static final int SIGNED_PER_SECOND = 8_000;
    /**
     * The same with DPoP (target 2,500/s), fewer: a request needs two signatures, and the proofs must all be signed
     * and sent while the server's nonce is current (at least one two-minute window).
     */
    private static final int DPOP_SIGNED_PER_SECOND = 4_000;

    private TokenEndpointBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        System.out.printf("starting the stack (services with full JIT, -Xmx1g) from %s ...%n",
                System.getProperty("bankbridge.root", "this checkout"));
        try (Stack stack = Stack.builder().accountDataInstances(1).demo(true)
                .jvmOptions(List.of("-Xmx1g", "-XX:+UseSerialGC"))
                .env("BANKBRIDGE_PROVIDER_API_RATE_LIMIT_REQUESTS_PER_SECOND", "1000000")
                .env("BANKBRIDGE_PROVIDER_API_RATE_LIMIT_BURST", "1000000")
                .build().start()) {
            String issuer = stack.tokenService().baseUrl();
            ProviderClient bearerProvider = onboard(stack, "bench-bearer", false);
            ProviderClient dpopProvider = onboard(stack, "bench-dpop", true);

            System.out.printf("connecting %d customers for each provider through the full journey ...%n", connections);
            List<String> bearerChains = refreshTokens(bearerProvider, connections);
            List<String> dpopChains = refreshTokens(dpopProvider, connections);

            System.out.printf("%nJDK %s; load average before the runs: %s%n", Runtime.version(), loadAverage());
            System.out.printf("%d connections, %d s warm-up + %d s measured per scenario%n%n", connections, warmUp, seconds);
            System.out.println(Result.HEADER);

            String basic = "Basic " + Base64.getEncoder().encodeToString(("consent-service:"
                    + stack.secrets().get("BANKBRIDGE_INTERNAL_SECRET_CONSENT_SERVICE")).getBytes(StandardCharsets.UTF_8));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String tokenUrl = issuer + "/token";
            print(run("client_credentials (client_secret_basic)", connections, warmUp, seconds, caller -> () -> {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                        .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200;
            }));
            print(clientCredentialsFromWrk(tokenUrl, basic, connections, warmUp, seconds));
            print(run("refresh_token (private_key_jwt, bearer)", connections, warmUp, seconds,
                    caller -> refreshChain(bearerProvider, bearerChains, caller)));
            print(refreshFromWrk(bearerProvider, bearerChains, seconds, SIGNED_PER_SECOND, false));
            print(run("refresh_token (private_key_jwt, DPoP)", connections, warmUp, seconds,
                    caller -> refreshChain(dpopProvider, dpopChains, caller)));
            print(refreshFromWrk(dpopProvider, dpopChains, seconds, DPOP_SIGNED_PER_SECOND, true));

            Journey journey = new Journey(dpopProvider);
            Map<String, List<Long>> steps = new ConcurrentHashMap<>();
            AtomicLong people = new AtomicLong();
            Result flows = run("code flow (PAR, sign-in, approve, exchange)", FLOW_CALLERS, warmUp, seconds, caller -> () -> {
                String person = String.format("%04d", people.incrementAndGet() % 20 + 1);
                Map<String, Long> took = new ConcurrentHashMap<>();
                journey.connect("card.demo" + person, "Demo-" + person + "-pass!", Set.of("ACC-C-" + person + "-1"), took::put);
                took.forEach((step, nanos) -> steps.computeIfAbsent(step, s -> Collections.synchronizedList(new ArrayList<>()))
                        .add(nanos));
                return true;
            });
            print(flows);
            System.out.printf("  steps of the code flow (all flows, warm-up included; %d callers):%n", FLOW_CALLERS);
            for (String step : Journey.STEPS) {
                long[] nanos = steps.getOrDefault(step, List.of()).stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf("    %-22s p50 %7.1f ms  p90 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", step,
                        Result.percentile(nanos, 50), Result.percentile(nanos, 90), Result.percentile(nanos, 99),
                        nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6);
            }
            System.out.printf("%nload average after the runs: %s%n", loadAverage());
        }
        System.exit(0);
    }

    /** One caller's next request; true when the grant was issued. */
    private interface Call {
        boolean call() throws Exception;
    }

    private interface CallerFactory {
        Call forCaller(int caller) throws Exception;
    }

    /** A caller following its own refresh chain. */
    private static Call refreshChain(ProviderClient provider, List<String> chains, int caller) {
        String[] current = {chains.get(caller % chains.size())};
        return () -> {
            ProviderClient.Response response = provider.refresh(current[0]);
            if (response.status() != 200) {
                return false;
            }
            current[0] = ProviderClient.refreshed(response, current[0]).refreshToken();
            return true;
        };
    }

    /** Runs {@code callers} concurrent callers for warm-up plus measured seconds; counts what ends in the measured part. */
    private static Result run(String name, int callers, int warmUpSeconds, int seconds, CallerFactory factory)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmUpSeconds).toNanos();
        long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        for (int i = 0; i < callers; i++) {
            Call call = factory.forCaller(i);
            results.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                long now = System.nanoTime();
                while (now < end) {
                    boolean ok;
                    try {
                        ok = call.call();
                    } catch (RuntimeException e) {
                        ok = false;
                    }
                    long done = System.nanoTime();
                    if (now >= measureFrom) {
                        if (!ok) {
                            failures.incrementAndGet();
                        } else {
                            if (n == latencies.length) {
                                latencies = Arrays.copyOf(latencies, n * 2);
                            }
                            latencies[n++] = done - now;
                        }
                    }
                    now = done;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            all.add(f.get());
        }
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return Result.of(name, callers, merged, failures.get(), seconds);
    }

    private record Result(String name, int callers, double perSecond, double p50, double p90, double p99, double max,
                          long failures) {

        static final String HEADER = String.format("%-45s %5s %9s %9s %9s %9s %9s %7s", "scenario", "conns", "grants/s",
                "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");

        /** From the latencies of the requests that succeeded in the measured seconds, sorted. */
        static Result of(String name, int callers, long[] sortedNanos, long failures, int seconds) {
            return new Result(name, callers, sortedNanos.length / (double) seconds, percentile(sortedNanos, 50),
                    percentile(sortedNanos, 90), percentile(sortedNanos, 99),
                    sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6, failures);
        }

        static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }

        String line() {
            return String.format("%-45s %5d %9.0f %9.1f %9.1f %9.1f %9.1f %7d", name, callers, perSecond, p50, p90, p99,
                    max, failures);
        }
    }

    /**
     * The same {@code client_credentials} grant driven by wrk (HTTP/1.1, two threads), which costs the machine far less
     * per request than this process's HTTP client: closer to what the service itself can do on these cores.
     */
    private static Result clientCredentialsFromWrk(String tokenUrl, String basic, int connections, int warmUp,
                                                   int seconds) throws Exception {
        Path script = Files.createTempFile("bench-token-", ".lua");
        try {
            Files.writeString(script, """
                    wrk.method = "POST"
                    wrk.body = "grant_type=client_credentials"
                    wrk.headers["Authorization"] = "%s"
                    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
                    """.formatted(basic));
            String wrk = System.getProperty("bankbridge.wrk", "wrk");
            Wrk.run(wrk, 2, connections, warmUp + "s", script, tokenUrl);
            Wrk.Figures f = Wrk.run(wrk, 2, connections, seconds + "s", script, tokenUrl);
            return new Result("client_credentials (client_secret_basic), wrk", connections, f.requestsPerSecond(),
                    f.p50(), f.p90(), f.p99(), f.max(), f.failed());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * Refresh grants driven by wrk, which cannot sign: every request's client assertion (PS256, living five minutes) is
     * signed beforehand, {@code perSecond} per second of the run, and each is sent once. A provider's refresh token is
     * not rotated, so the callers' chains stay as they are. After the same grant from this process has warmed the
     * service up, a short warm-up of its own. Requests beyond what was signed would replay an assertion and fail.
     *
     * <p>With {@code dpop}, each request also carries a PS256 proof signed beforehand, after the assertions: the server's
     * nonce (fetched by one refresh just before) stays current for at least one nonce window, and every proof's
     * {@code iat} is set to about twelve seconds after the run is expected to start (the proofs take as long to sign
     * as the assertions did), so that the whole run falls within the server's {@code iat} window.
     */
    private static Result refreshFromWrk(ProviderClient provider, List<String> chains, int seconds, int perSecond,
                                         boolean dpop) throws Exception {
        int warmUp = 5;
        int count = perSecond * (warmUp + seconds);
        String name = "refresh_token (private_key_jwt, " + (dpop ? "DPoP" : "bearer") + "), wrk";
        System.out.printf("  (%s: signing %d client assertions%s beforehand ...)%n", name, count,
                dpop ? " and " + count + " DPoP proofs" : "");
        String tokenUrl = provider.endpoint("token_endpoint");
        long signing = System.nanoTime();
        List<String> forms = IntStream.range(0, count).parallel()
                .mapToObj(n -> provider.refreshForm(chains.get(n % chains.size()), Duration.ofMinutes(5))).toList();
        List<String> lines = forms;
        if (dpop) {
            if (provider.refresh(chains.get(0)).status() != 200) {
                throw new IllegalStateException("the refresh that fetches the DPoP nonce was refused");
            }
            Instant issuedAt = Instant.now().plusNanos(System.nanoTime() - signing).plusSeconds(12);
            lines = IntStream.range(0, count).parallel()
                    .mapToObj(n -> provider.proofSignedAhead(tokenUrl, issuedAt) + " " + forms.get(n)).toList();
        }
        Path warmUpScript = refreshScript(lines.subList(0, perSecond * warmUp));
        Path script = refreshScript(lines.subList(perSecond * warmUp, count));
        try {
            String wrk = System.getProperty("bankbridge.wrk", "wrk");
            Wrk.run(wrk, 2, chains.size(), warmUp + "s", warmUpScript, tokenUrl);
            Wrk.Figures f = Wrk.run(wrk, 2, chains.size(), seconds + "s", script, tokenUrl);
            return new Result(name, chains.size(), f.requestsPerSecond(), f.p50(), f.p90(), f.p99(), f.max(), f.failed());
        } finally {
            for (Path file : List.of(warmUpScript, script)) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(Path.of(file + ".forms"));
            }
        }
    }

    /**
     * A wrk script sending each of {@code lines} once (while they last) over its connections: a refresh form, or a DPoP
     * proof, a space and the form.
     */
    private static Path refreshScript(List<String> lines) throws IOException {
        Path script = Files.createTempFile("bench-refresh-", ".lua");
        Path forms = Path.of(script + ".forms");
        Files.write(forms, lines, StandardCharsets.US_ASCII);
        Files.writeString(script, """
                local file = "%s"
                local threads = 0
                function setup(thread)
                  thread:set("id", threads)
                  threads = threads + 1
                end
                local bodies = {}
                local headers = {}
                local n = 0
                function init(args)
                  local line = 0
                  for text in io.lines(file) do
                    if line %% 2 == id then
                      local proof, body = text:match("^(%%S+) (.+)$")
                      local sent = { ["Content-Type"] = "application/x-www-form-urlencoded" }
                      if proof then
                        sent["DPoP"] = proof
                      else
                        body = text
                      end
                      bodies[#bodies + 1] = body
                      headers[#headers + 1] = sent
                    end
                    line = line + 1
                  end
                end
                request = function()
                  n = n %% #bodies + 1
                  return wrk.format("POST", nil, headers[n], bodies[n])
                end
                """.formatted(forms.toAbsolutePath()));
        return script;
    }

    private static void print(Result result) {
        System.out.println(result.line());
    }

    /** Onboards a provider with a fresh RSA key (private_key_jwt, PS256), DPoP-bound or not. */
    private static ProviderClient onboard(Stack stack, String clientId, boolean dpop) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID(clientId + "-key").keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.PS256).generate();
        String body = """
                {"clientId": "%s", "name": "%s", "redirectUris": ["%s"], "jwks": {"keys": [%s]},
                 "allowedClusters": ["ACCOUNT_BASIC", "ACCOUNT_DETAILED", "TRANSACTIONS", "CUSTOMER_CONTACT"],
                 "tokenEndpointAuthMethod": "private_key_jwt", "dpopBoundAccessTokens": %s}
                """.formatted(clientId, clientId, REDIRECT_URI, key.toPublicJWK().toJSONString(), dpop);
        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + stack.secrets().get("BANKBRIDGE_ADMIN_SECRET"))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.tokenService().baseUrl() + "/admin/providers"))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("onboarding " + clientId + " refused: " + created.statusCode() + " " + created.body());
        }
        return new ProviderClient(stack.tokenService().baseUrl(), clientId, key, dpop);
    }

    private static List<String> refreshTokens(ProviderClient provider, int count) {
        Journey journey = new Journey(provider);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String person = String.format("%04d", i % 20 + 1);
            tokens.add(journey.connect("card.demo" + person, "Demo-" + person + "-pass!", Set.of("ACC-C-" + person + "-1"))
                    .tokens().refreshToken());
        }
        return tokens;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
