package io.bankbridge.consent.security.dpop;

import io.bankbridge.dpop.DPoPProofVerifier;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An access token sent as {@code Authorization: DPoP <token>} (RFC 9449 §7.1) with its {@code DPoP} proofs, recorded
 * on the request before anything is routed; quarkus-oidc, which reads one authorization scheme per tenant, then gets
 * the token as a bearer credential. {@link SenderConstraint} checks the recorded scheme and proof against the token's
 * {@code cnf.jkt} on every request, so the token never passes for a bearer token. Who may call what is not decided
 * here.
 */
public class DPoPPresentation {

    private static final String KEY = "bankbridge.dpop.presentation";
    private static final String SCHEME = DPoPProofVerifier.SCHEME + " ";

    /** What the request carried. */
    public record Presented(String token, List<String> proofs) {
    }

    // Before BearerTokenShape (user priority), which then checks the token's shape like any bearer token's.
    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public void recordDPoPScheme(RoutingContext rc) {
        String authorization = rc.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return;
        }
        String token = authorization.substring(SCHEME.length()).trim();
        if (token.isEmpty()) {
            throw new AuthenticationFailedException("The DPoP access token is empty.");
        }
        rc.put(KEY, new Presented(token, List.copyOf(rc.request().headers().getAll(DPoPProofVerifier.HEADER))));
        rc.request().headers().set("Authorization", "Bearer " + token);
    }

    /** The DPoP presentation of this request, null if its token came as a bearer token (or none came). */
    static Presented of(RoutingContext rc) {
        return rc == null ? null : rc.get(KEY);
    }
}
