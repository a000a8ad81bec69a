package io.bankbridge.token.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A provider as the admin API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderView(String clientId, String name, String logoUri, List<String> redirectUris,
                           List<String> allowedClusters, String tokenEndpointAuthMethod, Map<String, Object> jwks,
                           String jwksUri, String status, Instant createdAt, Instant suspendedAt,
                           boolean dpopBoundAccessTokens) {
}
