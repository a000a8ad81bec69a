package io.bankbridge.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code deploy/local/startup-bench [RUNS]}: how long each service takes from its process start to ready when started
 * alone (token-service, then consent-service, then account-data-service), the processor time it used until then (all
 * threads; a figure that hardly depends on the machine's other load) and its resident memory then — first
 * without a start-up cache, then with the one the local stack uses (recorded by one training run in between).
 * Prints the median of RUNS (default 3) fresh stacks per line.
 */
public final class StartupBench {

    private StartupBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.printf("JDK %s, %d processors, median of %d runs%n", Runtime.version(), Runtime.getRuntime().availableProcessors(), runs);
        measure("no start-up cache", () -> stack(false), runs);
        try (Stack training = stack(true)) {
            training.start(); // the services record the cache when they exit
        }
        measure("start-up cache", () -> stack(true), runs);
        // A restart: the schemas are migrated and the topic holds events, as when a pod is replaced or added.
        long id = System.currentTimeMillis();
        Path workDir = Stack.projectRoot().resolve("deploy/local/target/startup-bench-" + id);
        int kafkaPort = KafkaBroker.freePort();
        Supplier<Stack> kept = () -> Stack.builder().kept(workDir, kafkaPort, "_startup_" + id).demo(false)
                .startupCache(true).oneAtATime().build();
        Stack first = kept.get();
        try {
            try (first) {
                first.start();
            }
            measure("restart, cache", kept, runs);
        } finally {
            first.dropDatabases();
        }
    }

    private static Stack stack(boolean startupCache) {
        return Stack.builder().demo(false).startupCache(startupCache).oneAtATime().build();
    }

    private static void measure(String label, Supplier<Stack> stacks, int runs) {
        Map<String, List<Long>> readyMillis = new LinkedHashMap<>();
        Map<String, List<Long>> residentMiB = new LinkedHashMap<>();
        Map<String, List<Long>> cpuMillis = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            try (Stack stack = stacks.get()) {
                stack.start();
                List<ServiceProcess> services = new ArrayList<>(List.of(stack.tokenService(), stack.consentService()));
                services.addAll(stack.accountDataServices());
                for (ServiceProcess service : services) {
                    Duration ready = service.readyAfter();
                    readyMillis.computeIfAbsent(service.name(), n -> new ArrayList<>()).add(ready.toMillis());
                    residentMiB.computeIfAbsent(service.name(), n -> new ArrayList<>()).add(service.residentKiB() / 1024);
                    Duration cpu = service.cpuUntilReady();
                    cpuMillis.computeIfAbsent(service.name(), n -> new ArrayList<>()).add(cpu == null ? -1 : cpu.toMillis());
                }
            }
        }
        readyMillis.forEach((service, millis) -> System.out.printf("%-22s %-22s ready %5d ms   CPU %5d ms   RSS %4d MiB%n",
                label, service, median(millis), median(cpuMillis.get(service)), median(residentMiB.get(service))));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
