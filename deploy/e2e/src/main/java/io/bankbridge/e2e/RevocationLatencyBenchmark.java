package io.bankbridge.e2e;

import io.bankbridge.local.ServiceProcess;
import io.bankbridge.local.Stack;
import io.bankbridge.local.provider.ProviderClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures how long a revoked grant stays usable: from the moment the provider's revocation request returned
 * until both account-data-service instances refuse the consent's still-unexpired access token, while other
 * tokens keep calling the data API. Starts its own stack (fresh databases, a broker, two data instances).
 *
 * <p>Usage: {@code deploy/e2e/bench-revocation [--outage] [revocations [warm-up [background-callers]]]} (default 200
 * after 30 uncounted, 4 background callers). The services run with full JIT compilation here (the local stack trades
 * that for a quicker start). Each instance is asked by a thread of its own, with proofs signed before the revocation.
 * Prints p50, p99 and max, and the same of the floor under them (one request to each instance, for the grant still in
 * force, just before each revocation: the figure if both refused the moment the revocation returned), the broker's own
 * figures measured before the run (its floor: the fan-out passes through it), and each instance's own "event time ->
 * applied" figures. With {@code --outage} the broker is frozen (SIGSTOP) after the warm-up and stays frozen while the counted revocations
 * run: no event arrives, and the figures are those of the owner checks the instances make while their revocation view
 * is stale: an owner's answer is trusted for the freshness bound minus the owner time-out (1 s), timed from when it
 * was asked for, so every figure should stay within the bound (1.5 s) plus the time of the refused call itself.
 */
