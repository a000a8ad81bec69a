package io.bankbridge.e2e;

import com.nimbusds.jose.jwk.JWK;
import io.bankbridge.local.ServiceProcess;
import io.bankbridge.local.Stack;
import io.bankbridge.local.provider.ProviderClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * What the fan-out latency benchmarks share: the stack they start (two data instances, steady-state JVM options, the
 * demo provider's rate limit lifted), the background callers that keep both instances serving while they measure,
 * and how they print their figures.
 */
final class LatencyRun implements AutoCloseable {

    /** The threads that ask the instances while a change travels, one per instance. */
    private static final ExecutorService PROBES = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
    /** Proofs signed ahead per instance and change: more than the requests a probe makes while a change travels. */
    static final int PROOFS_AHEAD = 32;

    final Stack stack;
    final ProviderClient provider;
    final Journey journey;
    final List<ServiceProcess> instances;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong backgroundCalls = new AtomicLong();
    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong probesSignedInline = new AtomicLong();
    private final AtomicLong probeNanos = new AtomicLong();
    private ExecutorService load;
    private int callers;

    private LatencyRun(Stack stack) throws Exception {
        this.stack = stack;
        this.provider = new ProviderClient(stack.tokenService().baseUrl(), "demo-budget-app",
                JWK.parse(Files.readString(stack.demoProviderKeyFile())).toRSAKey());
        this.journey = new Journey(provider);
        this.instances = stack.accountDataServices();
    }

    /**
     * Starts the stack. The services run with full JIT compilation here (the local stack trades that for a quicker
     * start); one provider drives all the traffic, so its rate limit, which is not what is measured, is lifted.
     */
    static LatencyRun start() throws Exception {
        System.out.println("starting the stack (2 account-data-service instances, steady-state JVM options) ...");
        Stack stack = Stack.builder().accountDataInstances(2).demo(true)
                .jvmOptions(List.of("-Xmx512m", "-XX:+UseSerialGC"))
                .env("BANKBRIDGE_PROVIDER_API_RATE_LIMIT_REQUESTS_PER_SECOND", "1000000")
                .env("BANKBRIDGE_PROVIDER_API_RATE_LIMIT_BURST", "1000000")
                .env("BANKBRIDGE_TOKENS_ACCESS_TOKEN_LIFETIME", "PT30M")
                .build().start();
        try {
            return new LatencyRun(stack);
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** Background callers unless the third argument names how many (0: the fan-out alone, without other traffic). */
    static int backgroundCallers(String[] args) {
        int callers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        if (callers < 0) {
            throw new IllegalArgumentException("background callers must be 0 or more, not " + callers);
        }
        return callers;
    }

    /** Tokens in use: one caller per connection keeps reading accounts, alternating between the instances. */
    void callInBackground(List<Journey.Connection> busy) {
        callers = busy.size();
        if (busy.isEmpty()) {
            return;
        }
        load = Executors.newFixedThreadPool(busy.size());
        for (int i = 0; i < busy.size(); i++) {
            Journey.Connection c = busy.get(i);
            ServiceProcess target = instances.get(i % instances.size());
            load.submit(() -> {
                while (running.get()) {
                    provider.get(target.baseUrl() + "/fdx/v6/accounts", c.tokens().accessToken());
                    backgroundCalls.incrementAndGet();
                }
            });
        }
    }

    void stopBackground() {
        running.set(false);
        if (load != null) {
            load.shutdownNow();
        }
    }

    /** Counts the probes from here on: called once the uncounted changes are done. */
    void countProbesFromHere() {
        probes.set(0);
        probesSignedInline.set(0);
        probeNanos.set(0);
    }

    /**
     * The run in lines: how many changes were measured, after how many uncounted ones, under which load, and how many
     * requests the probes made (those signed while asking, once the proofs signed ahead were used up, cost the cores
     * the services need).
     */
    String describe(String what, int measured, int warmUp) {
        return String.format("%-39s%d after %d warm-up (2 account-data-service instances, %d background callers, %d background calls)%n"
                        + "%-39s%d requests, %.1f per instance and change, %.1f ms each on average, %d signed while asking "
                        + "(%d signed ahead per instance and change)",
                what + " measured:", measured, warmUp, callers, backgroundCalls.get(),
                "probes while the changes travelled:", probes.get(), probes.get() / (double) (measured * instances.size()),
                probeNanos.get() / 1e6 / Math.max(1, probes.get()), probesSignedInline.get(), PROOFS_AHEAD);
    }

    /**
     * One measured change: milliseconds from its answer until every instance refused, and the floor under that figure,
     * one request to each instance made just before the change, with the same probes under the same load.
     */
    record Timed(double refused, double floor) {
    }

    /**
     * Prints the figures of the measured changes: "{@code label}" and, under it, the floor: what the figure would be
     * if every instance refused the moment the change returned.
     */
    static void printFigures(String label, List<Timed> changes) {
        printFigures(label, changes.stream().mapToDouble(Timed::refused).toArray());
        printFigures("floor: one request to each", changes.stream().mapToDouble(Timed::floor).toArray());
        System.out.println("  (the floor: the same probes, one request to each instance at once, for the grant still in "
                + "force just before each change)");
    }

    /** Prints p50, p99 and max of {@code millis} under {@code label}. */
    static void printFigures(String label, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf("%-33sp50:  %.1f ms%n", label, percentile(sorted, 50));
        System.out.printf("%-33sp99:  %.1f ms%n", "", percentile(sorted, 99));
        System.out.printf("%-33smax:  %.1f ms%n", "", sorted[sorted.length - 1]);
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * Asks every instance, each from a thread of its own and over and over, until each has said {@code refuses} once;
     * returns the milliseconds from {@code returned} (a {@link System#nanoTime()}) until the last of them did. One
     * instance's answer never waits behind a request to the other. Fails with {@code what} after 30 s.
     */
    static double untilEveryInstance(List<ServiceProcess> instances, long returned, Predicate<ServiceProcess> refuses,
                                     String what) {
        long deadline = returned + Duration.ofSeconds(30).toNanos();
        List<CompletableFuture<Long>> refusedAt = instances.stream().map(instance -> CompletableFuture.supplyAsync(() -> {
            while (!refuses.test(instance)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + " by " + instance.name() + " 30 s later");
                }
            }
            return System.nanoTime();
        }, PROBES)).toList();
        long last = refusedAt.stream().mapToLong(CompletableFuture::join).max().orElseThrow();
        return (last - returned) / 1e6;
    }

    /**
     * GETs of one path on every instance with one DPoP-bound token, their proofs signed before the change is made: the
     * probes then spend the instances' time, not the benchmark's own on signing, while the change travels. Each proof
     * is used once; once an instance's are used up, the next are signed as they are sent.
     */
    final class SignedAhead {
        private final String path;
        private final String token;
        private final Map<ServiceProcess, Queue<String>> proofs = new HashMap<>();

        /** {@code perInstance} proofs for the probes, and the floor's two, per instance. */
        SignedAhead(String path, String token, int perInstance) {
            this.path = path;
            this.token = token;
            for (ServiceProcess instance : instances) {
                Queue<String> signed = new ConcurrentLinkedQueue<>();
                for (int i = 0; i < perInstance + 2; i++) {
                    signed.add(provider.getProofSignedAhead(instance.baseUrl() + path, token));
                }
                proofs.put(instance, signed);
            }
        }

        /**
         * The floor under {@link #untilEveryInstance}, asked before the change is made: one request to every instance at
         * once, as the probes ask; returns the milliseconds until the last answer came, what the figure would be if every
         * instance refused the moment the change returned. The first request to each instance verifies the token and
         * looks up its consent, so it is made first and not timed: the floor is the second, as every probe after the
         * change is. Fails with {@code what} unless every instance answers {@code expected} (the grant is in force).
         */
        double floor(int expected, String what) {
            Predicate<ServiceProcess> answersExpected = instance -> {
                int status = send(instance);
                if (status != expected) {
                    throw new IllegalStateException(what + " by " + instance.name() + ": " + status);
                }
                return true;
            };
            untilEveryInstance(instances, System.nanoTime(), answersExpected, what);
            return untilEveryInstance(instances, System.nanoTime(), answersExpected, what);
        }

        /** A probe while the change travels: counted in {@link #describe}. */
        int status(ServiceProcess instance) {
            probes.incrementAndGet();
            if (proofs.get(instance).isEmpty()) {
                probesSignedInline.incrementAndGet();
            }
            long start = System.nanoTime();
            int status = send(instance);
            probeNanos.addAndGet(System.nanoTime() - start);
            return status;
        }

        /** One request with the next proof signed ahead (signed now once they are used up); not counted. */
        int send(ServiceProcess instance) {
            String proof = proofs.get(instance).poll();
            String url = instance.baseUrl() + path;
            return (proof == null ? provider.get(url, token) : provider.get(url, token, proof)).status();
        }
    }

    @Override
    public void close() {
        stopBackground();
        stack.close();
    }
}
