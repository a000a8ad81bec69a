package io.bankbridge.token.endpoint;

import io.bankbridge.contract.cluster.DataCluster;
import io.bankbridge.contract.token.Claims;
import io.bankbridge.contract.token.Scopes;
import io.bankbridge.dpop.DPoPProofVerifier;
import io.bankbridge.token.client.AuthMethod;
import io.bankbridge.token.client.ClientAuthenticator;
import io.bankbridge.token.client.ClientKind;
import io.bankbridge.token.keys.SigningKeys;
import io.bankbridge.token.par.AuthorizationDetail;
import io.bankbridge.token.par.GrantManagementAction;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authorization server metadata (RFC 8414) and OpenID Provider metadata: the same document at both well-known
 * paths, which is what clients and quarkus-oidc discover endpoints and supported values from.
 */
@Path("/.well-known")
// Public by definition (RFC 8414, OpenID Connect Discovery).
@PermitAll
public class DiscoveryEndpoint {

    private final Map<String, Object> metadata;
    private final SigningKeys keys;

    DiscoveryEndpoint(@ConfigProperty(name = "bankbridge.issuer") String issuer, DPoPProofVerifier dpop, SigningKeys keys,
                      @ConfigProperty(name = "bankbridge.grant-management-endpoint") String grantManagementEndpoint) {
        this.keys = keys;
        List<String> scopes = new ArrayList<>();
        scopes.add(Scopes.OPENID);
        scopes.addAll(DataCluster.wireNames());
        scopes.addAll(Scopes.GRANT_MANAGEMENT);
        List<String> assertionAlgorithms = ClientAuthenticator.ASSERTION_ALGORITHMS.stream().map(a -> a.getName()).sorted()
                .toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("authorization_endpoint", issuer + "/authorize");
        m.put("pushed_authorization_request_endpoint", issuer + OAuthPaths.PAR);
        m.put("require_pushed_authorization_requests", true);
        m.put("token_endpoint", issuer + OAuthPaths.TOKEN);
        m.put("userinfo_endpoint", issuer + "/userinfo");
        m.put("jwks_uri", issuer + "/jwks");
        m.put("revocation_endpoint", issuer + OAuthPaths.REVOKE);
        m.put("introspection_endpoint", issuer + OAuthPaths.INTROSPECT);
        m.put("end_session_endpoint", issuer + EndSessionEndpoint.PATH);
        m.put("scopes_supported", scopes);
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("authorization_response_iss_parameter_supported", true);
        // What a provider may use (FAPI 2.0): the bank's own clients' shared secrets are not advertised to anyone.
        List<String> authMethods = ClientKind.PROVIDER.authMethods().stream().map(AuthMethod::value).sorted().toList();
        m.put("token_endpoint_auth_methods_supported", authMethods);
        m.put("token_endpoint_auth_signing_alg_values_supported", assertionAlgorithms);
        m.put("revocation_endpoint_auth_methods_supported", authMethods);
        m.put("revocation_endpoint_auth_signing_alg_values_supported", assertionAlgorithms);
        m.put("introspection_endpoint_auth_methods_supported", authMethods);
        m.put("introspection_endpoint_auth_signing_alg_values_supported", assertionAlgorithms);
        m.put("authorization_details_types_supported", List.of(AuthorizationDetail.TYPE));
        // Grant Management for OAuth 2.0: the endpoint is consent-service's, which holds the grants.
        m.put("grant_management_actions_supported", GrantManagementAction.SUPPORTED);
        m.put("grant_management_endpoint", grantManagementEndpoint);
        m.put("grant_management_action_required", false);
        m.put("dpop_signing_alg_values_supported", dpop.policy().algorithms().stream().map(a -> a.getName()).toList());
        m.put("subject_types_supported", List.of("public"));
        m.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "azp",
                "preferred_username", Claims.CUSTOMER_IDS));
        this.metadata = java.util.Collections.unmodifiableMap(m);
    }

    @GET
    @Path("openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> openidConfiguration() {
        return withSigningAlgorithms();
    }

    /**
     * The fixed metadata plus the algorithms ID tokens may be signed with: those of the published keys, the active
     * key's first, so that the answer stays true across a rotation to another algorithm.
     */
    private Map<String, Object> withSigningAlgorithms() {
        Map<String, Object> m = new LinkedHashMap<>(metadata);
        m.put("id_token_signing_alg_values_supported", keys.algorithmsInUse());
        return m;
    }

    @GET
    @Path("oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> authorizationServer() {
        return withSigningAlgorithms();
    }
}
