package io.bankbridge.token.keys;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningKeysFailClosedTest {

    @Test
    void withoutEncryptionKeyOrKeyFileTheServiceRefusesToStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SigningKeys.requireProtectedKeys(settings(null, null, false)));
        assertTrue(refused.getMessage().contains("BANKBRIDGE_SIGNING_ENCRYPTION_KEY"), refused.getMessage());
    }

    @Test
    void anEncryptionKeyOrAMountedKeyFileIsEnough() {
        assertDoesNotThrow(() -> SigningKeys.requireProtectedKeys(settings("c2VjcmV0", null, false)));
        assertDoesNotThrow(() -> SigningKeys.requireProtectedKeys(settings(null, "signing-key.json", false)));
    }

    @Test
    void devAndTestProfilesMayKeepKeysUnencrypted() {
        assertDoesNotThrow(() -> SigningKeys.requireProtectedKeys(settings(null, null, true)));
    }

    @Test
    void anAlgorithmFapiDoesNotAllowStopsTheStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new SigningKeys(null, TestSigningSettings.database("RS256"), null, InstantSource.system())
                        .onStart(null));
        assertTrue(refused.getMessage().contains("PS256, ES256, EdDSA"), refused.getMessage());
    }

    private static SigningSettings settings(String encryptionKey, String keyFile, boolean allowUnencrypted) {
        return new TestSigningSettings("ES256", Optional.ofNullable(keyFile), Optional.ofNullable(encryptionKey),
                allowUnencrypted, Duration.ofSeconds(30), 2048);
    }
}
