package io.bankbridge.accountdata.bench;

import io.bankbridge.accountdata.security.EnforcementSwitch;
import io.bankbridge.accountdata.security.VerifiedTokenCache;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Load on {@code GET /fdx/v6/accounts/{id}/transactions} with valid tokens, 64 connections over loopback, measured
 * by wrk: once with the token and consent check, once with the check but without the verified-token cache, and once
 * with the check switched off, in the same warm JVM, so that the check's share of the request is visible. Prints
 * figures; asserts nothing about them. Run with {@code bench/run.sh} (or {@code -Pbench}); not part of the tests.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class TransactionsBenchmark {

    private static final int PERSONS = 20;
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern PCT = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

    @Inject
    EnforcementSwitch enforcement;

    @Inject
    VerifiedTokenCache tokenCache;

    record Result(String name, double rps, double p50ms, double p99ms) {
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
        results.add(measure("check on (token cache)", wrk, base, script, duration));
        enforcement.setEnforced(false);
        results.add(measure("check off", wrk, base, script, duration));
        enforcement.setEnforced(true);
        results.add(measure("check on (token cache), again", wrk, base, script, duration));
        tokenCache.setEnabled(false);
        results.add(measure("check on, every token verified", wrk, base, script, duration));
        tokenCache.setEnabled(true);

        Result on = results.get(0).rps() > results.get(2).rps() ? results.get(0) : results.get(2);
        Result off = results.get(1);
        StringBuilder out = new StringBuilder("\n=== GET /fdx/v6/accounts/{id}/transactions, 64 connections, "
                + Runtime.getRuntime().availableProcessors() + " CPUs, " + duration + " per run ===\n");
        for (Result r : results) {
            out.append(String.format("%-34s %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms%n", r.name(), r.rps(), r.p50ms(), r.p99ms()));
        }
        out.append(String.format("check share of a request (1 - best rps_on / rps_off): %.1f %%%n", 100 * (1 - on.rps() / off.rps())));
        System.out.println(out);
        Files.writeString(Path.of("target", "bench-results.txt"), out.toString());
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
        String output = run(wrk, base, script, duration);
        Matcher rps = RPS.matcher(output);
        if (!rps.find()) {
            throw new IllegalStateException("wrk printed no rate:\n" + output);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher pct = PCT.matcher(output);
        while (pct.find()) {
            double value = Double.parseDouble(pct.group(2)) * switch (pct.group(3)) {
                case "us" -> 0.001;
                case "s" -> 1000.0;
                default -> 1.0;
            };
            if (pct.group(1).equals("50")) {
                p50 = value;
            } else {
                p99 = value;
            }
        }
        if (output.contains("Non-2xx")) {
            throw new IllegalStateException(name + ": some answers were not 2xx:\n" + output);
        }
        return new Result(name, Double.parseDouble(rps.group(1)), p50, p99);
    }

    private static String run(String wrk, String base, Path script, String duration) throws Exception {
        Process process = new ProcessBuilder(wrk, "-t2", "-c64", "-d" + duration, "--latency", "-s", script.toString(), base)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return output;
    }
}
