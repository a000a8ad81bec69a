package io.bankbridge.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, the HTTP load generator the benchmarks drive from a process of its own (a few microseconds of CPU per request,
 * so it takes little from the services it measures on the same machine), and the figures it prints.
 */
public final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
    private static final Pattern LATENCY = Pattern.compile("^\\s+Latency\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(\\d+)(?:\\.0+)?%\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern NOT_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern DURATION = Pattern.compile("([\\d.]+)(us|ms|s|m)");

    private Wrk() {
    }

    /**
     * What one run printed: requests per second, latency in milliseconds, the requests that did not end in a 2xx
     * (or 3xx) answer, socket errors and time-outs included, and how many requests completed in all.
     */
    public record Figures(double requestsPerSecond, double p50, double p90, double p99, double max, long failed,
                          long requests, String output) {
    }

    /** Runs {@code wrk} ({@code --latency}) with {@code script} against {@code url}; fails when wrk does. */
    public static Figures run(String wrk, int threads, int connections, String duration, Path script, String url)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(wrk, "-t" + threads, "-c" + connections, "-d" + duration, "--latency",
                "-s", script.toString(), url).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return parse(output);
    }

    static Figures parse(String output) {
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("wrk printed no rate:\n" + output);
        }
        double p50 = Double.NaN;
        double p90 = Double.NaN;
        double p99 = Double.NaN;
        for (Matcher m = PERCENTILE.matcher(output); m.find(); ) {
            switch (m.group(1)) {
                case "50" -> p50 = millis(m.group(2));
                case "90" -> p90 = millis(m.group(2));
                case "99" -> p99 = millis(m.group(2));
                default -> { }
            }
        }
        Matcher latency = LATENCY.matcher(output);
        double max = latency.find() ? millis(latency.group(3)) : Double.NaN;
        long failed = 0;
        Matcher not2xx = NOT_2XX.matcher(output);
        if (not2xx.find()) {
            failed += Long.parseLong(not2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                failed += Long.parseLong(socket.group(g));
            }
        }
        Matcher requests = REQUESTS.matcher(output);
        return new Figures(Double.parseDouble(rate.group(1)), p50, p90, p99, max, failed,
                requests.find() ? Long.parseLong(requests.group(1)) : 0, output);
    }

    /** A wrk duration ({@code 812.00us}, {@code 5.31ms}, {@code 1.02s}, {@code 1.50m}) in milliseconds. */
    private static double millis(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            case "m" -> value * 60_000;
            default -> value;
        };
    }
}
