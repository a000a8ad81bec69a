package io.bankbridge.accountdata.security;

import io.bankbridge.accountdata.rest.ApiProblem;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * How an access token may travel, checked before any request is routed, whatever it asks for: in the
 * {@code Authorization} header only (a token in the query string, RFC 6750 §2.3, is not offered here and leaks into
 * logs: 400 {@code invalid_request}), and as a JWT in compact serialization (anything else is 401
 * {@code invalid_token} at once, before a token parser meets it). Who may call what is not decided here.
 */
public class HeaderOnlyTokens {

    private static final int MAX_TOKEN_LENGTH = 16_384;
    private static final boolean[] BASE64URL = base64urlAlphabet();

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
            if (token.length() > MAX_TOKEN_LENGTH || !compactJwt(token)) {
                throw ApiProblem.invalidToken("The access token is not a JWT.");
            }
        }
    }

    /**
     * Three non-empty base64url parts (RFC 7515 §7.1); the signature may not be empty either (no unsecured JWTs).
     * A table lookup per character rather than a regular expression: this runs on every request.
     */
    static boolean compactJwt(String token) {
        int dots = 0;
        int partLength = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (partLength == 0 || ++dots > 2) {
                    return false;
                }
                partLength = 0;
            } else if (c < 128 && BASE64URL[c]) {
                partLength++;
            } else {
                return false;
            }
        }
        return dots == 2 && partLength > 0;
    }

    private static boolean[] base64urlAlphabet() {
        boolean[] alphabet = new boolean[128];
        for (char c = 'A'; c <= 'Z'; c++) {
            alphabet[c] = true;
            alphabet[Character.toLowerCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            alphabet[c] = true;
        }
        alphabet['-'] = true;
        alphabet['_'] = true;
        return alphabet;
    }
}
