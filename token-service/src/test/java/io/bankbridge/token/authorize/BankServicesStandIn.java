package io.bankbridge.token.authorize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bankbridge.contract.token.Audiences;
import io.bankbridge.contract.token.Scopes;
import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventCodec;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.testsupport.ContractedStandIn;
import io.bankbridge.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real HTTP server in the test JVM standing in for account-data-service and consent-service: it implements their
 * documented internal contract (accounts of the demo customers; consent decision / read / amend / revoke, announcing a
 * revocation on the topic as consent-service does), records
 * what it received, and can be switched to failing to play an outage. Every exchange is held to the contract the
 * service it plays publishes.
 */
public final class BankServicesStandIn implements QuarkusTestResourceLifecycleManager {

    /** A call received by the consent stand-in. */
    public record ConsentCall(String operation, String consentId, JsonNode body, String authorization) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNTS = Pattern.compile("/internal/customers/([^/]+)/accounts");
    private static final Pattern CONSENT_AMEND = Pattern.compile("/internal/consents/([^/]+)/amend");
    private static final Pattern CONSENT = Pattern.compile("/internal/consents/([^/]+)");
    private static final Pattern CONSENT_STATE = Pattern.compile("/internal/consents/([^/]+)/state");
    private static final Pattern CONSENT_REVOKE = Pattern.compile("/internal/consents/([^/]+)/revoke");
    private static final String SOURCE = "/bankbridge/consent-service";
    private static final String TOPIC = "bankbridge.revocations";

    private static final List<ConsentCall> CONSENT_CALLS = new CopyOnWriteArrayList<>();
    private static final Map<String, ObjectNode> CONSENTS = new ConcurrentHashMap<>();
    /** The consent each idempotency key recorded, and the decision it recorded. */
    private static final Map<String, ConsentCall> DECISIONS = new ConcurrentHashMap<>();
    private static final Map<String, String> ENDED = new ConcurrentHashMap<>();
    private static final AtomicInteger STATE_READS = new AtomicInteger();
    private static final AtomicInteger ACCOUNT_REQUESTS = new AtomicInteger();
    private static final Map<String, AtomicInteger> REVOKE_REQUESTS = new ConcurrentHashMap<>();
    /** Consents the tests granted without the consent page (a code minted directly): consent id to provider. */
    private static final Map<String, String> GRANTED = new ConcurrentHashMap<>();
    private static volatile boolean failing;

    private HttpServer server;

    /** Every call consent-service received, in order. */
    public static List<ConsentCall> consentCalls() {
        return List.copyOf(CONSENT_CALLS);
    }

    /** The calls consent-service received after the first {@code count} ones. */
    public static List<ConsentCall> consentCallsSince(int count) {
        List<ConsentCall> all = consentCalls();
        return all.subList(count, all.size());
    }

    /** From now on consent-service says this consent has ended with {@code status} (e.g. REVOKED). */
    public static void endConsent(String consentId, String status) {
        ENDED.put(consentId, status);
    }

    /** How many times token-service asked for a consent's state. */
    public static int stateReads() {
        return STATE_READS.get();
    }

    /** Every request that reached the account-data stand-in, answered or refused. */
    public static int accountRequests() {
        return ACCOUNT_REQUESTS.get();
    }

    /** From now on consent-service holds this consent as authorized for the provider (a code minted directly). */
    public static void granted(String consentId, String providerId) {
        if (consentId != null) {
            GRANTED.put(consentId, providerId);
        }
    }

    /** How many requests to revoke the consent reached consent-service, answered or refused. */
    public static int revokeRequests(String consentId) {
        AtomicInteger requests = REVOKE_REQUESTS.get(consentId);
        return requests == null ? 0 : requests.get();
    }

