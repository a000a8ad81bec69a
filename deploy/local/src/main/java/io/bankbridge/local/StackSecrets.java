package io.bankbridge.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The secrets the services of a local stack share (internal client secrets, admin credential, the signing keys'
 * encryption key): generated at random on first start, kept in a file readable only by its owner, never in the
 * repository.
 */
public final class StackSecrets {

    /** Environment variables every local stack passes to the services. */
    public static final List<String> NAMES = List.of(
            "BANKBRIDGE_INTERNAL_SECRET_CONSENT_SERVICE",
            "BANKBRIDGE_INTERNAL_SECRET_ACCOUNT_DATA_SERVICE",
            "BANKBRIDGE_INTERNAL_SECRET_CORE_BANKING",
            "BANKBRIDGE_SECURITY_CENTER_SECRET",
            "BANKBRIDGE_ADMIN_SECRET",
            // 256 random bits: the AES key token-service encrypts its signing keys with (it refuses to start without)
            "BANKBRIDGE_SIGNING_ENCRYPTION_KEY",
            // 256 random bits every replica derives its DPoP nonces from (RFC 9449 §8, §9)
            "BANKBRIDGE_DPOP_NONCE_KEY");

    private StackSecrets() {
    }

    /** Fresh secrets, not written anywhere (test stacks). */
    public static Map<String, String> generate() {
        Map<String, String> secrets = new TreeMap<>();
        NAMES.forEach(n -> secrets.put(n, random()));
        return secrets;
    }

    /** The secrets in {@code file}, creating the file (mode 600) with fresh ones if it is missing. */
    public static Map<String, String> load(Path file) {
        try {
            Properties props = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    props.load(in);
                }
            }
            boolean changed = false;
            for (String name : NAMES) {
                if (props.getProperty(name) == null) {
                    props.setProperty(name, random());
                    changed = true;
                }
            }
            if (changed) {
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (Writer out = Files.newBufferedWriter(file)) {
                    props.store(out, "Local stack secrets: generated, never commit");
                }
            }
            Map<String, String> secrets = new TreeMap<>();
            props.stringPropertyNames().forEach(n -> secrets.put(n, props.getProperty(n)));
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
