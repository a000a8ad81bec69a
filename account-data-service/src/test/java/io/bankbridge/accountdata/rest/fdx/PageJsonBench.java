package io.bankbridge.accountdata.rest.fdx;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Benchmark, not a test: runs {@link PageJsonBenchmark} with JMH (one fork, one thread) and prints the microseconds
 * one transactions page takes to write as JSON, as the service writes it and with Jackson's timestamp serializer;
 * asserts nothing. Run with
 * {@code ./mvnw -B clean verify -pl account-data-service -am -Pbench -Dtest=PageJsonBench -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code clean}: JMH's classes are generated when the tests are compiled with the bench profile);
 * {@code -Dbench.seconds=N} sets each iteration's length (default 3).
 */
class PageJsonBench {

    @Test
    void printTheTimeToWriteOnePage() throws Exception {
        if (getClass().getClassLoader().getResource("META-INF/BenchmarkList") == null) {
            throw new IllegalStateException("JMH's benchmark list is missing: compile the tests with -Pbench (add clean)");
        }
        int seconds = Integer.getInteger("bench.seconds", 3);
        System.out.printf("%nJDK %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        new Runner(new OptionsBuilder()
                .include(PageJsonBenchmark.class.getName())
                .forks(1)
                .threads(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(5).measurementTime(TimeValue.seconds(seconds))
                .build()).run();
    }
}