    /** Publishes an event on the topic as another service's outbox relay does (consent-service's, for a revocation). */
    public static void announce(RevocationEvent event) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        // Kafka loads its classes through the context class loader: the stand-in's server threads have another one.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaProducer.class.getClassLoader());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, event.key(), RevocationEventCodec.encode(event)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event.type(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** While true, both services answer 503 to everything. */
    public static void failing(boolean fail) {
        failing = fail;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/customers/", this::accounts).getFilters()
                .add(ContractedStandIn.of("account-data-service"));
        server.createContext("/internal/consents", this::consents).getFilters().add(ContractedStandIn.of("consent-service"));
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("bankbridge.account-data-service.url", url, "bankbridge.consent-service.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void accounts(HttpExchange exchange) throws IOException {
        ACCOUNT_REQUESTS.incrementAndGet();
        Matcher m = ACCOUNTS.matcher(exchange.getRequestURI().getPath());
        if (failing || !bearer(exchange, Scopes.INTERNAL_ACCOUNTS_LIST) || !m.matches()
                || !"GET".equals(exchange.getRequestMethod())) {
            answer(exchange, failing ? 503 : 401, JSON.createObjectNode());
            return;
        }
        answer(exchange, 200, demoAccounts(m.group(1)));
    }

    /** The demo convention: CUS-C-n owns a card and a checking account, CUS-S-n a savings account. */
    private static ArrayNode demoAccounts(String customerId) {
        ArrayNode accounts = JSON.createArrayNode();
        Matcher m = Pattern.compile("CUS-([CS])-(\\d{4})").matcher(customerId);
        if (!m.matches()) {
            return accounts;
        }
        String n = m.group(2);
        if ("C".equals(m.group(1))) {
            accounts.add(account("ACC-C-" + n + "-1", "CARD", "Rewards Card", "****" + n));
            accounts.add(account("ACC-C-" + n + "-2", "CHECKING", "Everyday Checking", "****2" + n.substring(1)));
        } else {
            accounts.add(account("ACC-S-" + n + "-1", "SAVINGS", "High Yield Savings", "****9" + n.substring(1)));
        }
        return accounts;
    }

    private static ObjectNode account(String id, String type, String nickname, String masked) {
        return JSON.createObjectNode().put("accountId", id).put("accountType", type).put("nickname", nickname)
                .put("maskedNumber", masked).put("currency", "USD").put("status", "OPEN");
    }

    private void consents(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher state = CONSENT_STATE.matcher(path);
        if ("GET".equals(exchange.getRequestMethod()) && state.matches()) {
            state(exchange, state.group(1));
            return;
        }
        Matcher read = CONSENT.matcher(path);
        if ("GET".equals(exchange.getRequestMethod()) && read.matches()) {
            read(exchange, read.group(1));
            return;
        }
        Matcher revoke = CONSENT_REVOKE.matcher(path);
        if ("POST".equals(exchange.getRequestMethod()) && revoke.matches()) {
            revoke(exchange, revoke.group(1));
            return;
        }
        if (failing || !bearer(exchange, Scopes.INTERNAL_CONSENTS_DECIDE) || !"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, failing ? 503 : 401, JSON.createObjectNode());
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if ("/internal/consents/decisions".equals(path)) {
            decide(exchange, body, authorization);
            return;
        }
        Matcher amend = CONSENT_AMEND.matcher(path);
        if (amend.matches()) {
            amend(exchange, amend.group(1), body, authorization);
            return;
        }
        answer(exchange, 404, JSON.createObjectNode().put("status", 404).put("title", "Not Found"));
    }

    /**
     * consent-service's decision: the consent authorized (expiring {@code durationDays} from now) or rejected, once per
     * idempotency key; the same key again answers that consent (200) with the same body, 409 with another.
     */
    private static void decide(HttpExchange exchange, JsonNode body, String authorization) throws IOException {
        String key = body.path("idempotencyKey").asText();
        ConsentCall earlier = DECISIONS.get(key);
        if (earlier != null) {
            CONSENT_CALLS.add(new ConsentCall("decide", earlier.consentId(), body, authorization));
            if (earlier.body().equals(body)) {
                answer(exchange, 200, CONSENTS.get(earlier.consentId()));
            } else {
                answer(exchange, 409, JSON.createObjectNode().put("status", 409).put("title", "Conflict"));
            }
            return;
        }
        boolean approved = "APPROVED".equals(body.path("decision").asText());
        ObjectNode consent = consent(UUID.randomUUID().toString(), body.path("customerId").asText(),
                body.path("providerId").asText(), body.path("providerName").asText(),
                approved ? "AUTHORIZED" : "REJECTED");
        consent.set("dataClusters", body.get("dataClusters"));
        if (approved) {
            consent.set("accountIds", body.get("accountIds"));
            consent.put("authorizedAt", java.time.Instant.now().toString());
            consent.put("expiresAt", java.time.Instant.now()
                    .plus(java.time.Duration.ofDays(body.get("durationDays").asInt())).toString());
        }
        String id = consent.get("id").asText();
        CONSENTS.put(id, consent);
        ConsentCall call = new ConsentCall("decide", id, body, authorization);
        DECISIONS.put(key, call);
        CONSENT_CALLS.add(call);
        answer(exchange, 201, consent);
    }

    /**
     * consent-service's revocation: a consent in force is revoked and {@code consent.revoked} announced once; one that
     * has ended already is a conflict, one it does not hold is unknown.
     */
    private static void revoke(HttpExchange exchange, String consentId) throws IOException {
        REVOKE_REQUESTS.computeIfAbsent(consentId, id -> new AtomicInteger()).incrementAndGet();
        if (failing || !bearer(exchange, Scopes.INTERNAL_CONSENTS_DECIDE)) {
            answer(exchange, failing ? 503 : 401, JSON.createObjectNode());
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        ObjectNode known = CONSENTS.get(consentId);
        String providerId = known != null ? known.path("providerId").asText() : GRANTED.get(consentId);
        if (providerId == null) {
            answer(exchange, 404, JSON.createObjectNode().put("status", 404).put("title", "Not Found"));
            return;
        }
        String status = ENDED.getOrDefault(consentId, known == null ? "AUTHORIZED" : known.get("status").asText());
        if (!"AUTHORIZED".equals(status)) {
            answer(exchange, 409, JSON.createObjectNode().put("status", 409).put("title", "Conflict"));
            return;
        }
        Actor actor = Actor.valueOf(body.path("actor").asText());
        announce(RevocationEvent.aboutConsent(SOURCE, RevocationEventType.CONSENT_REVOKED, new RevocationData(consentId,
                providerId, null, null, actor, body.path("reason").asText(), java.time.Instant.now())));
        ENDED.put(consentId, "REVOKED");
        CONSENT_CALLS.add(new ConsentCall("revoke", consentId, body, exchange.getRequestHeaders().getFirst("Authorization")));
        answer(exchange, 200, shown(consentId).put("revokedAt", java.time.Instant.now().toString())
                .put("revokedBy", actor.name()));
    }

    /** A consent consent-service holds, as it shows it. */
    private static void read(HttpExchange exchange, String consentId) throws IOException {
        if (failing || !bearer(exchange, Scopes.INTERNAL_CONSENTS_READ)) {
            answer(exchange, failing ? 503 : 401, JSON.createObjectNode());
            return;
        }
        if (!CONSENTS.containsKey(consentId)) {
            answer(exchange, 404, JSON.createObjectNode().put("status", 404).put("title", "Not Found"));
            return;
        }
        answer(exchange, 200, shown(consentId));
    }

    /** A consent as consent-service answers it, with what it always states, granting nothing yet. */
    private static ObjectNode consent(String id, String customerId, String providerId, String providerName,
            String status) {
        ObjectNode consent = JSON.createObjectNode().put("id", id).put("customerId", customerId)
                .put("providerId", providerId).put("providerName", providerName).put("status", status)
                .put("createdAt", java.time.Instant.now().toString()).put("grantVersion", 1L);
        consent.putArray("dataClusters");
        consent.putArray("accountIds");
        consent.putArray("history");
        return consent;
    }

    /**
     * A consent as consent-service shows it: what this stand-in recorded, else one authorized for the provider a
     * test granted it to (tests mint codes for consents consent-service never saw), ended where {@link #endConsent}
     * said so.
     */
    private static ObjectNode shown(String consentId) {
        ObjectNode known = CONSENTS.get(consentId);
        ObjectNode shown = known != null ? known.deepCopy()
                : consent(consentId, "CUS-C-0001", GRANTED.getOrDefault(consentId, "unknown"), "unknown", "AUTHORIZED");
        if (ENDED.containsKey(consentId)) {
            shown.put("status", ENDED.get(consentId));
        }
        return shown;
    }

    /**
     * consent-service's merge and replace: the provider's authorized consent gains, or is set to, the clusters and
     * accounts, one grant version higher, and with a duration expires that long from now.
     */
    private static void amend(HttpExchange exchange, String consentId, JsonNode body, String authorization)
            throws IOException {
        ObjectNode consent = CONSENTS.get(consentId);
        if (consent == null || !consent.path("providerId").asText().equals(body.path("providerId").asText())) {
            answer(exchange, 404, JSON.createObjectNode().put("status", 404).put("title", "Not Found"));
            return;
        }
        if (!"AUTHORIZED".equals(consent.get("status").asText()) || ENDED.containsKey(consentId)) {
            answer(exchange, 409, JSON.createObjectNode().put("status", 409).put("title", "Conflict"));
            return;
        }
        CONSENT_CALLS.add(new ConsentCall("amend", consentId, body, authorization));
        boolean merge = "MERGE".equals(body.path("action").asText());
        consent.set("dataClusters", merge ? union(consent.get("dataClusters"), body.get("dataClusters")) : body.get("dataClusters"));
        consent.set("accountIds", merge ? union(consent.get("accountIds"), body.get("accountIds")) : body.get("accountIds"));
        consent.put("grantVersion", consent.get("grantVersion").asLong() + 1);
        if (body.hasNonNull("durationDays")) {
            consent.put("expiresAt", java.time.Instant.now().plus(java.time.Duration.ofDays(body.get("durationDays").asInt()))
                    .toString());
        }
        answer(exchange, 200, consent);
    }

    private static ArrayNode union(JsonNode first, JsonNode more) {
        java.util.LinkedHashSet<String> values = new java.util.LinkedHashSet<>();
        first.forEach(v -> values.add(v.asText()));
        more.forEach(v -> values.add(v.asText()));
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    /** A consent's state, as {@link #shown} has it, without what only the full consent states. */
    private static void state(HttpExchange exchange, String consentId) throws IOException {
        if (failing || !bearer(exchange, Scopes.INTERNAL_CONSENTS_READ)) {
            answer(exchange, failing ? 503 : 401, JSON.createObjectNode());
            return;
        }
        STATE_READS.incrementAndGet();
        ObjectNode state = shown(consentId);
        state.retain("id", "customerId", "providerId", "status", "expiresAt", "dataClusters", "accountIds");
        answer(exchange, 200, state);
    }

    /** Whether the call carries an internal access token (a JWT with audience bankbridge-internal) with the scope. */
    private static boolean bearer(HttpExchange exchange, String scope) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("aud").toString().contains(Audiences.INTERNAL)
                    && List.of(claims.path("scope").asText().split(" ")).contains(scope);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status < 400 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
