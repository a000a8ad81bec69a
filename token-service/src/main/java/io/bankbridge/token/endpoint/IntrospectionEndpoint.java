package io.bankbridge.token.endpoint;

import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.client.ClientAuthenticator;
import io.bankbridge.token.introspection.TokenIntrospection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Token introspection (RFC 7662) for authenticated clients. */
@Path(OAuthPaths.INTROSPECT)
// Public to Quarkus Security: the endpoint authenticates the client itself (RFC 6749 §2.3, RFC 7523) and
// answers RFC 6749 §5.2 JSON errors.
@PermitAll
public class IntrospectionEndpoint {

    private final ClientAuthenticator authenticator;
    private final TokenIntrospection introspection;

    IntrospectionEndpoint(ClientAuthenticator authenticator, TokenIntrospection introspection) {
        this.authenticator = authenticator;
        this.introspection = introspection;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> introspect(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                               @RequestBody(required = true, content = @Content(
                                                       mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                                       schema = @Schema(implementation = OAuthForms.AboutAToken.class)))
                                               MultivaluedMap<String, String> form) {
        OAuthParameters params = OAuthParameters.of(form);
        String token = params.required("token");
        return authenticator.authenticate(authorization, params, OAuthPaths.INTROSPECT)
                .chain(client -> introspection.introspect(client, token));
    }
}
