package io.bankbridge.consent.security;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A bearer token that is not a JWT in compact serialization is refused (401 {@code invalid_token}) before a token
 * parser meets it: quarkus-oidc fails on some malformed values (e.g. {@code "...."}) with an internal error. Who may
 * call what is not decided here.
 */
public class BearerTokenShape {

    /** Three base64url parts (RFC 7515 §7.1); the signature part may not be empty either (no unsecured JWTs). */
    private static final Pattern COMPACT_JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final int MAX_LENGTH = 16_384;

    @ServerRequestFilter(preMatching = true)
    public void refuseMalformedBearerTokens(RoutingContext rc) {
        String authorization = rc.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (token.length() > MAX_LENGTH || !COMPACT_JWT.matcher(token).matches()) {
                throw new AuthenticationFailedException("The bearer token is not a JWT.");
            }
        }
    }
}
