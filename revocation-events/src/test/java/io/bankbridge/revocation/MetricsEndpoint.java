package io.bankbridge.revocation;

import static io.restassured.RestAssured.given;

import java.util.OptionalDouble;

/** Reads one series from {@code /q/metrics}, as Prometheus scrapes it. */
final class MetricsEndpoint {

    private MetricsEndpoint() {
    }

    /** The value of a series, e.g. {@code name{label="value"}}; fails if the application does not report it. */
    static double value(String series) {
        return find(series).orElseThrow(() -> new AssertionError(series + " is not in /q/metrics"));
    }

    /** The value of a series, 0 while nothing has been counted yet. */
    static double valueOrZero(String series) {
        return find(series).orElse(0);
    }

    private static OptionalDouble find(String series) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length()).trim()))
                .findFirst();
    }
}
