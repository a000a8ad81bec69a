package io.bankbridge.token.generator;

import io.bankbridge.contract.token.InternalScope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * token-service's own internal access tokens, minted with its signing key (no HTTP round trip to itself) and
 * reused until shortly before they expire.
 */
@ApplicationScoped
public class LocalInternalTokenSource implements InternalTokenSource {

    /** Renew this long before expiry, so a token never expires in flight. */
    private static final long RENEW_BEFORE_SECONDS = 30;
    /**
     * What the account picker and the consent page call (account listing, consent decisions) and what a grant asks
     * while the revocation view is stale (a consent's state); nothing else.
     */
    static final List<String> SCOPES = Stream.of(InternalScope.ACCOUNTS_LIST, InternalScope.CONSENTS_DECIDE,
                    InternalScope.CONSENTS_READ)
            .map(InternalScope::value).toList();

    private final JwtTokenGenerator generator;
    private final String clientId;
    private final InstantSource clock;
    private volatile MintedAccessToken cached;

    LocalInternalTokenSource(JwtTokenGenerator generator,
                             @ConfigProperty(name = "quarkus.application.name") String clientId, InstantSource clock) {
        this.generator = generator;
        this.clientId = clientId;
        this.clock = clock;
    }

    @Override
    public Uni<String> internalToken() {
        MintedAccessToken token = cached;
        if (token == null || token.expiresAt().minusSeconds(RENEW_BEFORE_SECONDS).isBefore(clock.instant())) {
            token = generator.internalAccessToken(clientId, SCOPES);
            cached = token;
        }
        return Uni.createFrom().item(token.value());
    }
}
