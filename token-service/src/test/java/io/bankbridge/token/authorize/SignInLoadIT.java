package io.bankbridge.token.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.token.CoreTestSecrets;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 64 customers press "Sign in" at the same moment against the packaged application with the production heap
 * ({@code quarkus.test.arg-line}, as in the container files and deploy/k8s). Each Argon2id run holds 19 MiB: every
 * sign-in must be answered — the next page, the sign-in page with a notice, or 503 with {@code Retry-After} — and
 * the service must neither run out of memory nor stop answering. Prints the sign-ins per second; asserts no time.
 */
@QuarkusIntegrationTest
class SignInLoadIT {

    private static final int CUSTOMERS = 64;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A browser on the sign-in page: its session cookie and the form's CSRF token. */
    private record AtSignIn(String cookie, String csrf) {
    }

    @Test
    void everyConcurrentSignInIsAnsweredAndNoneRunsTheServiceOutOfMemory() throws Exception {
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        List<AtSignIn> browsers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            browsers.add(atSignIn(base));
        }

        Map<String, Integer> answers = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        long began;
        long ended;
        try (ExecutorService customers = Executors.newFixedThreadPool(CUSTOMERS)) {
            List<Future<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                AtSignIn browser = browsers.get(i);
                String username = "load.customer" + i;
                pending.add(customers.submit(() -> {
                    start.await();
                    return signIn(base, browser, username, "not-the-password-" + username);
                }));
            }
            began = System.nanoTime();
            start.countDown();
            for (Future<HttpResponse<String>> answer : pending) {
                HttpResponse<String> response = answer.get();
                String kind = kind(response);
                answers.merge(kind, 1, Integer::sum);
                if (kind.startsWith("wrong")) {
                    wrong.add(kind + ": " + response.body().substring(0, Math.min(200, response.body().length())));
                }
            }
            ended = System.nanoTime();
        }

        double seconds = (ended - began) / 1e9;
        System.out.printf("Sign-in load: %d concurrent sign-ins answered in %.2f s (%.1f sign-ins/s): %s%n",
                CUSTOMERS, seconds, CUSTOMERS / seconds, answers);
        assertEquals(List.of(), wrong);
        assertEquals(200, get(base, "/q/health/live", null).statusCode(), "the service still answers");
        assertTrue(kind(signIn(base, atSignIn(base), "load.after", "wrong")).matches("sign-in page|busy"),
                "and still signs customers in");
        Path log = Path.of("target", "quarkus.log");
        if (Files.exists(log)) {
            assertFalse(Files.readString(log).contains("OutOfMemoryError"), "no OutOfMemoryError in " + log);
        }
    }

    /** What the customer sees: the next page, the sign-in page again (with a notice), busy, or something wrong. */
    private static String kind(HttpResponse<String> response) {
        int status = response.statusCode();
        String location = response.headers().firstValue("Location").orElse("");
        if (status == 303 && location.endsWith("/authorize/signin")) {
            return "sign-in page";
        }
        if (status == 303) {
            return "signed in";
        }
        if (status == 503 && response.headers().firstValue("Retry-After").isPresent()) {
            return "busy";
        }
        return "wrong " + status;
    }

    private AtSignIn atSignIn(String base) throws IOException, InterruptedException {
        String authorize = "/authorize?client_id=security-center&response_type=code&redirect_uri="
                + URLEncoder.encode(CoreTestSecrets.SECURITY_CENTER_CALLBACK, StandardCharsets.UTF_8) + "&scope=openid&state=load&nonce=load"
                + "&code_challenge=" + ProviderFixture.challenge(Journeys.VERIFIER) + "&code_challenge_method=S256";
        HttpResponse<String> started = get(base, authorize, null);
        assertEquals(303, started.statusCode(), started.body());
        String cookie = started.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> page = get(base, "/authorize/signin", cookie);
        assertEquals(200, page.statusCode());
        Matcher csrf = CSRF.matcher(page.body());
        assertTrue(csrf.find(), "the sign-in form carries a CSRF token");
        return new AtSignIn(cookie, csrf.group(1));
    }

    private HttpResponse<String> signIn(String base, AtSignIn browser, String username, String password)
            throws IOException, InterruptedException {
        String form = "csrf=" + URLEncoder.encode(browser.csrf(), StandardCharsets.UTF_8) + "&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/authorize/signin")).timeout(Duration.ofSeconds(60))
                .header("Cookie", browser.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String base, String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
