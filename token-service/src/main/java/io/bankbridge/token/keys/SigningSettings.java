package io.bankbridge.token.keys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the token signing key comes from and how it is kept ({@code bankbridge.signing.*}). */
@ConfigMapping(prefix = "bankbridge.signing")
public interface SigningSettings {

    /**
     * The algorithm of the keys this server makes: {@code PS256}, {@code ES256} or {@code EdDSA} (Ed25519), the ones
     * FAPI 2.0 allows. When the active key is of another algorithm, the first instance to start rotates to a key of
     * this one; the previous key stays published until the tokens it signed have expired.
     */
    @WithDefault("ES256")
    String algorithm();

    /**
     * A private JWK (RSA for PS256, P-256 for ES256, Ed25519 for EdDSA) mounted from a secret. When set, it is the only signing key: the database
     * keys and rotation through the admin API are not used; rotate by mounting a new file.
     */
    Optional<String> keyFile();

    /**
     * 256-bit AES key (base64) that encrypts private keys at rest in the database (JWE, dir + A256GCM). Without
     * it, keys are stored as plain JWK; with it, existing plain keys still load.
     */
    Optional<String> encryptionKey();

    /**
     * Whether private keys may be kept in the database in clear when neither {@link #keyFile()} nor
     * {@link #encryptionKey()} is set. Only the dev and test profiles allow it; in production the service refuses
     * to start instead.
     */
    @WithDefault("false")
    boolean allowUnencrypted();

    /** How often an instance re-reads the keys, so that a rotation done by another instance is picked up. */
    @WithDefault("PT30S")
    Duration refreshInterval();

    /** RSA modulus length of generated keys. */
    @WithDefault("2048")
    int rsaKeySize();
}
