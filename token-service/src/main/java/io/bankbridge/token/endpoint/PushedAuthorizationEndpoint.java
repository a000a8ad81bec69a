package io.bankbridge.token.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bankbridge.dpop.DPoPProofVerifier;
import io.bankbridge.token.OAuthException;
import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.client.ClientAuthenticator;
import io.bankbridge.token.client.ClientKind;
import io.bankbridge.token.consent.GrantLookup;
import io.bankbridge.token.dpop.DPoPCodeBindings;
import io.bankbridge.token.dpop.TokenRequestProofs;
import io.bankbridge.token.par.PushedRequestStore;
import io.bankbridge.token.par.PushedRequestValidator;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The pushed authorization request endpoint (RFC 9126): how a provider starts an authorization. */
@Path(OAuthPaths.PAR)
// Public to Quarkus Security: the endpoint authenticates the client itself (RFC 6749 §2.3, RFC 7523) and
// answers RFC 6749 §5.2 JSON errors.
@PermitAll
public class PushedAuthorizationEndpoint {

    /** RFC 9126 §2.2 answer. */
    @RegisterForReflection
    public record Pushed(@JsonProperty("request_uri") String requestUri, @JsonProperty("expires_in") long expiresIn) {
    }

    private final ClientAuthenticator authenticator;
    private final PushedRequestValidator validator;
    private final PushedRequestStore store;
    private final TokenSettings settings;
    private final TokenRequestProofs proofs;
    private final DPoPCodeBindings dpopBindings;
    private final GrantLookup grants;

    PushedAuthorizationEndpoint(ClientAuthenticator authenticator, PushedRequestValidator validator,
                                PushedRequestStore store, TokenSettings settings, TokenRequestProofs proofs,
                                DPoPCodeBindings dpopBindings, GrantLookup grants) {
        this.authenticator = authenticator;
        this.validator = validator;
        this.store = store;
        this.settings = settings;
        this.proofs = proofs;
        this.dpopBindings = dpopBindings;
        this.grants = grants;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pushed authorization request (RFC 9126)", description = "A provider's authorization request, "
            + "client-authenticated (private_key_jwt). Grant Management for OAuth 2.0: grant_management_action create, "
            + "or merge / replace with grant_id (one of the provider's active grants, else invalid_grant_id); merge or "
            + "replace without grant_id, grant_id without either, or another action is invalid_request. Errors are "
            + "RFC 6749 §5.2 JSON.")
    public Uni<Response> push(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @Context HttpHeaders headers,
                              @RequestBody(required = true, content = @Content(
                                      mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                      schema = @Schema(implementation = OAuthForms.Pushed.class)))
                              MultivaluedMap<String, String> form) {
        OAuthParameters params = OAuthParameters.of(form);
        return authenticator.authenticate(authorization, params, OAuthPaths.PAR).chain(client -> {
            if (client.kind() != ClientKind.PROVIDER) {
                throw OAuthException.unauthorizedClient("pushed authorization requests are for providers");
            }
            String dpopJkt = proofs.pushedRequest(client, headers.getRequestHeader(DPoPProofVerifier.HEADER),
                    OAuthPaths.PAR, params.optional("dpop_jkt"));
            var request = validator.validate(client, params);
            // A merge or replace names one of the client's active grants, or is refused before anything is saved.
            Uni<?> grant = request.grantAction() != null && request.grantAction().amends()
                    ? grants.activeGrantOf(client.clientId(), request.grantId()) : Uni.createFrom().voidItem();
            // The binding first: a request saved without it would be redeemable with any key.
            return grant.chain(() -> dpopBindings.bind(client.clientId(), request.codeChallenge(), dpopJkt))
                    .chain(() -> store.save(request)).map(saved -> Response.status(Response.Status.CREATED)
                    .entity(new Pushed(request.requestUri(), settings.pushedRequestLifetime().toSeconds())).build());
        });
    }
}
