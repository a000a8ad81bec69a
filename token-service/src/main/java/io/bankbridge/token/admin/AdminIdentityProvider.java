package io.bankbridge.token.admin;

import io.bankbridge.token.generator.OpaqueValues;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks the admin API's HTTP Basic credential: user {@code admin} with the secret from
 * {@code BANKBRIDGE_ADMIN_SECRET}, compared in constant time, gives role {@code admin}. Without a configured secret
 * nobody authenticates.
 */
@ApplicationScoped
public class AdminIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** The one admin user name. */
    public static final String USER = "admin";
    /** The role the admin API requires. */
    public static final String ROLE = "admin";

    private final Optional<String> expectedHash;

    AdminIdentityProvider(@ConfigProperty(name = "bankbridge.admin.secret") Optional<String> secret) {
        // user:secret hashed as one value, so neither part's length or first wrong byte shows in the timing
        this.expectedHash = secret.filter(s -> !s.isBlank()).map(s -> OpaqueValues.hash(USER + ":" + s));
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String presented = request.getUsername() + ":" + new String(request.getPassword().getPassword());
        if (expectedHash.isEmpty() || !OpaqueValues.matches(presented, expectedHash.get())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("wrong admin credentials"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(USER))
                .addRole(ROLE)
                .build());
    }
}
