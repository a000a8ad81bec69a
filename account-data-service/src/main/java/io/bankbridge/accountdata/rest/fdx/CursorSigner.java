package io.bankbridge.accountdata.rest.fdx;

import io.bankbridge.accountdata.config.ProviderApiConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs and checks transaction cursors (HMAC-SHA256 over the account id and the position), so that a provider can
 * only hand back a position this deployment gave it. Every replica must share the key
 * ({@code bankbridge.provider-api.cursor-key}, env {@code BANKBRIDGE_CURSOR_KEY}). Without one, production derives
 * it from this service's internal client secret (shared by the replicas; refuses to start if that is missing too),
 * while dev and test use a random key per start (cursors then die with the instance).
 */
@ApplicationScoped
public class CursorSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private final Mac prototype;

    @Inject
    CursorSigner(ProviderApiConfig config,
                 @ConfigProperty(name = "quarkus.oidc-client.credentials.client-secret.value") Optional<String> secret) {
        this(key(config.cursorKey(), secret, LaunchMode.current()));
    }

    private CursorSigner(byte[] key) {
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }

    private static byte[] key(Optional<String> configured, Optional<String> clientSecret, LaunchMode mode) {
        Optional<String> cursorKey = configured.filter(k -> !k.isBlank());
        if (cursorKey.isPresent()) {
            return cursorKey.get().getBytes(StandardCharsets.UTF_8);
        }
        Optional<String> secret = clientSecret.filter(s -> !s.isBlank());
        if (mode == LaunchMode.NORMAL) {
            if (secret.isEmpty()) {
                throw new IllegalStateException("Set BANKBRIDGE_CURSOR_KEY (or the internal client secret "
                        + "BANKBRIDGE_INTERNAL_SECRET_ACCOUNT_DATA_SERVICE): every replica must sign paging cursors "
                        + "with the same key.");
            }
            // Domain-separated, so the cursor key is never the client secret itself.
            return new CursorSigner(secret.get().getBytes(StandardCharsets.UTF_8))
                    .mac("transaction-cursor".getBytes(StandardCharsets.UTF_8));
        }
        Log.warn("No BANKBRIDGE_CURSOR_KEY configured; paging cursors are signed with a random key for this instance");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }

    public byte[] sign(String accountId, byte[] position) {
        Mac mac = mac();
        mac.update(accountId.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(position);
    }

    public boolean verify(String accountId, byte[] position, byte[] signature) {
        return MessageDigest.isEqual(sign(accountId, position), signature);
    }

    private byte[] mac(byte[] data) {
        return mac().doFinal(data);
    }

    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
