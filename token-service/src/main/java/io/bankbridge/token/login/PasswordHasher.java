package io.bankbridge.token.login;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes and verifies customer passwords with Argon2id (RFC 9106), stored as PHC strings
 * ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}) so that stored hashes keep their own cost when the
 * configured cost changes.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final LoginConfig.Argon2 cost;
    private final SecureRandom random = new SecureRandom();
    // Verified when a user name is unknown, so that a wrong name costs exactly what a wrong password costs.
    private final String dummyHash;

    PasswordHasher(LoginConfig config) {
        this.cost = config.argon2();
        this.dummyHash = hash("not-a-password-" + random.nextLong());
    }

    /** A new PHC-formatted Argon2id hash of {@code password} with a fresh salt. Costs one KDF run. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, cost.memoryKib(), cost.iterations(), cost.parallelism(), HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** Whether {@code password} matches {@code phc}; a null or malformed hash is verified against a dummy. */
    public boolean verify(String password, String phc) {
        boolean real = phc != null;
        String[] parts = (real ? phc : dummyHash).split("\\$");
        if (parts.length != 6 || !"argon2id".equals(parts[1])) {
            parts = dummyHash.split("\\$");
            real = false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
            int v = Integer.parseInt(kv.substring(2));
            switch (kv.charAt(0)) {
                case 'm' -> m = v;
                case 't' -> t = v;
                case 'p' -> p = v;
                default -> throw new IllegalArgumentException("unknown Argon2 parameter");
            }
        }
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = derive(password, B64D.decode(parts[4]), m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual) && real;
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
