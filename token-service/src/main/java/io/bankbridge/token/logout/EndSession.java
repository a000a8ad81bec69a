package io.bankbridge.token.logout;

import com.nimbusds.jwt.JWTClaimsSet;
import io.bankbridge.token.authorize.AuthorizationSessions;
import io.bankbridge.token.client.ClientRegistry;
import io.bankbridge.token.client.RegisteredClient;
import io.bankbridge.token.generator.AccessTokenReader;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * OpenID RP-Initiated Logout 1.0: ends the browser's hosted-pages session, then sends the browser back to the
 * client only if the {@code post_logout_redirect_uri} is registered for that client (exact match), the client being
 * named by the {@code id_token_hint}'s audience or by {@code client_id}. Anything else gets the signed-out page: an
 * open redirect here would let any site bounce customers through the bank's domain.
 *
 * <p>The session ends whatever the request's other parameters say: signing out can only take away a sign-in in
 * progress, and on a shared device ending it is the safe answer.
 */
@ApplicationScoped
public class EndSession {

    private final AuthorizationSessions sessions;
    private final ClientRegistry clients;
    private final AccessTokenReader tokens;

    EndSession(AuthorizationSessions sessions, ClientRegistry clients, AccessTokenReader tokens) {
        this.sessions = sessions;
        this.clients = clients;
        this.tokens = tokens;
    }

    /** Ends the session behind {@code cookieValue} (if any) and decides where the browser goes. */
    public Uni<EndSessionResult> end(EndSessionRequest request, String cookieValue) {
        return sessions.find(cookieValue)
                .call(found -> found.map(sessions::delete).orElse(Uni.createFrom().voidItem()))
                .chain(() -> destination(request));
    }

    private Uni<EndSessionResult> destination(EndSessionRequest request) {
        if (request.repeated() != null) {
            return signedOut("The sign-out request was malformed: " + request.repeated() + " was sent more than once.");
        }
        String clientId = request.clientId();
        if (request.idTokenHint() != null) {
            Optional<JWTClaimsSet> hint = tokens.readIdToken(request.idTokenHint());
            List<String> audience = hint.map(JWTClaimsSet::getAudience).orElse(List.of());
            if (audience.size() != 1) {
                return signedOut("The sign-out request did not come with a valid sign-in of the application.");
            }
            if (clientId != null && !clientId.equals(audience.getFirst())) {
                return signedOut("The sign-out request named two different applications.");
            }
            clientId = audience.getFirst();
        }
        if (request.postLogoutRedirectUri() == null) {
            return Uni.createFrom().item(new EndSessionResult.SignedOut(null));
        }
        if (clientId == null) {
            return signedOut("The sign-out request did not say which application it came from.");
        }
        String uri = request.postLogoutRedirectUri();
        // a client id from the query may hold any byte: it is logged only in the shape of one
        String shown = ClientRegistry.isWellFormed(clientId) ? clientId : "(malformed)";
        return clients.client(clientId).map(found -> {
            boolean registered = found.filter(RegisteredClient::active)
                    .map(c -> c.postLogoutRedirectUris().contains(uri)).orElse(false);
            if (!registered) {
                Log.infof("Sign-out: post_logout_redirect_uri not registered for client %s; not redirected", shown);
                return new EndSessionResult.SignedOut(
                        "The address the application wants to send you back to is not registered.");
            }
            return new EndSessionResult.Redirect(request.state() == null ? uri : uri + (uri.contains("?") ? '&' : '?')
                    + "state=" + URLEncoder.encode(request.state(), StandardCharsets.UTF_8));
        });
    }

    private static Uni<EndSessionResult> signedOut(String refusal) {
        return Uni.createFrom().item(new EndSessionResult.SignedOut(refusal));
    }
}
