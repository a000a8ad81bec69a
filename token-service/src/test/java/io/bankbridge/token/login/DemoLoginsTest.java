package io.bankbridge.token.login;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Demo customer logins for the local stack (demo data is on in the test profile, with 3 persons). */
@QuarkusTest
class DemoLoginsTest {

    @Inject
    DemoLogins demo;

    @Inject
    LoginStore store;

    @Inject
    CustomerSignIn signIn;

    @Test
    void everyDemoPersonHasACardAndASavingsLoginWithTheConventionalPassword() {
        Set<String> existing = store.existingUsernames(List.of("card.demo0001", "savings.demo0001", "card.demo0003",
                "savings.demo0003", "card.demo0004")).await().atMost(Duration.ofSeconds(10));
        assertThat(existing, equalTo(Set.of("card.demo0001", "savings.demo0001", "card.demo0003", "savings.demo0003")));
        SignInResult result = signIn.authenticate("savings.demo0001", "Demo-0001-pass!", "127.0.0.1").await().atMost(Duration.ofSeconds(10));
        assertThat(result, instanceOf(SignInResult.Success.class));
        assertThat(((SignInResult.Success) result).login().customerId(), equalTo("CUS-S-0001"));
    }

    @Test
    void seedingAgainChangesNothingAndKeepsThePasswords() {
        LoginStore.StoredLogin before = store.findByUsername("card.demo0001").await().atMost(Duration.ofSeconds(10)).orElseThrow();
        demo.seed(null);
        LoginStore.StoredLogin after = store.findByUsername("card.demo0001").await().atMost(Duration.ofSeconds(10)).orElseThrow();
        assertThat(after, equalTo(before));
        assertThat(store.customersVisibleTo(before.login().id()).await().atMost(Duration.ofSeconds(10)),
                equalTo(List.of("CUS-C-0001", "CUS-S-0001")));
    }

    @Test
    void theDemoLoginsAreWrittenForTheLocalStackToPrint() throws IOException {
        String text = Files.readString(Path.of("target/demo-logins.txt"));
        assertThat(text, allOf(containsString("card.demo0001 / Demo-0001-pass!"), containsString("savings.demo0003 / Demo-0003-pass!"),
                containsString("already linked")));
    }
}
