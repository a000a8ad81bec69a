package io.bankbridge.token.endpoint;

import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.logout.EndSession;
import io.bankbridge.token.logout.EndSessionRequest;
import io.bankbridge.token.logout.EndSessionResult;
import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * The end_session endpoint (OpenID RP-Initiated Logout 1.0), GET or form POST: ends the hosted-pages session
 * (server-side row deleted, cookie cleared) and redirects to a registered {@code post_logout_redirect_uri}, or shows
 * the signed-out page. HTTP only; {@link EndSession} decides.
 */
@Path(EndSessionEndpoint.PATH)
@HostedPage
// Public by definition: a browser arrives here from the client, with no credentials but the session cookie.
@PermitAll
public class EndSessionEndpoint {

    static final String PATH = "/logout";
    /** The parameters read here: one sent more than once makes the request malformed. */
    private static final List<String> PARAMETERS = List.of("id_token_hint", "client_id", "post_logout_redirect_uri", "state");

    private final EndSession endSession;
    private final SessionCookie cookie;
    private final Template signedOutPage;
    private final Template messagePage;

    EndSessionEndpoint(EndSession endSession, SessionCookie cookie,
                       @Location("pages/signedout.html") Template signedOutPage,
                       @Location("pages/message.html") Template messagePage) {
        this.endSession = endSession;
        this.cookie = cookie;
        this.signedOutPage = signedOutPage;
        this.messagePage = messagePage;
    }

    @GET
    @Operation(summary = "RP-initiated logout: id_token_hint or client_id, post_logout_redirect_uri (registered, exact), "
            + "state. Ends the hosted-pages session; redirects back or shows the signed-out page")
    public Uni<Response> get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(uri.getQueryParameters(), headers);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "RP-initiated logout with the parameters in a form")
    public Uni<Response> post(@RequestBody(content = @Content(
                                      mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                      schema = @Schema(implementation = OAuthForms.EndSession.class)))
                              MultivaluedMap<String, String> form,
                              @Context HttpHeaders headers) {
        return answer(form, headers);
    }

    private Uni<Response> answer(MultivaluedMap<String, String> params, HttpHeaders headers) {
        String repeated = OAuthParameters.of(params).repeated(PARAMETERS).orElse(null);
        EndSessionRequest request = new EndSessionRequest(params.getFirst("id_token_hint"), params.getFirst("client_id"),
                params.getFirst("post_logout_redirect_uri"), params.getFirst("state"), repeated);
        return endSession.end(request, cookie.valueIn(headers)).chain(result -> switch (result) {
            case EndSessionResult.Redirect redirect -> Uni.createFrom().item(Response.seeOther(URI.create(redirect.location()))
                    .header("Set-Cookie", cookie.cleared()).build());
            case EndSessionResult.SignedOut signedOut -> signedOutPage.data("refusal", signedOut.refusal()).createUni()
                    .map(body -> Response.status(signedOut.refusal() == null ? 200 : 400)
                            .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body)
                            .header("Set-Cookie", cookie.cleared()).build());
        }).onFailure().recoverWithUni(e -> {
            Log.errorf(e, "Sign-out failed");
            return messagePage.data("title", "Service unavailable").data("message", AuthorizationPages.UNABLE).createUni()
                    .map(body -> Response.status(503).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body)
                            .build());
        });
    }
}
