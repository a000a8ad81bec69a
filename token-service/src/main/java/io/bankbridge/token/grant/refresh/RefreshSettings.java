package io.bankbridge.token.grant.refresh;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Refresh-token policy ({@code bankbridge.refresh.*}). FAPI 2.0 Final §5.3.2.1 item 10 discourages rotating the
 * refresh tokens of confidential clients and forbids rotation unless a retry with the previous token succeeds: by
 * default a refresh token is used as often as needed until its consent ends.
 */
@ConfigMapping(prefix = "bankbridge.refresh")
public interface RefreshSettings {

    /** Whether each refresh replaces the refresh token (a deployment's choice; off by default). */
    @WithDefault("false")
    boolean rotation();

    /**
     * With rotation on: how long after a refresh the previous token still works for the same client (a retry after a
     * lost answer). Later reuse is refused and recorded as a security event; it never revokes the consent.
     */
    @WithDefault("PT60S")
    Duration reuseGrace();
}
