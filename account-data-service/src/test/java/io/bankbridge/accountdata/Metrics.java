package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;

/** Reads the application's metrics as Prometheus scrapes them ({@code /q/metrics}). */
public final class Metrics {

    private Metrics() {
    }

    /** The sum of every series of a metric (0 while it has none). */
    public static double sum(String name) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
