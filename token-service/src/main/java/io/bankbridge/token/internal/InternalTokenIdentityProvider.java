package io.bankbridge.token.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import io.bankbridge.token.generator.AccessTokenReader;
import io.bankbridge.contract.token.Audiences;
import io.bankbridge.contract.token.Claims;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.Arrays;

/**
 * An access token of this issuer: signed by a published key, {@code typ: at+jwt} (a consent receipt, an ID token or
 * anything else signed here is no access token), unexpired. An internal token's identity (audience
 * {@code bankbridge-internal}) holds one permission per scope, for {@code @PermissionsAllowed} on the resource; any
 * other access token holds nothing, so an internal endpoint refuses it with 403.
 */
@ApplicationScoped
public class InternalTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final AccessTokenReader tokens;
    private final InstantSource clock;

    InternalTokenIdentityProvider(AccessTokenReader tokens, InstantSource clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        JWTClaimsSet claims = tokens.read(request.getToken().getToken())
                .filter(c -> c.getExpirationTime().toInstant().isAfter(clock.instant()))
                .orElse(null);
        String clientId = claims == null ? null : AccessTokenReader.claim(claims, Claims.CLIENT_ID);
        if (clientId == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not an access token of this issuer"));
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(clientId))
                .addCredential(request.getToken());
        // A provider's token is a valid token without any internal capability (403, not 401).
        String scope = AccessTokenReader.claim(claims, "scope");
        if (scope != null && claims.getAudience() != null && claims.getAudience().contains(Audiences.INTERNAL)) {
            Arrays.stream(scope.split(" ")).filter(s -> !s.isBlank()).forEach(identity::addPermissionAsString);
        }
        return Uni.createFrom().item(identity.build());
    }
}
