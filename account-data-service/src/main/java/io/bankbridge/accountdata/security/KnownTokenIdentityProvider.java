package io.bankbridge.accountdata.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;

/**
 * Recognises an access token quarkus-oidc has already verified, so that its signature is checked once per token and
 * not once per request ({@link VerifiedTokenCache}). Asked before quarkus-oidc's own identity provider: for a token
 * it knows it answers the verified claims; for any other it answers nothing, and quarkus-oidc verifies the token.
 * Either way {@link AccessAugmentor} then decides what the identity may do.
 */
@ApplicationScoped
public class KnownTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Identity attribute holding the {@link VerifiedToken} of the request. */
    static final String VERIFIED_TOKEN = "bankbridge.verified-token";
    /** Identity attribute set only while a benchmark has switched the check off. */
    static final String BENCH = "bankbridge.bench";

    private static final Uni<SecurityIdentity> UNKNOWN = Uni.createFrom().nullItem();

    private final VerifiedTokenCache cache;
    private final EnforcementSwitch enforcement;
    private final InstantSource clock;

    KnownTokenIdentityProvider(VerifiedTokenCache cache, EnforcementSwitch enforcement, InstantSource clock) {
        this.cache = cache;
        this.clock = clock;
        this.enforcement = enforcement;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Asked before quarkus-oidc's provider, which keeps the default priority (the higher, the earlier). */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!enforcement.enforced()) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("bench")).addAttribute(BENCH, Boolean.TRUE).build());
        }
        VerifiedToken known = cache.get(request.getToken().getToken(), clock.instant());
        if (known == null) {
            return UNKNOWN;
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(known.subject() == null ? "" : known.subject()))
                .addCredential(request.getToken())
                .addAttribute(VERIFIED_TOKEN, known)
                .build());
    }
}
