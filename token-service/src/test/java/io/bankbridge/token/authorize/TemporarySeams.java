package io.bankbridge.token.authorize;

import io.bankbridge.token.client.Provider;
import io.bankbridge.token.client.ProviderDirectory;
import io.bankbridge.token.generator.InternalTokenSource;
import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.bankbridge.token.grant.authcode.CodeGrant;
import io.bankbridge.token.par.PushedRequest;
import io.bankbridge.token.par.PushedRequests;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory stand-ins for the token core's seams, until its implementations are merged. */
@ApplicationScoped
public class TemporarySeams implements ProviderDirectory, PushedRequests, AuthorizationCodeIssuer, InternalTokenSource {

    static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>(Map.of(
            "security-center", new Provider("security-center", "Security Center", null,
                    List.of("http://localhost:8082/security-center/callback"), Set.of(), true, true)));
    static final Map<String, PushedRequest> PUSHED = new ConcurrentHashMap<>();
    static final Map<String, CodeGrant> CODES = new ConcurrentHashMap<>();

    @Override
    public Uni<Optional<Provider>> find(String clientId) {
        return Uni.createFrom().item(Optional.ofNullable(PROVIDERS.get(clientId)));
    }

    @Override
    public Uni<Optional<PushedRequest>> consume(String requestUri, String clientId) {
        PushedRequest pushed = PUSHED.remove(requestUri);
        return Uni.createFrom().item(Optional.ofNullable(pushed)
                .filter(p -> p.clientId().equals(clientId) && p.expiresAt().isAfter(Instant.now())));
    }

    @Override
    public Uni<String> issue(CodeGrant grant) {
        String code = UUID.randomUUID().toString();
        CODES.put(code, grant);
        return Uni.createFrom().item(code);
    }

    @Override
    public Uni<String> internalToken() {
        return Uni.createFrom().item("internal-token-for-tests-0123456789");
    }
}
