package io.bankbridge.consent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bankbridge.consent.security.Access;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * account-data-service's account listing as the Security Center reads it: every customer owns the two accounts the
 * consent fixtures grant ({@code ACC-1}, {@code ACC-2}), except a customer whose id starts with {@value #UNLISTED},
 * who has none listed. It answers only an internal token carrying {@code internal.accounts.list}; the access log is
 * not stood in for: it answers 503, so access history stays unavailable, as it is without account-data-service (the
 * real service never answers 404 there, and the stand-in is held to its published contract). It can be switched
 * to failing, and counts the listing requests it receives.
 */
public class AccountDataStandIn implements QuarkusTestResourceLifecycleManager {

    /** Customers account-data-service lists no account for. */
    static final String UNLISTED = "CUS-U-";
    static final String CARD = "Everyday Card ••••1234";
    static final String SAVINGS = "Rainy Day Savings ••••5678";

    private static final String JSON = "application/json";
    private static final String ACCESS_LOG = "/internal/access-log";
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
        server = StandInServer.start("account-data-service", AccountDataStandIn::answer);
        return Map.of("bankbridge.account-data-service.url", StandInServer.url(server));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        if (ACCESS_LOG.equals(exchange.getRequestURI().getPath())) {
            StandInServer.respond(exchange, 503, JSON, "{}");
            return;
        }
        Matcher m = ACCOUNTS.matcher(exchange.getRequestURI().getPath());
        if (!"GET".equals(exchange.getRequestMethod()) || !m.matches()) {
            StandInServer.respond(exchange, 404, JSON, "{}");
            return;
        }
        LISTINGS.incrementAndGet();
        if (failing) {
            StandInServer.respond(exchange, 503, JSON, "{}");
        } else if (!StandInServer.scopes(exchange.getRequestHeaders().getFirst("Authorization"))
                .contains(Access.ACCOUNTS_LIST)) {
            StandInServer.respond(exchange, 403, JSON, "{}");
        } else {
            StandInServer.respond(exchange, 200, JSON, m.group(1).startsWith(UNLISTED) ? "[]" : LISTED);
        }
    }
}