public final class RevocationLatencyBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DELAY_METRIC = "bankbridge_revocations_consumer_delay_seconds";
    private static final String RELAY_METRIC = "bankbridge_revocations_outbox_delay_seconds";

    private RevocationLatencyBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        boolean outage = arguments.length > 0 && arguments[0].equals("--outage");
        String[] args = outage ? Arrays.copyOfRange(arguments, 1, arguments.length) : arguments;
        int revocations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int background = LatencyRun.backgroundCallers(args);
        try (LatencyRun run = LatencyRun.start()) {
            ProviderClient provider = run.provider;
            List<ServiceProcess> instances = run.instances;

            System.out.println("measuring the broker alone ...");
            BrokerFloor broker = BrokerFloor.measure(run.stack.broker().bootstrapServers(), 100, 200, Duration.ofMillis(50));
            System.out.printf("connecting %d + %d + %d grants through the full journey ...%n", warmUp, revocations, background);
            List<Journey.Connection> connections = new ArrayList<>();
            for (int i = 0; i < warmUp + revocations + background; i++) {
                String person = String.format("%04d", i % 20 + 1);
                connections.add(run.journey.connect("card.demo" + person, "Demo-" + person + "-pass!", Set.of("ACC-C-" + person + "-1")));
            }
            run.callInBackground(connections.subList(warmUp + revocations, connections.size()));

            System.out.printf("warming up with %d revocations (not counted) ...%n", warmUp);
            for (int i = 0; i < warmUp; i++) {
                revokeAndAwaitRefusal(run, connections.get(i));
            }
            List<Delay> delayBefore = instances.stream().map(Delay::of).toList();
            Delay relayBefore = Delay.of(run.stack.consentService(), RELAY_METRIC);
            if (outage) {
                System.out.println("freezing the broker and waiting until every instance's revocation view is stale ...");
                run.stack.broker().freeze();
                for (ServiceProcess instance : instances) {
                    awaitView(instance, "stale");
                }
            }
            run.countProbesFromHere();
            System.out.printf("revoking %d grants one after another ...%n", revocations);
            List<LatencyRun.Timed> measured = new ArrayList<>();
            try {
                for (int i = 0; i < revocations; i++) {
                    measured.add(revokeAndAwaitRefusal(run, connections.get(warmUp + i)));
                }
            } finally {
                if (outage) {
                    run.stack.broker().thaw();
                }
            }
            run.stopBackground();

            System.out.println();
            System.out.println(run.describe("revocations", revocations, warmUp)
                    + (outage ? ", broker frozen: refused through the owner checks" : ""));
            LatencyRun.printFigures("revoke returned -> both refuse", measured);
            System.out.println();
            System.out.println("event written -> acknowledged by the broker, as consent-service's relay reports it ("
                    + RELAY_METRIC + "):");
            System.out.printf("  %-24s %s%n", run.stack.consentService().name(),
                    Delay.of(run.stack.consentService(), RELAY_METRIC).since(relayBefore));
            broker.print();
            System.out.println("event time -> applied, as each instance reports it during the measured run ("
                    + DELAY_METRIC + "):");
            for (int k = 0; k < instances.size(); k++) {
                System.out.printf("  %-24s %s%n", instances.get(k).name(), Delay.of(instances.get(k)).since(delayBefore.get(k)));
            }
        }
        System.exit(0);
    }

    /** Waits (at most 30 s) until the instance's readiness detail says its revocation view is {@code view}. */
    private static void awaitView(ServiceProcess instance, String view) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String ready = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (ready.replace(" ", "").contains("\"view\":\"" + view + "\"")) {
                    return;
                }
            } catch (IOException e) {
                // try again
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(instance.name() + "'s revocation view did not become " + view);
    }

    /**
     * Revokes one grant as its provider; returns the milliseconds from "revoke returned" until both instances refuse,
     * and the floor: one request to each just before, while the grant was in force.
     */
    private static LatencyRun.Timed revokeAndAwaitRefusal(LatencyRun run, Journey.Connection c) {
        Stack stack = run.stack;
        ProviderClient provider = run.provider;
        List<ServiceProcess> instances = run.instances;
        LatencyRun.SignedAhead accounts = run.new SignedAhead("/fdx/v6/accounts", c.tokens().accessToken(), LatencyRun.PROOFS_AHEAD);
        double floor = accounts.floor(200, "grant " + c.consentId() + " not usable before revocation");
        ProviderClient.Response revoked = provider.call("DELETE",
                stack.consentService().baseUrl() + "/consents/" + c.consentId(), c.tokens().accessToken(), null);
        long returned = System.nanoTime();
        if (revoked.status() >= 300) {
            throw new IllegalStateException("revocation refused: " + revoked.status() + " " + revoked.body());
        }
        return new LatencyRun.Timed(LatencyRun.untilEveryInstance(instances, returned,
                instance -> accounts.status(instance) == 401,
                "grant " + c.consentId() + " still honoured"), floor);
    }

    /** A delay timer of a service, read from its Prometheus endpoint (seconds; quantiles over a recent window). */
    record Delay(double count, double sum, double p50, double p99) {

        /** The instance's live-event delay: event time until applied. */
        static Delay of(ServiceProcess instance) {
            return of(instance, DELAY_METRIC);
        }

        static Delay of(ServiceProcess instance, String metric) {
            String metrics;
            try {
                metrics = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("metrics of " + instance.name() + " unavailable", e);
            }
            Map<String, Double> values = new HashMap<>();
            for (String line : metrics.split("\\n")) {
                if (line.startsWith(metric)) {
                    String[] parts = line.split(" ");
                    values.put(parts[0].substring(metric.length()), Double.parseDouble(parts[parts.length - 1]));
                }
            }
            return new Delay(values.getOrDefault("_count", 0.0), values.getOrDefault("_sum", 0.0),
                    values.getOrDefault("{quantile=\"0.5\"}", Double.NaN), values.getOrDefault("{quantile=\"0.99\"}", Double.NaN));
        }

        String since(Delay before) {
            double events = count - before.count;
            return String.format("%.0f events, mean %.1f ms (recent window p50 %.1f ms, p99 %.1f ms)",
                    events, events == 0 ? Double.NaN : (sum - before.sum) / events * 1000, p50 * 1000, p99 * 1000);
        }
    }
}
