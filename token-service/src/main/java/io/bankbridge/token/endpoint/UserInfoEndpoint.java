package io.bankbridge.token.endpoint;

import com.nimbusds.jwt.JWTClaimsSet;
import io.bankbridge.contract.token.Claims;
import io.bankbridge.contract.token.Scopes;
import io.bankbridge.token.client.ProviderDirectory;
import io.bankbridge.token.generator.AccessTokenReader;
import io.bankbridge.token.introspection.TokenIntrospection;
import io.bankbridge.token.login.LoginStore;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * OpenID Connect UserInfo for the bank's first-party sign-in (the Security Center): {@code sub} and
 * {@code preferred_username} for a valid, unrevoked access token issued to a first-party client with scope {@code openid}.
 * Errors follow RFC 6750 ({@code WWW-Authenticate: Bearer error=...}).
 */
@Path("/userinfo")
@Produces(MediaType.APPLICATION_JSON)
// Public to Quarkus Security: the endpoint checks the bearer token itself and answers RFC 6750 errors.
@PermitAll
public class UserInfoEndpoint {

    private static final String BEARER = "Bearer ";

    private final AccessTokenReader tokens;
    private final ProviderDirectory clients;
    private final LoginStore logins;
    private final TokenIntrospection introspection;
    private final InstantSource clock;

    UserInfoEndpoint(AccessTokenReader tokens, ProviderDirectory clients, LoginStore logins, TokenIntrospection introspection,
                     InstantSource clock) {
        this.tokens = tokens;
        this.clients = clients;
        this.logins = logins;
        this.introspection = introspection;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "OpenID Connect UserInfo (first-party clients, scope openid)")
    public Uni<Response> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return userInfo(authorization);
    }

    @POST
    @Operation(summary = "OpenID Connect UserInfo (first-party clients, scope openid)")
    public Uni<Response> post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return userInfo(authorization);
    }

    private Uni<Response> userInfo(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().item(Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"bankbridge\"")
                    .header("Cache-Control", "no-store").build());
        }
        JWTClaimsSet claims = tokens.read(authorization.substring(BEARER.length()).trim()).orElse(null);
        if (claims == null || claims.getExpirationTime().toInstant().isBefore(clock.instant())) {
            return refused(401, "invalid_token", "The access token is not valid");
        }
        String clientId = AccessTokenReader.claim(claims, Claims.CLIENT_ID);
        String scope = AccessTokenReader.claim(claims, "scope");
        if (clientId == null || scope == null || !Arrays.asList(scope.split(" ")).contains(Scopes.OPENID)) {
            return refused(403, "insufficient_scope", "The access token was not issued for openid");
        }
        return clients.find(clientId).chain(client -> {
            if (client.isEmpty() || !client.get().firstParty() || !client.get().active()) {
                return refused(403, "insufficient_scope", "UserInfo is for the bank's own sign-in only");
            }
            return introspection.revoked(claims).chain(revoked -> revoked
                    ? refused(401, "invalid_token", "The access token has been revoked")
                    : profile(claims));
        });
    }

    private Uni<Response> profile(JWTClaimsSet claims) {
        return logins.findByCustomerId(claims.getSubject()).map(login -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sub", claims.getSubject());
            login.ifPresent(l -> body.put("preferred_username", l.username()));
            return Response.ok(body).header("Cache-Control", "no-store").build();
        });
    }

    private static Uni<Response> refused(int status, String error, String description) {
        Response oauth = ProblemMapper.oauthError(status, error, description, false);
        return Uni.createFrom().item(Response.fromResponse(oauth)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"bankbridge\", error=\"" + error + "\"").build());
    }
}
