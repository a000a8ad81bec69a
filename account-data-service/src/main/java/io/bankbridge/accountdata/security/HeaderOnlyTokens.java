package io.bankbridge.accountdata.security;

import io.bankbridge.accountdata.rest.ApiProblem;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * How an access token may travel, checked before any request is routed, whatever it asks for: in the
 * {@code Authorization} header only (a token in the query string, RFC 6750 §2.3, is not offered here and leaks into
 * logs: 400 {@code invalid_request}), and as a JWT in compact serialization (anything else is 401
 * {@code invalid_token} at once, before a token parser meets it). Who may call what is not decided here.
 */
public class HeaderOnlyTokens {

    /** Three base64url parts (RFC 7515 §7.1); the signature part may not be empty either (no unsecured JWTs). */
    private static final Pattern COMPACT_JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    @ServerRequestFilter(preMatching = true)
    public void refuseMisplacedOrMalformedTokens(RoutingContext rc) {
        String query = rc.request().query();
        if (query != null && query.contains("access_token") && rc.queryParams().contains("access_token")) {
            throw ApiProblem.invalidRequest("Access tokens are accepted in the Authorization header only.");
        }
        String authorization = rc.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (token.isEmpty()) {
                throw ApiProblem.invalidRequest("The bearer token is empty.");
            }
            if (token.length() > 16_384 || !COMPACT_JWT.matcher(token).matches()) {
                throw ApiProblem.invalidToken("The access token is not a JWT.");
            }
        }
    }
}
