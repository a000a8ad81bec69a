package io.bankbridge.token.client;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;
import java.util.Map;

/**
 * Admin API request onboarding a provider.
 *
 * @param clientId                optional; generated when absent
 * @param name                    shown to customers
 * @param logoUri                 shown next to the name; optional
 * @param redirectUris            exact redirect URIs (https, or http on localhost for development)
 * @param jwks                    the provider's public keys as a JWKS object (private_key_jwt), or
 * @param jwksUri                 where the provider publishes them
 * @param allowedClusters         FDX data clusters the provider may ask for
 * @param tokenEndpointAuthMethod {@code private_key_jwt} (the default and, per FAPI 2.0, the only method a provider
 *                                may use until mutual TLS is supported); anything else is refused
 * @param dpopBoundAccessTokens   the provider must send DPoP proofs and gets DPoP-bound tokens only (RFC 9449 §5.2
 *                                {@code dpop_bound_access_tokens}); true when absent, as FAPI 2.0 wants
 */
public record ProviderRegistration(String clientId, String name, String logoUri, List<String> redirectUris,
                                   Map<String, Object> jwks, String jwksUri, List<String> allowedClusters,
                                   String tokenEndpointAuthMethod,
                                   @JsonAlias("dpop_bound_access_tokens") Boolean dpopBoundAccessTokens) {
}
