package io.bankbridge.accountdata.bench;

import io.bankbridge.accountdata.Metrics;
import io.bankbridge.accountdata.security.EnforcementSwitch;
import io.bankbridge.accountdata.security.VerifiedTokenCache;
import io.bankbridge.contract.token.Claims;
import io.bankbridge.local.Wrk;
import io.bankbridge.testsupport.DPoPProver;
import io.bankbridge.testsupport.TestIssuerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Load on {@code GET /fdx/v6/accounts/{id}/transactions} with valid tokens, 64 connections over loopback, measured
 * by wrk: once with the token and consent check, once with the check but without the verified-token cache, and once
 * with the check switched off, in the same warm JVM, so that the check's share of the request is visible; and with
 * DPoP-bound tokens, a fresh ES256 or PS256 proof per request (RFC 9449, checked on every request), next to bearer
 * tokens. Proofs are signed before each run (wrk cannot sign), one per request, so that the client's signing is not
 * part of the figure. Prints figures; asserts nothing about them. Run with {@code bench/run.sh} (or
 * {@code -Pbench}); not part of the tests.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class TransactionsBenchmark {

    /** Requests decided with the grants' owners because the revocation view was stale (off the fast path). */
    private static final String OWNER_CHECKS = "bankbridge_freshness_owner_checks_total";

    private static final int PERSONS = 20;

    @Inject
    EnforcementSwitch enforcement;

    @Inject
    VerifiedTokenCache tokenCache;

    /**
     * One run's figures, with the CPU time each served request cost this service's process and the machine's
     * PostgreSQL processes, in microseconds. PostgreSQL does the same work per request in every run, so its figure
     * shows how much the machine's own speed moved between runs.
     */
    record Result(String name, double rps, double p50ms, double p99ms, double serviceMicros, double postgresMicros) {
    }

    /** wrk saw answers other than 2xx: the run measured something else than served requests. */
    static final class NotAll2xx extends IllegalStateException {
        NotAll2xx(String message) {
            super(message);
        }
    }

    @Test
    void transactionsUnderLoad() throws Exception {
        String wrk = System.getProperty("bench.wrk", "wrk");
        String duration = System.getProperty("bench.duration", "20s");
        String base = "http://127.0.0.1:" + RestAssured.port;
        Path script = writeScript(base);

        run(wrk, base, script, "30s");  // warm-up: JIT (C2 keeps compiling well past 10 s here), pools, consent views
        // Off and on alternate so that a change in the machine's background load shows up as a spread between the
        // two "check on" runs instead of passing for the check's cost.
        List<Result> results = new ArrayList<>();
        double ownerChecks = Metrics.sum(OWNER_CHECKS);
        results.add(measure("check on (token cache)", wrk, base, script, duration));
        enforcement.setEnforced(false);
        results.add(measure("check off", wrk, base, script, duration));
        enforcement.setEnforced(true);
        results.add(measure("check on (token cache), again", wrk, base, script, duration));
        // DPoP: as many proofs as the bearer run served requests, and a fifth more (a DPoP run serves fewer)
        long proofsPerRun = Math.round(Math.max(results.get(0).rps(), results.get(2).rps()) * seconds(duration) * 1.2);
        for (DPoPProver prover : List.of(DPoPProver.es256(), DPoPProver.ps256())) {
            String alg = algorithmOf(prover);
            // a short warm-up of the proof check with proofs of its own, then the measured run
            run(wrk, base, writeDPoPScript(base, prover, Math.round(results.get(0).rps() * 10 * 1.2)), "10s");
            try {
                results.add(measure("DPoP " + alg + " proof per request", wrk, base,
                        writeDPoPScript(base, prover, proofsPerRun), duration));
            } catch (NotAll2xx e) {
                // On a machine whose load swings, a run can outpace the proofs signed for it: the rest are replays,
                // refused. Not a figure, so none is printed.
                results.add(new Result("DPoP " + alg + ": ran out of proofs", Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN));
            }
        }
        tokenCache.setEnabled(false);
        results.add(measure("check on, every token verified", wrk, base, script, duration));
        tokenCache.setEnabled(true);

        Result on = results.get(0).rps() > results.get(2).rps() ? results.get(0) : results.get(2);
        Result off = results.get(1);
        StringBuilder out = new StringBuilder("\n=== GET /fdx/v6/accounts/{id}/transactions, 64 connections, "
                + Runtime.getRuntime().availableProcessors() + " CPUs, " + duration + " per run ===\n");
        for (Result r : results) {
            out.append(String.format("%-34s %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   CPU per request: service %4.0f us, PostgreSQL %4.0f us%n",
                    r.name(), r.rps(), r.p50ms(), r.p99ms(), r.serviceMicros(), r.postgresMicros()));
        }
        out.append(String.format("check share of a request (1 - best rps_on / rps_off): %.1f %%%n", 100 * (1 - on.rps() / off.rps())));
        out.append(String.format("requests that asked the owners (revocation view stale) during the runs: %.0f%n",
                Metrics.sum(OWNER_CHECKS) - ownerChecks));
        System.out.println(out);
        Files.writeString(Path.of("target", "bench-results.txt"), out.toString());
    }

    /** The proof algorithm, as the proofs' header names it. */
    private static String algorithmOf(DPoPProver prover) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(prover.proof("GET", "http://bench/")).getHeader().getAlgorithm()
                    .getName();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seconds(String duration) {
        return Long.parseLong(duration.replaceAll("[^0-9]", ""));
    }

    /**
     * The same load with DPoP-bound tokens (one per demo person, bound to {@code prover}'s key) and {@code count}
     * proofs signed beforehand, each for its request's URL and token; each wrk thread takes every other proof, so no
     * proof is sent twice.
     */
    private static Path writeDPoPScript(String base, DPoPProver prover, long count) throws IOException {
        String publicUrl = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("bankbridge.dpop.public-url", String.class);
        List<String> paths = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 1; i <= PERSONS; i++) {
            String person = String.format("%04d", i);
            String account = "ACC-C-" + person + "-1";
            String consent = io.bankbridge.accountdata.ConsentServiceStandIn.authorized("CUS-C-" + person,
                    "demo-budget-app", List.of("TRANSACTIONS", "ACCOUNT_BASIC"), List.of(account));
            tokens.add(TestIssuerResource.issuer().providerToken("CUS-C-" + person, "demo-budget-app", consent,
                    "TRANSACTIONS", "ACCOUNT_BASIC").claim(Claims.CONFIRMATION, prover.confirmation())
                    .expiresAt(Instant.now().plus(Duration.ofHours(1))).sign());
            paths.add("/fdx/v6/accounts/" + account + "/transactions");
        }
        Path proofs = Files.createTempFile(Path.of("target"), "bench-proofs", ".txt");
        proofs.toFile().deleteOnExit();
        try (var out = Files.newBufferedWriter(proofs, StandardCharsets.US_ASCII)) {
            for (String line : java.util.stream.LongStream.range(0, count).parallel().mapToObj(n -> {
                int person = (int) (n % PERSONS);
                return (person + 1) + " " + prover.proof("GET", publicUrl + paths.get(person), tokens.get(person));
            }).toList()) {
                out.write(line);
                out.write('\n');
            }
        }
        StringBuilder lua = new StringBuilder("local paths = {}\nlocal tokens = {}\n");
        for (int i = 0; i < PERSONS; i++) {
            lua.append("paths[").append(i + 1).append("] = \"").append(paths.get(i)).append("\"\n");
            lua.append("tokens[").append(i + 1).append("] = \"DPoP ").append(tokens.get(i)).append("\"\n");
        }
        lua.append("local file = \"").append(proofs.toAbsolutePath()).append("\"\n");
        lua.append("""
                local threads = 0
                function setup(thread)
                  thread:set("id", threads)
                  threads = threads + 1
                end
                local mine = {}
                local n = 0
                function init(args)
                  local line = 0
                  for text in io.lines(file) do
                    if line % 2 == id then
                      local space = text:find(" ")
                      mine[#mine + 1] = { tonumber(text:sub(1, space - 1)), text:sub(space + 1) }
                    end
                    line = line + 1
                  end
                end
                request = function()
                  n = n % #mine + 1
                  local p = mine[n]
                  return wrk.format("GET", paths[p[1]], { ["Authorization"] = tokens[p[1]], ["DPoP"] = p[2] })
                end
                """);
        Path script = Path.of("target", "bench-transactions-dpop.lua");
        Files.writeString(script, lua.toString(), StandardCharsets.UTF_8);
        return script;
    }

    /** One consent and one token (valid an hour) per demo person, requests spread over them round robin. */
    private static Path writeScript(String base) throws IOException {
        StringBuilder lua = new StringBuilder("local paths = {}\nlocal tokens = {}\n");
        for (int i = 1; i <= PERSONS; i++) {
            String person = String.format("%04d", i);
            String account = "ACC-C-" + person + "-1";
            String consent = io.bankbridge.accountdata.ConsentServiceStandIn.authorized("CUS-C-" + person,
                    "demo-budget-app", List.of("TRANSACTIONS", "ACCOUNT_BASIC"), List.of(account));
            String token = TestIssuerResource.issuer().providerToken("CUS-C-" + person, "demo-budget-app", consent,
                    "TRANSACTIONS", "ACCOUNT_BASIC").expiresAt(Instant.now().plus(Duration.ofHours(1))).sign();
            lua.append("paths[").append(i).append("] = \"/fdx/v6/accounts/").append(account).append("/transactions\"\n");
            lua.append("tokens[").append(i).append("] = \"Bearer ").append(token).append("\"\n");
        }
        lua.append("""
                local n = 0
                request = function()
                  n = n % #paths + 1
                  return wrk.format("GET", paths[n], { ["Authorization"] = tokens[n] })
                end
                """);
        Path script = Path.of("target", "bench-transactions.lua");
        Files.writeString(script, lua.toString(), StandardCharsets.UTF_8);
        return script;
    }

    private static Result measure(String name, String wrk, String base, Path script, String duration) throws Exception {
        Duration service = cpu(ProcessHandle.current());
        Duration postgres = postgresCpu();
        Wrk.Figures figures = run(wrk, base, script, duration);
        if (figures.failed() > 0) {
            throw new NotAll2xx(name + ": some answers were not 2xx:\n" + figures.output());
        }
        return new Result(name, figures.requestsPerSecond(), figures.p50(), figures.p99(),
                micros(cpu(ProcessHandle.current()).minus(service)) / figures.requests(),
                micros(postgresCpu().minus(postgres)) / figures.requests());
    }

    /** The process's CPU time, user and system; the service runs in this JVM, wrk in a process of its own. */
    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The CPU time of every PostgreSQL process on the machine: the benchmark's database is the only one in use. */
    private static Duration postgresCpu() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .map(TransactionsBenchmark::cpu)
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static double micros(Duration d) {
        return d.toNanos() / 1000.0;
    }

    private static Wrk.Figures run(String wrk, String base, Path script, String duration) throws Exception {
        return Wrk.run(wrk, 2, 64, duration, script, base);
    }
}
