package io.bankbridge.token.endpoint;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards {@code /admin/*}: HTTP Basic with user {@code admin} and the secret from {@code BANKBRIDGE_ADMIN_SECRET},
 * compared in constant time. Without a configured secret the admin API stays closed.
 */
public class AdminAuthentication {

    static final String USER = "admin";

    private final Optional<byte[]> expected;

    AdminAuthentication(@ConfigProperty(name = "bankbridge.admin.secret") Optional<String> secret) {
        this.expected = secret.filter(s -> !s.isBlank()).map(s -> digest(USER + ":" + s));
    }

    @ServerRequestFilter(preMatching = true)
    public Response requireAdmin(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/admin") && !path.startsWith("/admin/")) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (expected.isPresent() && header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String presented = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                if (MessageDigest.isEqual(digest(presented), expected.get())) {
                    return null;
                }
            } catch (IllegalArgumentException e) {
                // not Base64: refused below like any wrong credential
            }
        }
        return Response.fromResponse(ProblemMapper.problem(401, "Unauthorized", "admin credentials are missing or wrong"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"bankbridge-admin\"").build();
    }

    private static byte[] digest(String value) {
        try {
            // Hashing both sides makes the comparison constant-time whatever the lengths.
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
