package io.bankbridge.token.authorize;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Configuration of the hosted authorization pages. */
@ConfigMapping(prefix = "bankbridge.authorize")
public interface AuthorizeConfig {

    /** How long a customer has between arriving at /authorize and approving or declining. */
    @WithDefault("PT15M")
    Duration sessionTtl();

    /**
     * Whether the session cookie is {@code Secure} with the {@code __Host-} prefix. Unset: secure exactly when the
     * issuer URL is https, so that a plain-http local stack still works in a browser.
     */
    Optional<Boolean> secureCookies();
}
