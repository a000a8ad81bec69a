package io.bankbridge.token.endpoint;

import java.util.Set;

/** The OAuth endpoints that answer RFC 6749 JSON errors and must never be cached. */
final class OAuthPaths {

    static final String TOKEN = "/token";
    static final String PAR = "/par";
    static final String REVOKE = "/revoke";
    static final String INTROSPECT = "/introspect";

    private static final Set<String> ALL = Set.of(TOKEN, PAR, REVOKE, INTROSPECT);

    private OAuthPaths() {
    }

    static boolean isOAuth(String path) {
        return path != null && ALL.contains(path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path);
    }
}
