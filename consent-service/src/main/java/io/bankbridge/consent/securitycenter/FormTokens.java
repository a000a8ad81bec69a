package io.bankbridge.consent.securitycenter;

import io.bankbridge.consent.config.ConsentConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Anti-forgery tokens for the Security Center's forms (signed double-submit cookie): a random nonce goes into a
 * strict same-site cookie, and the form carries the nonce, an expiry and an HMAC binding both to the signed-in
 * customer. A forged cross-site post has neither the cookie nor a valid signature. Stateless, so any replica
 * that shares the key can check a form another replica rendered.
 */
@ApplicationScoped
public class FormTokens {

    /** The cookie holding the nonce. */
    public static final String COOKIE = "bb_sc_form";
    /** The form field holding the token. */
    public static final String FIELD = "csrf";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random = new SecureRandom();

    private final byte[] key;
    private final ConsentConfig config;
    private final Clock clock;

    FormTokens(ConsentConfig config, Clock clock,
               @ConfigProperty(name = "quarkus.oidc.security-center.credentials.secret") Optional<String> clientSecret) {
        this.config = config;
        this.clock = clock;
        String secret = config.securityCenter().csrfKey().or(() -> clientSecret).filter(s -> !s.isBlank()).orElse(null);
        if (secret == null) {
            // Works for one instance only: forms rendered by another replica would be refused.
            Log.warn("No Security Center form key configured; using a random key for this instance");
            byte[] generated = new byte[32];
            random.nextBytes(generated);
            this.key = generated;
        } else {
            this.key = ("security-center-forms:" + secret).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A fresh nonce (the cookie value) and the token for a form rendered for {@code customerId}. */
    public record Issued(String nonce, String token) {
    }

    public Issued issue(String customerId) {
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        String n = B64.encodeToString(nonce);
        long expiry = clock.instant().plus(config.securityCenter().formLifetime()).getEpochSecond();
        return new Issued(n, n + "." + expiry + "." + sign(customerId, n, expiry));
    }

    /** Whether a submitted token was issued by us for this customer, matches the cookie and has not expired. */
    public boolean accepts(String customerId, String token, String cookieNonce) {
        if (token == null || cookieNonce == null) {
            return false;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !parts[0].equals(cookieNonce)) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        return clock.instant().getEpochSecond() <= expiry
                && MessageDigest.isEqual(sign(customerId, parts[0], expiry).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String customerId, String nonce, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal((customerId + "\n" + nonce + "\n" + expiry).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
