package io.bankbridge.token.endpoint;

import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.client.ClientAuthenticator;
import io.bankbridge.token.revocation.TokenRevocationRequests;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Token revocation (RFC 7009): 200 whether or not the token was known. */
@Path(OAuthPaths.REVOKE)
// Public to Quarkus Security: the endpoint authenticates the client itself (RFC 6749 §2.3, RFC 7523) and
// answers RFC 6749 §5.2 JSON errors.
@PermitAll
public class RevocationEndpoint {

    private final ClientAuthenticator authenticator;
    private final TokenRevocationRequests revocations;

    RevocationEndpoint(ClientAuthenticator authenticator, TokenRevocationRequests revocations) {
        this.authenticator = authenticator;
        this.revocations = revocations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @RequestBody(required = true, content = @Content(
                                        mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                        schema = @Schema(implementation = OAuthForms.AboutAToken.class)))
                                MultivaluedMap<String, String> form) {
        OAuthParameters params = OAuthParameters.of(form);
        String token = params.required("token");
        return authenticator.authenticate(authorization, params, OAuthPaths.REVOKE)
                .chain(client -> revocations.revoke(client, token))
                .map(done -> Response.ok().build());
    }
}
