package io.bankbridge.e2e;

import io.bankbridge.local.ServiceProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures how long an account the customer stopped sharing stays readable: from the moment the Security Center
 * answered the customer's "Stop sharing" (the connection page's form, posted with its CSRF token by a signed-in
 * customer) until both account-data-service instances answer 404 for that account with the consent's still-unexpired
 * access token, while other tokens keep calling the data API. Starts its own stack, as the revocation benchmark does.
 *
 * <p>Usage: {@code deploy/e2e/bench-narrowing [narrowings [warm-up [background-callers]]]} (default 200 after 30
 * uncounted, 4 background callers). Prints p50, p99 and max and their floor in the revocation benchmark's format, and
 * each instance's own "event time -> applied" figures ({@code consent.updated} travels the revocation topic).
 */
public final class NarrowingLatencyBenchmark {

    private NarrowingLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int narrowings = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int background = LatencyRun.backgroundCallers(args);
        try (LatencyRun run = LatencyRun.start()) {
            List<ServiceProcess> instances = run.instances;
            System.out.printf("connecting %d + %d + %d grants over two accounts through the full journey ...%n",
                    warmUp, narrowings, background);
            List<Journey.Connection> connections = new ArrayList<>();
            List<String> people = new ArrayList<>();
            for (int i = 0; i < warmUp + narrowings + background; i++) {
                String person = String.format("%04d", i % 20 + 1);
                people.add(person);
                connections.add(run.journey.connect("card.demo" + person, "Demo-" + person + "-pass!",
                        Set.of(account(person, 1), account(person, 2))));
            }
            run.callInBackground(connections.subList(warmUp + narrowings, connections.size()));

            System.out.println("signing the customers in to the Security Center ...");
            Map<String, SecurityCenter> signedIn = new HashMap<>();
            for (String person : people) {
                signedIn.computeIfAbsent(person, p -> SecurityCenter.signIn(run.stack.consentService().baseUrl(),
                        "card.demo" + p, "Demo-" + p + "-pass!"));
            }

            System.out.printf("warming up with %d narrowings (not counted) ...%n", warmUp);
            for (int i = 0; i < warmUp; i++) {
                narrowAndAwaitRefusal(run, signedIn.get(people.get(i)), connections.get(i), account(people.get(i), 2));
            }
            List<RevocationLatencyBenchmark.Delay> delayBefore = instances.stream().map(RevocationLatencyBenchmark.Delay::of).toList();
            run.countProbesFromHere();
            System.out.printf("stopping to share one account of %d grants, one after another ...%n", narrowings);
            List<LatencyRun.Timed> measured = new ArrayList<>();
            for (int i = 0; i < narrowings; i++) {
                int k = warmUp + i;
                measured.add(narrowAndAwaitRefusal(run, signedIn.get(people.get(k)), connections.get(k), account(people.get(k), 2)));
            }
            run.stopBackground();

            System.out.println();
            System.out.println(run.describe("narrowings", narrowings, warmUp));
            LatencyRun.printFigures("narrowed -> both refuse account", measured);
            System.out.println();
            System.out.println("event time -> applied, as each instance reports it during the measured run:");
            for (int k = 0; k < instances.size(); k++) {
                System.out.printf("  %-24s %s%n", instances.get(k).name(),
                        RevocationLatencyBenchmark.Delay.of(instances.get(k)).since(delayBefore.get(k)));
            }
        }
        System.exit(0);
    }

    private static String account(String person, int n) {
        return "ACC-C-" + person + "-" + n;
    }

    /**
     * The customer stops sharing {@code removed} in the Security Center; returns the milliseconds from that answer until
     * both instances refuse the account (404) to the consent's token, and the floor: one request to each just before,
     * while the account was shared.
     */
    private static LatencyRun.Timed narrowAndAwaitRefusal(LatencyRun run, SecurityCenter customer, Journey.Connection c,
                                                          String removed) {
        String token = c.tokens().accessToken();
        LatencyRun.SignedAhead account = run.new SignedAhead("/fdx/v6/accounts/" + removed, token, LatencyRun.PROOFS_AHEAD);
        double floor = account.floor(200, removed + " of grant " + c.consentId() + " not readable before");
        Browser.Page answer = customer.stopSharing(c.consentId(), removed);
        long returned = System.nanoTime();
        if (answer.status() != 303 || answer.redirectedTo() == null) {
            throw new IllegalStateException("narrowing refused: " + answer.status() + " " + answer.text());
        }
        return new LatencyRun.Timed(LatencyRun.untilEveryInstance(run.instances, returned,
                instance -> account.status(instance) == 404,
                removed + " of grant " + c.consentId() + " still readable"), floor);
    }
}
