package io.bankbridge.token.login;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.testsupport.ConfigMappings;
import org.junit.jupiter.api.Test;

/** Argon2id hashes as stored (PHC strings) and their checks, without the service. */
class PasswordHasherTest {

    private static PasswordHasher hasher(int memoryKib, int iterations) {
        return new PasswordHasher(ConfigMappings.of(LoginConfig.class,
                "bankbridge.login.argon2.memory-kib", Integer.toString(memoryKib),
                "bankbridge.login.argon2.iterations", Integer.toString(iterations)));
    }

    private final PasswordHasher hasher = hasher(1024, 1);

    @Test
    void aHashVerifiesItsPasswordOnly() {
        String phc = hasher.hash("correct horse");
        assertTrue(phc.startsWith("$argon2id$v=19$m=1024,t=1,p=1$"), phc);
        assertTrue(hasher.verify("correct horse", phc));
        assertFalse(hasher.verify("correct horsE", phc));
        assertFalse(hasher.verify("", phc));
    }

    @Test
    void everyHashHasItsOwnSalt() {
        assertNotEquals(hasher.hash("same"), hasher.hash("same"));
    }

    @Test
    void aStoredHashKeepsTheCostItWasMadeWith() {
        String madeEarlier = hasher(2048, 2).hash("kept");
        assertTrue(hasher.verify("kept", madeEarlier));
        assertFalse(hasher.verify("not kept", madeEarlier));
    }

    @Test
    void noHashOrAMalformedOneNeverMatches() {
        String valid = hasher.hash("pw");
        assertFalse(hasher.verify("pw", null));
        assertFalse(hasher.verify("pw", "garbage"));
        assertFalse(hasher.verify("pw", valid.replace("$argon2id$", "$argon2i$")));
        assertFalse(hasher.verify("pw", valid.substring(0, valid.lastIndexOf('$'))));
    }
}
