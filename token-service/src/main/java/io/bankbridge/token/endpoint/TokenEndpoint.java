package io.bankbridge.token.endpoint;

import io.bankbridge.dpop.DPoPProofVerifier;
import io.bankbridge.token.OAuthException;
import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.client.ClientAuthenticator;
import io.bankbridge.token.dpop.TokenRequestProofs;
import io.bankbridge.token.grant.GrantHandler;
import io.bankbridge.token.grant.TokenResponse;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The token endpoint (RFC 6749 §3.2): authenticates the client and hands the request to the grant's handler. */
@Path(OAuthPaths.TOKEN)
// Public to Quarkus Security: the endpoint authenticates the client itself (RFC 6749 §2.3, RFC 7523) and
// answers RFC 6749 §5.2 JSON errors.
@PermitAll
public class TokenEndpoint {

    private final ClientAuthenticator authenticator;
    private final TokenRequestProofs proofs;
    private final Map<String, GrantHandler> handlers;

    TokenEndpoint(ClientAuthenticator authenticator, TokenRequestProofs proofs, Instance<GrantHandler> handlers) {
        this.authenticator = authenticator;
        this.proofs = proofs;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(GrantHandler::grantType, Function.identity()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Token endpoint (RFC 6749 §3.2)", description = "grant_type authorization_code (the answer "
            + "carries grant_id, the consent's id, Grant Management for OAuth 2.0), refresh_token, and client_credentials: "
            + "internal clients get their internal scopes; a provider gets a grant management token (aud "
            + "bankbridge-grants) with grant_management_query and/or grant_management_revoke, any other scope is "
            + "invalid_scope. Errors are RFC 6749 §5.2 JSON.")
    public Uni<TokenResponse> token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                    @Context HttpHeaders headers,
                                    @RequestBody(required = true, content = @Content(
                                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                            schema = @Schema(implementation = OAuthForms.Token.class)))
                                    MultivaluedMap<String, String> form) {
        OAuthParameters params = OAuthParameters.of(form);
        String grantType = params.required("grant_type");
        GrantHandler handler = handlers.get(grantType);
        if (handler == null) {
            throw OAuthException.unsupportedGrantType("grant_type " + grantType + " is not supported");
        }
        return authenticator.authenticate(authorization, params, OAuthPaths.TOKEN)
                .chain(client -> handler.handle(client, params,
                        proofs.tokenRequest(client, headers.getRequestHeader(DPoPProofVerifier.HEADER), OAuthPaths.TOKEN)));
    }
}
