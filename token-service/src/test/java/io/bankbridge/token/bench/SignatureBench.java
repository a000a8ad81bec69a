package io.bankbridge.token.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Benchmark, not a test: runs {@link SigningAlgorithmsBenchmark} with JMH (one fork, one thread) and prints sign and
 * verify operations per second for PS256, ES256 and EdDSA (Bouncy Castle) on the running JDK; asserts nothing. Run with
 * {@code ./mvnw -B clean verify -pl token-service -am -Pbench -Dtest=SignatureBench -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code clean}: JMH's classes are generated when the tests are compiled with the bench profile);
 * {@code -Dbench.seconds=N} sets each measurement iteration's length (default 3).
 */
@Tag("bench")
class SignatureBench {

    @Test
    void printSignAndVerifyRatesOfEachAlgorithm() throws Exception {
        if (getClass().getClassLoader().getResource("META-INF/BenchmarkList") == null) {
            throw new IllegalStateException("JMH's benchmark list is missing: compile the tests with -Pbench (add clean)");
        }
        int seconds = Integer.getInteger("bench.seconds", 3);
        System.out.printf("%nJDK %s, %s, %d cores%n", Runtime.version(), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors());
        new Runner(new OptionsBuilder()
                .include(SigningAlgorithmsBenchmark.class.getName())
                .forks(1)
                .threads(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(3).measurementTime(TimeValue.seconds(seconds))
                .build()).run();
    }
}
