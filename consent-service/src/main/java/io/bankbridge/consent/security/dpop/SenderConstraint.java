package io.bankbridge.consent.security.dpop;

import io.bankbridge.contract.token.Claims;
import io.bankbridge.dpop.DPoPProofVerifier;
import io.bankbridge.dpop.DPoPRefusal;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The DPoP check of every request with an access token (RFC 9449 §7): a token bound to a key ({@code cnf.jkt}) needs
 * the {@code DPoP} scheme and a fresh proof of that key for this method, URL and token; an unbound token must come as a
 * bearer token. A refusal fails authentication with the {@link DPoPRefusal} as its cause, which the problem mapper
 * answers with the RFC 9449 challenge.
 */
@ApplicationScoped
public class SenderConstraint {

    private final DPoPProofVerifier verifier;
    private final String publicUrl;

    SenderConstraint(DPoPProofVerifier verifier, DPoPConfig config) {
        this.verifier = verifier;
        this.publicUrl = config.publicUrl();
    }

    /** @throws AuthenticationFailedException caused by a {@link DPoPRefusal} if the request does not pass */
    public void check(RoutingContext rc, JsonWebToken token) {
        String jkt = confirmedKey(token.getClaim(Claims.CONFIRMATION));
        DPoPPresentation.Presented presented = DPoPPresentation.of(rc);
        if (presented == null && jkt == null) {
            return;
        }
        try {
            verifier.verifyPresentation(presented != null, presented == null ? List.of() : presented.proofs(),
                    rc.request().method().name(), URI.create(publicUrl + rc.request().path()),
                    token.getClaim(Claims.CLIENT_ID) instanceof String clientId ? clientId : null,
                    presented == null ? null : presented.token(), jkt);
        } catch (DPoPRefusal refused) {
            throw new AuthenticationFailedException(refused.getMessage(), refused);
        } catch (IllegalArgumentException malformedPath) {
            throw new AuthenticationFailedException("The request URL is malformed.",
                    DPoPRefusal.invalidProof("The request URL is malformed."));
        }
    }

    /** {@code cnf.jkt} (RFC 9449 §6.1), as a JSON object claim or as the map the JWT parser left it. */
    private static String confirmedKey(Object cnf) {
        if (cnf instanceof JsonObject json) {
            return json.get(Claims.CONFIRMATION_JKT) instanceof JsonString jkt ? jkt.getString() : null;
        }
        return cnf instanceof Map<?, ?> map && map.get(Claims.CONFIRMATION_JKT) instanceof String jkt ? jkt : null;
    }

    /** The {@code WWW-Authenticate} challenge answering {@code refused}. */
    public String challenge(DPoPRefusal refused) {
        return verifier.challenge(refused.code().value(), refused.description());
    }
}
