package io.bankbridge.token.login;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;

/**
 * Checks customer credentials, with throttling per source address and a short lockout per user name. Every attempt
 * that is checked costs exactly one KDF run, whether the user name exists, the password is wrong or the name is
 * locked, so that neither the answer nor its timing tells which user names exist; a throttled source gets no KDF
 * run at all (its answer says nothing about the name).
 *
 * <p>The lockout of a user name only holds against sources that failed themselves: whoever guesses a customer's
 * name from elsewhere cannot keep the customer, signing in from their own device, out.
 */
@ApplicationScoped
public class CustomerSignIn {

    private static final int MAX_USERNAME = 100;
    private static final int MAX_PASSWORD = 256;

    private final LoginStore store;
    private final PasswordHasher hasher;
    private final HashingBound bound;
    private final LoginConfig.Lockout lockout;
    private final LoginConfig.Throttle throttle;
    private final InstantSource clock;

    CustomerSignIn(LoginStore store, PasswordHasher hasher, HashingBound bound, LoginConfig config, InstantSource clock) {
        this.store = store;
        this.hasher = hasher;
        this.bound = bound;
        this.lockout = config.lockout();
        this.throttle = config.throttle();
        this.clock = clock;
    }

    /** Normal form of a typed user name: what logins and failure counters are keyed by. */
    public static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /** Checks the credentials typed by a customer connecting from {@code source} (an IP address). */
    public Uni<SignInResult> authenticate(String typedUsername, String typedPassword, String source) {
        String username = normalise(typedUsername);
        String password = typedPassword == null ? "" : typedPassword;
        if (username.isEmpty() || username.length() > MAX_USERNAME || password.length() > MAX_PASSWORD
                || !printable(username)) {
            // no user name of this shape exists, and none reaches the database
            return kdf(password.length() > MAX_PASSWORD ? "" : password, null)
                    .replaceWith((SignInResult) new SignInResult.Invalid())
                    .onFailure(HashingBound.Busy.class).recoverWithItem(new SignInResult.Busy());
        }
        Instant now = clock.instant();
        return store.sourceFailures(source, now, throttle.window()).chain(failures -> {
            if (now.isBefore(nextAttemptAllowed(failures))) {
                return Uni.createFrom().item((SignInResult) new SignInResult.Throttled());
            }
            boolean failedBefore = failures.count() > 0;
            return store.lockedUntil(username, now).chain(lock -> store.findByUsername(username).chain(found -> {
                String hash = found.map(LoginStore.StoredLogin::passwordHash).orElse(null);
                return kdf(password, hash).chain(matches -> {
                    if (lock.isPresent() && failedBefore) {
                        return Uni.createFrom().item((SignInResult) new SignInResult.Locked());
                    }
                    if (matches && found.isPresent()) {
                        return store.clearFailures(username)
                                .replaceWith((SignInResult) new SignInResult.Success(found.get().login()));
                    }
                    return store.recordSourceFailure(source, now, throttle.window())
                            .chain(() -> store.recordFailure(username, now, lockout.maxFailures(), lockout.duration()))
                            .map(lockedNow -> lockedNow ? new SignInResult.Locked() : new SignInResult.Invalid());
                });
            }));
        }).onFailure(HashingBound.Busy.class).recoverWithItem(new SignInResult.Busy());
    }

    /**
     * When a source with these failures may try again: at once within its free failures, then
     * {@code min(maxDelay, baseDelay × 2^(failures - freeFailures - 1))} after its last failure.
     */
    Instant nextAttemptAllowed(LoginStore.SourceFailures failures) {
        int beyond = failures.count() - throttle.freeFailures();
        if (beyond <= 0) {
            return Instant.MIN;
        }
        Duration delay = throttle.baseDelay().multipliedBy(1L << Math.min(beyond - 1, 20));
        return failures.lastFailureAt().plus(delay.compareTo(throttle.maxDelay()) > 0 ? throttle.maxDelay() : delay);
    }

    /** Letters, digits and punctuation: no control character (NUL included) is ever looked up. */
    private static boolean printable(String username) {
        return username.codePoints().noneMatch(c -> Character.isISOControl(c) || c == 0xFFFD);
    }

    /** One KDF run within the hashing bound; a null hash is checked against the dummy hash and never matches. */
    private Uni<Boolean> kdf(String password, String hash) {
        return bound.run(() -> hasher.verify(password, hash));
    }
}
