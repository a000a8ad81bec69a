package io.bankbridge.token.client;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.bankbridge.contract.cluster.DataCluster;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Admin API request onboarding a provider. Each field's constraints are checked when it reaches
 * {@link ProviderAdministration#onboard}; what reads several fields or the keys themselves (exactly one of jwks and
 * jwksUri, public keys of a usable kind, an allowed authentication method) is checked there in code.
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
public record ProviderRegistration(
        @Pattern(regexp = "^" + ClientRegistry.CLIENT_ID_SHAPE + "$",
                message = "must be 3-64 characters of a-z, 0-9, '.', '_', '-'")
        String clientId,
        @NotNull @Pattern(regexp = VISIBLE, message = "must not be blank") @Size(max = 100) String name,
        @WebUri String logoUri,
        @NotEmpty List<@NotBlank @WebUri String> redirectUris,
        Map<String, Object> jwks,
        @WebUri String jwksUri,
        @NotEmpty List<@NotNull @Pattern(regexp = DataCluster.Names.ONE,
                message = "must be one of " + DataCluster.Names.ANY) String> allowedClusters,
        String tokenEndpointAuthMethod,
        @JsonAlias("dpop_bound_access_tokens") Boolean dpopBoundAccessTokens) {

    /** At least one character that {@link String#trim()} keeps (the name is stored trimmed). */
    static final String VISIBLE = "^[\\s\\S]*[^\\x00-\\x20][\\s\\S]*$";
}
