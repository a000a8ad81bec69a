package io.bankbridge.accountdata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bankbridge.contract.token.Audiences;
import io.bankbridge.contract.token.Claims;
import io.bankbridge.contract.token.Scopes;
import io.bankbridge.testsupport.ContractedStandIn;
import io.bankbridge.testsupport.TestIssuerResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * consent-service's {@code GET /internal/consents/{id}} and {@code .../state} as a real HTTP server in the test JVM, answering what the
 * test registered. It accepts only internal tokens signed by the test issuer with the scope
 * {@code internal.consents.read}, as consent-service would, and every exchange is held to consent-service's published
 * contract.
 */
public final class ConsentServiceStandIn implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Map<String, Object>> CONSENTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> READS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> STATE_READS = new ConcurrentHashMap<>();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();
    private static volatile boolean unavailable;
    private static HttpServer server;

    /** Registers an AUTHORIZED consent valid for 90 days and returns its id. */
    public static String authorized(String customerId, String providerId, List<String> clusters, List<String> accounts) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("id", id);
        consent.put("customerId", customerId);
        consent.put("providerId", providerId);
        consent.put("providerName", providerId);
        consent.put("dataClusters", clusters);
        consent.put("accountIds", accounts);
        consent.put("status", "AUTHORIZED");
        consent.put("createdAt", Instant.now().toString());
        consent.put("authorizedAt", Instant.now().toString());
        consent.put("expiresAt", Instant.now().plus(90, ChronoUnit.DAYS).toString());
        consent.put("grantVersion", 1L);
        consent.put("history", List.of());
        CONSENTS.put(id, consent);
        return id;
    }

    /**
     * consent-service now holds the consent as granting these clusters and accounts (a narrowing, say), one grant
     * version higher; returns that version.
     */
    public static long setGrant(String consentId, List<String> clusters, List<String> accounts) {
        Map<String, Object> consent = CONSENTS.get(consentId);
        consent.put("dataClusters", clusters);
        consent.put("accountIds", accounts);
        long version = (Long) consent.get("grantVersion") + 1;
        consent.put("grantVersion", version);
        return version;
    }

    /**
     * The next read of the consent answers what consent-service holds when the read arrives, but only once the
     * returned latch is counted down (at most 4 s later): a slow answer that a change can overtake.
     */
    public static CountDownLatch holdNextRead(String consentId) {
        CountDownLatch release = new CountDownLatch(1);
        HELD.put(consentId, release);
        return release;
    }

    /** consent-service now holds the consent as expiring at {@code expiresAt}. */
    public static void setExpiresAt(String consentId, Instant expiresAt) {
        CONSENTS.get(consentId).put("expiresAt", expiresAt.toString());
    }

    /** Changes what consent-service answers about a consent (not what account-data-service already holds). */
    public static void setStatus(String consentId, String status) {
        CONSENTS.get(consentId).put("status", status);
    }

    /** From now on, every request is answered 503, as by a consent-service that cannot serve (or until false). */
    public static void unavailable(boolean down) {
        unavailable = down;
    }

    /** How many times account-data-service asked for this consent's current state (only while its view is stale). */
    public static int stateReads(String consentId) {
        return STATE_READS.getOrDefault(consentId, new AtomicInteger()).get();
    }

    /** Every request that reached this stand-in, answered or refused. */
    public static int requests() {
        return REQUESTS.get();
    }

    /** How many times account-data-service asked about this consent. */
    public static int reads(String consentId) {
        return READS.getOrDefault(consentId, new AtomicInteger()).get();
    }

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/internal/consents/", ConsentServiceStandIn::get).getFilters()
                    .add(ContractedStandIn.of("consent-service"));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        }
        return Map.of("bankbridge.consent-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM
    }

    private static void get(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        if (!internalCaller(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, Map.of("status", 401, "title", "Unauthorized"));
            return;
        }
        if (unavailable) {
            respond(exchange, 503, Map.of("status", 503, "title", "Service Unavailable"));
            return;
        }
        String id = exchange.getRequestURI().getPath().substring("/internal/consents/".length());
        boolean state = id.endsWith("/state");
        id = state ? id.substring(0, id.length() - "/state".length()) : id;
        (state ? STATE_READS : READS).computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        Map<String, Object> consent = CONSENTS.get(id);
        if (consent == null) {
            respond(exchange, 404, Map.of("status", 404, "title", "Not Found"));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>(consent);
        CountDownLatch held = state ? null : HELD.remove(id);
        if (held != null) {
            try {
                held.await(4, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        respond(exchange, 200, answer);
    }

    private static boolean internalCaller(String authorization) {
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
            return jwt.verify(new RSASSAVerifier(TestIssuerResource.issuer().key().toRSAPublicKey()))
                    && jwt.getJWTClaimsSet().getAudience().contains(Audiences.INTERNAL)
                    && "account-data-service".equals(jwt.getJWTClaimsSet().getStringClaim(Claims.CLIENT_ID))
                    && List.of(jwt.getJWTClaimsSet().getStringClaim("scope").split(" ")).contains(Scopes.INTERNAL_CONSENTS_READ);
        } catch (Exception e) {
            return false;
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

}
