package io.bankbridge.token.login;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in throttling as the production defaults set it: a source address that keeps failing is slowed down, a user
 * name is locked briefly, and only against the sources that failed: the customer signs in from their own address.
 */
@QuarkusTest
@TestProfile(SignInThrottleTest.ProductionThrottle.class)
class SignInThrottleTest {

    /** The production throttle (the test profile turns it off for the other tests) and a clock the test moves. */
    public static class ProductionThrottle implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bankbridge.login.throttle.free-failures", "3");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MovableClock.class);
        }
    }

    private static final String PASSWORD = "Right-pass-1234";

    @Inject
    CustomerSignIn signIn;

    @Inject
    LoginStore store;

    @Inject
    PasswordHasher hasher;

    @Inject
    MovableClock clock;

    private String victim;
    private String attacker;

    @BeforeEach
    void aCustomerAndAnAttacker() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        victim = "victim." + id;
        store.insertIfAbsent(new Login(UUID.randomUUID(), victim, Site.CARD, "CUS-T-" + id), hasher.hash(PASSWORD))
                .await().atMost(Duration.ofSeconds(10));
        attacker = "198.51.100." + (1 + (int) (Math.random() * 250)) + "-" + id;
        // a password hash can take seconds on a loaded machine: only the test moves time
        clock.stop();
    }

    @AfterEach
    void timeFlowsAgain() {
        clock.resume();
    }

    @Test
    void aSourceThatKeepsFailingIsSlowedDownEvenWithTheRightPassword() {
        for (int i = 0; i < 4; i++) {
            assertThat(attempt(victim, "wrong-" + i, attacker), instanceOf(SignInResult.Invalid.class));
        }

        assertThat(attempt(victim, PASSWORD, attacker), instanceOf(SignInResult.Throttled.class));
        assertThat(attempt("someone.else", "wrong", attacker), instanceOf(SignInResult.Throttled.class));
    }

    @Test
    void theDelayGrowsWithEveryFailureAndEnds() {
        for (int i = 0; i < 4; i++) {
            attempt("nobody." + i, "wrong", attacker);
        }
        assertThat(attempt("nobody.x", "wrong", attacker), instanceOf(SignInResult.Throttled.class));

        clock.advance(Duration.ofMillis(1_100));
        assertThat("one second after the 4th failure", attempt("nobody.y", "wrong", attacker),
                instanceOf(SignInResult.Invalid.class));
        clock.advance(Duration.ofMillis(1_100));
        assertThat("the 5th failure costs two seconds", attempt("nobody.z", "wrong", attacker),
                instanceOf(SignInResult.Throttled.class));
        clock.advance(Duration.ofSeconds(1));
        assertThat(attempt(victim, PASSWORD, attacker), instanceOf(SignInResult.Success.class));
    }

    @Test
    void theCustomerSignsInFromTheirOwnAddressWhileTheirNameIsLockedAgainstTheAttacker() {
        // five failures from five addresses lock the name...
        for (int i = 0; i < 5; i++) {
            attempt(victim, "wrong-" + i, attacker + "." + i);
        }
        assertThat("...against every address that failed", attempt(victim, PASSWORD, attacker + ".0"),
                instanceOf(SignInResult.Locked.class));

        assertThat("the customer's address never failed", attempt(victim, PASSWORD, "203.0.113.7-" + victim),
                instanceOf(SignInResult.Success.class));
    }

    @Test
    void theLockIsShort() {
        for (int i = 0; i < 5; i++) {
            attempt(victim, "wrong-" + i, attacker + "." + i);
        }
        assertThat(attempt(victim, PASSWORD, attacker + ".1"), instanceOf(SignInResult.Locked.class));

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(attempt(victim, PASSWORD, attacker + ".1"), instanceOf(SignInResult.Success.class));
    }

    private SignInResult attempt(String username, String password, String source) {
        return signIn.authenticate(username, password, source).await().atMost(Duration.ofSeconds(30));
    }
}
