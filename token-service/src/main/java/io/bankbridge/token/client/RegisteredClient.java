package io.bankbridge.token.client;

import io.bankbridge.contract.token.InternalScope;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything the server knows about one OAuth client, whether onboarded (provider) or configured (internal and
 * first-party clients).
 *
 * @param internalScopes what client_credentials may grant an internal client; empty for every other client
 * @param jwks        inline public JWKS (private_key_jwt); null when {@code jwksUri} is used or for secret clients
 * @param jwksUri     where the client publishes its JWKS; may be null
 * @param secretHash  SHA-256 of the client secret (client_secret_basic); null otherwise
 * @param suspendedAt last suspension; tokens issued at or before it are void. Null if never suspended
 * @param postLogoutRedirectUris where RP-initiated logout may send the browser back to (exact match); may be empty
 * @param dpopBoundAccessTokens the client must prove a DPoP key at the token endpoint (RFC 9449 §5.2)
 */
public record RegisteredClient(String clientId, String name, String logoUri, List<String> redirectUris,
                               Set<String> allowedClusters, Set<InternalScope> internalScopes, ClientKind kind,
                               AuthMethod authMethod, String secretHash,
                               String jwks, String jwksUri, boolean active, Instant createdAt, Instant suspendedAt,
                               List<String> postLogoutRedirectUris, boolean dpopBoundAccessTokens) {

    /** The view the authorization pages use. */
    public Provider toProvider() {
        return new Provider(clientId, name, logoUri, redirectUris, allowedClusters, kind == ClientKind.FIRST_PARTY, active);
    }
}
