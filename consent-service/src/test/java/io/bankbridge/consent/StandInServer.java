package io.bankbridge.consent;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bankbridge.testsupport.ContractedStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;

/** What the stand-ins for the other services share: a server on a free loopback port, the caller's scopes, answers. */
final class StandInServer {

    /** Answers one request; the exchange is closed afterwards. */
    interface Handler {
        void answer(HttpExchange exchange) throws IOException;
    }

    private StandInServer() {
    }

    /**
     * A started server on a free port of 127.0.0.1 that lets {@code handler} answer every request as {@code provider}
     * would: each exchange is held to that service's published contract.
     */
    static HttpServer start(String provider, Handler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.answer(exchange);
            }
        }).getFilters().add(ContractedStandIn.of(provider));
        server.start();
        return server;
    }

    static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The scopes of the internal token in a {@code Bearer} authorization header (the issuer checked it already). */
    static List<String> scopes(String authorization) {
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

    static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
