package io.bankbridge.token.login;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Checks customer credentials with failed-attempt counting and temporary lockout. Every attempt costs exactly one
 * KDF run, whether the user name exists, the password is wrong or the name is locked, so that neither the answer
 * nor its timing tells which user names exist.
 */
@ApplicationScoped
public class CustomerSignIn {

    private static final int MAX_USERNAME = 100;
    private static final int MAX_PASSWORD = 256;

    private final LoginStore store;
    private final PasswordHasher hasher;
    private final LoginConfig.Lockout lockout;
    private final Clock clock = Clock.systemUTC();

    CustomerSignIn(LoginStore store, PasswordHasher hasher, LoginConfig config) {
        this.store = store;
        this.hasher = hasher;
        this.lockout = config.lockout();
    }

    /** Normal form of a typed user name: what logins and failure counters are keyed by. */
    public static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    public Uni<SignInResult> authenticate(String typedUsername, String typedPassword) {
        String username = normalise(typedUsername);
        String password = typedPassword == null ? "" : typedPassword;
        if (username.isEmpty() || username.length() > MAX_USERNAME || password.length() > MAX_PASSWORD) {
            return kdf(password.length() > MAX_PASSWORD ? "" : password, null)
                    .replaceWith(new SignInResult.Invalid());
        }
        Instant now = clock.instant();
        return store.lockedUntil(username, now).chain(lock -> store.findByUsername(username).chain(found -> {
            String hash = found.map(LoginStore.StoredLogin::passwordHash).orElse(null);
            return kdf(password, hash).chain(matches -> {
                if (lock.isPresent()) {
                    return Uni.createFrom().item((SignInResult) new SignInResult.Locked());
                }
                if (matches && found.isPresent()) {
                    return store.clearFailures(username).replaceWith((SignInResult) new SignInResult.Success(found.get().login()));
                }
                return store.recordFailure(username, now, lockout.maxFailures(), lockout.duration())
                        .map(lockedNow -> lockedNow ? new SignInResult.Locked() : new SignInResult.Invalid());
            });
        }));
    }

    /** One KDF run off the event loop; a null hash is checked against the dummy hash and never matches. */
    private Uni<Boolean> kdf(String password, String hash) {
        return Uni.createFrom().item(() -> hasher.verify(password, hash))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

}
