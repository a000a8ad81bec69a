package io.bankbridge.consent;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bankbridge.consent.security.Access;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * account-data-service's account listing as the Security Center reads it: every customer owns the two accounts the
 * consent fixtures grant ({@code ACC-1}, {@code ACC-2}), except a customer whose id starts with {@value #UNLISTED},
 * who has none listed. It answers only an internal token carrying {@code internal.accounts.list}; the access log is
 * not stood in for, so access history stays unavailable, as it is without account-data-service. It can be switched
 * to failing, and counts the listing requests it receives.
 */
public class AccountDataStandIn implements QuarkusTestResourceLifecycleManager {

    /** Customers account-data-service lists no account for. */
    static final String UNLISTED = "CUS-U-";
    static final String CARD = "Everyday Card ••••1234";
    static final String SAVINGS = "Rainy Day Savings ••••5678";

    private static final Pattern ACCOUNTS = Pattern.compile("/internal/customers/([^/]+)/accounts");
    private static final String LISTED = """
            [{"accountId":"ACC-1","accountType":"CARD","nickname":"Everyday Card","maskedNumber":"....1234",\
            "currency":"USD","status":"OPEN"},\
            {"accountId":"ACC-2","accountType":"SAVINGS","nickname":"Rainy Day Savings","maskedNumber":"....5678",\
            "currency":"USD","status":"OPEN"}]""";

    private static final AtomicInteger LISTINGS = new AtomicInteger();
    private static volatile boolean failing;

    private HttpServer server;

    /** While true, the account listing answers 503, as an account-data-service that cannot serve. */
    static void failing(boolean fail) {
        failing = fail;
    }

    /** Every account listing request that reached this stand-in, answered or refused. */
    static int listings() {
        return LISTINGS.get();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange);
            }
        });
        server.start();
        return Map.of("bankbridge.account-data-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        Matcher m = ACCOUNTS.matcher(exchange.getRequestURI().getPath());
        if (!"GET".equals(exchange.getRequestMethod()) || !m.matches()) {
            respond(exchange, 404, "{}");
            return;
        }
        LISTINGS.incrementAndGet();
        if (failing) {
            respond(exchange, 503, "{}");
        } else if (!scopes(exchange.getRequestHeaders().getFirst("Authorization")).contains(Access.ACCOUNTS_LIST)) {
            respond(exchange, 403, "{}");
        } else {
            respond(exchange, 200, m.group(1).startsWith(UNLISTED) ? "[]" : LISTED);
        }
    }

    private static List<String> scopes(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return List.of();
        }
        try {
            String scope = SignedJWT.parse(authorization.substring(7)).getJWTClaimsSet().getStringClaim("scope");
            return scope == null ? List.of() : List.of(scope.split(" "));
        } catch (ParseException e) {
            return List.of();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
