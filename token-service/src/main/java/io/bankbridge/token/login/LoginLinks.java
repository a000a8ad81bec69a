package io.bankbridge.token.login;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Linked logins ("connect your websites"): a signed-in customer proves once that they also hold another site's
 * login, and from then on the account picker shows the accounts of both. Credentials are never merged: each login
 * keeps signing in with its own.
 */
@ApplicationScoped
public class LoginLinks {

    private final CustomerSignIn signIn;
    private final LoginStore store;

    LoginLinks(CustomerSignIn signIn, LoginStore store) {
        this.signIn = signIn;
        this.store = store;
    }

    /**
     * Links the login named {@code username} to {@code signedIn} if {@code password} is that login's password (typed
     * by a customer connecting from {@code source}).
     */
    public Uni<LinkResult> link(UUID signedIn, String username, String password, String source) {
        return store.findById(signedIn).chain(self -> signIn.authenticate(username, password, source).chain(result -> switch (result) {
            case SignInResult.Invalid invalid -> Uni.createFrom().item(LinkResult.INVALID_CREDENTIALS);
            case SignInResult.Locked locked -> Uni.createFrom().item(LinkResult.LOCKED);
            case SignInResult.Throttled throttled -> Uni.createFrom().item(LinkResult.THROTTLED);
            case SignInResult.Busy busy -> Uni.createFrom().item(LinkResult.BUSY);
            case SignInResult.Success success -> {
                Login other = success.login();
                if (self.isEmpty() || other.customerId().equals(self.get().customerId())) {
                    yield Uni.createFrom().item(LinkResult.REFUSED);
                }
                yield store.link(signedIn, other.id()).map(linked -> linked ? LinkResult.LINKED : LinkResult.REFUSED);
            }
        }));
    }

    /**
     * Who signed in, for the first-party client's ID token.
     *
     * @param username    the login's user name ({@code preferred_username}); null when no login has the customer
     * @param customerIds the customers the login acts for: its own first, then those of its linked logins
     */
    public record SignedInPerson(String username, List<String> customerIds) {

        /** Nobody to describe: the token carries neither claim. */
        public static final SignedInPerson NONE = new SignedInPerson(null, List.of());
    }

    /** The login of {@code customerId} and the customers it acts for (only {@code customerId} when no login has it). */
    public Uni<SignedInPerson> person(String customerId) {
        return store.findByCustomerId(customerId).chain(login -> login.isEmpty()
                ? Uni.createFrom().item(new SignedInPerson(null, List.of(customerId)))
                : store.customersVisibleTo(login.get().id()).map(ids -> new SignedInPerson(login.get().username(), ids)));
    }

    /** The customers whose accounts {@code loginId} may share: its own first, then its linked logins'. */
    public Uni<List<String>> customersVisibleTo(UUID loginId) {
        return store.customersVisibleTo(loginId);
    }
}
