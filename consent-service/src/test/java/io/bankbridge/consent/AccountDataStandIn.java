package io.bankbridge.consent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bankbridge.consent.security.Access;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * account-data-service's account listing as the Security Center reads it: every customer owns the two accounts the
 * consent fixtures grant ({@code ACC-1}, {@code ACC-2}), except a customer whose id starts with {@value #UNLISTED},
 * who has none listed. It answers only an internal token carrying {@code internal.accounts.list}; the access log is
 * not stood in for, so access history stays unavailable, as it is without account-data-service.
 */
public class AccountDataStandIn implements QuarkusTestResourceLifecycleManager {

    /** Customers account-data-service lists no account for. */
    static final String UNLISTED = "CUS-U-";
    static final String CARD = "Everyday Card ••••1234";
    static final String SAVINGS = "Rainy Day Savings ••••5678";

    private static final String JSON = "application/json";
    private static final Pattern ACCOUNTS = Pattern.compile("/internal/customers/([^/]+)/accounts");
    private static final String LISTED = """
            [{"accountId":"ACC-1","accountType":"CARD","nickname":"Everyday Card","maskedNumber":"....1234",\
            "currency":"USD","status":"OPEN"},\
            {"accountId":"ACC-2","accountType":"SAVINGS","nickname":"Rainy Day Savings","maskedNumber":"....5678",\
            "currency":"USD","status":"OPEN"}]""";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        server = StandInServer.start(AccountDataStandIn::answer);
        return Map.of("bankbridge.account-data-service.url", StandInServer.url(server));
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
            StandInServer.respond(exchange, 404, JSON, "{}");
        } else if (!StandInServer.scopes(exchange.getRequestHeaders().getFirst("Authorization"))
                .contains(Access.ACCOUNTS_LIST)) {
            StandInServer.respond(exchange, 403, JSON, "{}");
        } else {
            StandInServer.respond(exchange, 200, JSON, m.group(1).startsWith(UNLISTED) ? "[]" : LISTED);
        }
    }
}
