package io.bankbridge.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        measure("no start-up cache", false, runs);
        try (Stack training = stack(true)) {
            training.start(); // the services record the cache when they exit
        }
        measure("start-up cache", true, runs);
    }

    private static Stack stack(boolean startupCache) {
        return Stack.builder().demo(false).startupCache(startupCache).oneAtATime().build();
    }

    private static void measure(String label, boolean startupCache, int runs) {
        Map<String, List<Long>> readyMillis = new LinkedHashMap<>();
        Map<String, List<Long>> residentMiB = new LinkedHashMap<>();
        Map<String, List<Long>> cpuMillis = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            try (Stack stack = stack(startupCache)) {
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
        readyMillis.forEach((service, millis) -> System.out.printf("%-18s %-22s ready %5d ms   CPU %5d ms   RSS %4d MiB%n",
                label, service, median(millis), median(cpuMillis.get(service)), median(residentMiB.get(service))));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
