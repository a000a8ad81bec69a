package io.bankbridge.token.endpoint;

import io.bankbridge.token.authorize.AuthorizeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The hosted pages' session cookie: its name, reading it, and the {@code Set-Cookie} values that set or clear it. */
@ApplicationScoped
public class SessionCookie {

    private final String name;
    private final boolean secure;
    private final Duration ttl;

    SessionCookie(AuthorizeConfig config, @ConfigProperty(name = "bankbridge.issuer") String issuer) {
        this.secure = config.secureCookies().orElse(issuer.startsWith("https:"));
        // __Host- makes the browser refuse the cookie unless Secure, Path=/ and host-only: no subdomain can plant it.
        this.name = secure ? "__Host-bankbridge-authorization" : "bankbridge-authorization";
        this.ttl = config.sessionTtl();
    }

    /** The cookie's value in this request, or null. */
    public String valueIn(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(name);
        return cookie == null ? null : cookie.getValue();
    }

    /** The {@code Set-Cookie} header value: {@code value} set for the session's lifetime, or the cookie cleared if empty. */
    public String header(String value) {
        long maxAge = value.isEmpty() ? 0 : ttl.toSeconds();
        return name + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} header value that clears the cookie. */
    public String cleared() {
        return header("");
    }
}
