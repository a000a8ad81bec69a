package io.bankbridge.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Lifetimes of everything the authorization server hands out ({@code bankbridge.tokens.*}). */
@ConfigMapping(prefix = "bankbridge.tokens")
public interface TokenSettings {

    /** Access tokens (JWT); resource servers replay revocations for at least this long. */
    @WithDefault("PT5M")
    Duration accessTokenLifetime();

    /** ID tokens. */
    @WithDefault("PT5M")
    Duration idTokenLifetime();

    /** Refresh tokens: absolute, kept across rotation; consent expiry ends them sooner through revocation events. */
    @WithDefault("P365D")
    Duration refreshTokenLifetime();

    /** Authorization codes (at most 60 s). */
    @WithDefault("PT60S")
    Duration codeLifetime();

    /** Pushed authorization requests' {@code request_uri} (at most 60 s). */
    @WithDefault("PT60S")
    Duration pushedRequestLifetime();

    /** How far in the future a client assertion's {@code exp} may lie. */
    @WithDefault("PT10M")
    Duration clientAssertionMaxLifetime();

    /** Clock difference tolerated when checking a client assertion's {@code exp}, {@code nbf} and {@code iat}. */
    @WithDefault("PT10S")
    Duration clockSkew();
}
