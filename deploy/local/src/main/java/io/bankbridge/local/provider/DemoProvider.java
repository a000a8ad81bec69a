package io.bankbridge.local.provider;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "Demo Budget App": a provider a person can use in a browser against the local stack. It pushes an authorization
 * request, sends the browser to the bank, takes the code back (checking {@code state} and {@code iss}), exchanges
 * it with {@code private_key_jwt}, shows the shared accounts, and can refresh or revoke.
 */
public final class DemoProvider implements AutoCloseable {

    public static final String CLIENT_ID = "demo-budget-app";
    static final String SCOPE = "ACCOUNT_BASIC ACCOUNT_DETAILED TRANSACTIONS CUSTOMER_CONTACT";

    private final HttpServer server;
    private final String issuer;
    private final Path keyFile;
    private final String dataApi;
    private final String redirectUri;
    private final Map<String, ProviderClient.Authorization> pending = new ConcurrentHashMap<>();
    private volatile ProviderClient client;
    private volatile ProviderClient.Tokens tokens;

    private DemoProvider(HttpServer server, String issuer, Path keyFile, String dataApi) {
        this.server = server;
        this.issuer = issuer;
        this.keyFile = keyFile;
        this.dataApi = dataApi;
        this.redirectUri = "http://localhost:" + server.getAddress().getPort() + "/callback";
    }

    /** Serves the demo provider on {@code port} of the loopback interface. */
    public static DemoProvider start(int port, String issuer, Path keyFile, String dataApi) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            DemoProvider app = new DemoProvider(server, issuer, keyFile, dataApi);
            server.createContext("/", app::handle);
            server.start();
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the demo provider on port " + port, e);
        }
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
            switch (path) {
                case "/" -> page(exchange, 200, home());
                case "/connect" -> {
                    ProviderClient.Authorization authorization = client().authorize(redirectUri, SCOPE, Map.of());
                    pending.put(authorization.state(), authorization);
                    redirect(exchange, authorization.authorizeUrl());
                }
                case "/callback" -> callback(exchange, query);
                case "/refresh" -> {
                    tokens = ProviderClient.refreshed(client().refresh(tokens.refreshToken()), tokens.refreshToken());
                    redirect(exchange, "/");
                }
                case "/revoke" -> {
                    client().revoke(tokens.refreshToken(), "refresh_token");
                    redirect(exchange, "/");
                }
                default -> page(exchange, 404, "<p>Not found.</p>");
            }
        } catch (RuntimeException e) {
            page(exchange, 502, "<p>Something went wrong talking to the bank: " + escape(e.getMessage()) + "</p><p><a href=\"/\">Back</a></p>");
        }
    }

    private void callback(HttpExchange exchange, Map<String, String> query) throws IOException {
        ProviderClient.Authorization authorization = pending.remove(query.getOrDefault("state", ""));
        if (authorization == null) {
            page(exchange, 400, "<p>Unknown or reused state: this answer is not for a request we made.</p>");
            return;
        }
        if (!client().issuer().equals(query.get("iss"))) {
            page(exchange, 400, "<p>The answer did not come from our bank (iss " + escape(query.get("iss")) + ").</p>");
            return;
        }
        if (query.containsKey("error")) {
            page(exchange, 200, "<p>The bank answered <b>" + escape(query.get("error")) + "</b>: nothing was shared.</p><p><a href=\"/\">Back</a></p>");
            return;
        }
        tokens = ProviderClient.tokens(client().exchangeCode(authorization, query.get("code")));
        redirect(exchange, "/");
    }

    private String home() {
        StringBuilder html = new StringBuilder("<h1>Demo Budget App</h1>");
        if (tokens == null) {
            html.append("<p>See all your money in one place.</p><p><a class=\"button\" href=\"/connect\">Connect your bank</a></p>");
            return html.toString();
        }
        ProviderClient.Response accounts = client().get(dataApi + "/accounts", tokens.accessToken());
        html.append("<p>Connected. The bank answered ").append(accounts.status()).append(" for your accounts:</p><pre>")
                .append(escape(accounts.body())).append("</pre>")
                .append("<p><a href=\"/refresh\">Refresh the token</a> · <a href=\"/revoke\">Disconnect (revoke)</a> · ")
                .append("<a href=\"/connect\">Connect again</a></p>");
        return html.toString();
    }

    private ProviderClient client() {
        if (client == null) {
            try {
                RSAKey key = JWK.parse(Files.readString(keyFile)).toRSAKey();
                client = new ProviderClient(issuer, CLIENT_ID, key);
            } catch (IOException | ParseException e) {
                throw new IllegalStateException("The demo provider key is not readable at " + keyFile, e);
            }
        }
        return client;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(303, -1);
        exchange.close();
    }

    private static void page(HttpExchange exchange, int status, String body) throws IOException {
        byte[] html = ("<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<title>Demo Budget App</title><style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}"
                + "pre{background:#f4f4f4;padding:1rem;overflow:auto}.button{background:#0b5;color:#fff;padding:.6rem 1rem;"
                + "border-radius:.3rem;text-decoration:none}</style></head><body>" + body + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, html.length);
        exchange.getResponseBody().write(html);
        exchange.close();
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
