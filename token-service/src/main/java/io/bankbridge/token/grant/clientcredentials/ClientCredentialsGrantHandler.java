package io.bankbridge.token.grant.clientcredentials;

import io.bankbridge.contract.token.InternalScope;
import io.bankbridge.contract.token.Scopes;
import io.bankbridge.token.OAuthException;
import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.client.ClientKind;
import io.bankbridge.token.client.RegisteredClient;
import io.bankbridge.token.dpop.DPoPBinding;
import io.bankbridge.token.generator.JwtTokenGenerator;
import io.bankbridge.token.generator.MintedAccessToken;
import io.bankbridge.token.grant.GrantHandler;
import io.bankbridge.token.grant.TokenResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code grant_type=client_credentials}: internal access tokens (audience {@code bankbridge-internal}) for the bank's
 * own services and systems, carrying the client's configured internal scopes, or the requested subset of them; and
 * a provider's grant management token (audience {@code bankbridge-grants}, Grant Management for OAuth 2.0) with the
 * {@code grant_management_*} scopes only, DPoP-bound when the request proves a key. The first-party client cannot
 * use it.
 */
@ApplicationScoped
public class ClientCredentialsGrantHandler implements GrantHandler {

    private final JwtTokenGenerator generator;
    private final TokenSettings settings;

    ClientCredentialsGrantHandler(JwtTokenGenerator generator, TokenSettings settings) {
        this.generator = generator;
        this.settings = settings;
    }

    @Override
    public String grantType() {
        return "client_credentials";
    }

    @Override
    public Uni<TokenResponse> handle(RegisteredClient client, OAuthParameters params, DPoPBinding dpop) {
        // Internal tokens stay bearer tokens (RFC 9449 §5 lets a server answer a proof with token_type Bearer): the
        // bank's services call each other inside its network, and the internal APIs take bearer tokens only.
        if (client.kind() == ClientKind.PROVIDER) {
            return Uni.createFrom().item(grantManagement(client, params, dpop));
        }
        if (client.kind() != ClientKind.INTERNAL) {
            throw OAuthException.unauthorizedClient("client_credentials is reserved to the bank's internal services "
                    + "and to providers' grant management");
        }
        // RFC 6749 §3.3: without a scope parameter the client gets its default, here all of its scopes.
        Set<InternalScope> granted = params.optional("scope").map(scope -> requested(client, scope))
                .orElse(client.internalScopes());
        List<String> scopes = granted.stream().map(InternalScope::value).toList();
        MintedAccessToken token = generator.internalAccessToken(client.clientId(), scopes);
        return Uni.createFrom().item(TokenResponse.bearer(token.value(), settings.accessTokenLifetime().toSeconds(), null,
                null, String.join(" ", scopes)));
    }

    private TokenResponse grantManagement(RegisteredClient client, OAuthParameters params, DPoPBinding dpop) {
        List<String> scopes = params.optional("scope")
                .map(scope -> List.of(scope.trim().split(" +")).stream().distinct().toList())
                .orElse(Scopes.GRANT_MANAGEMENT); // both when it names none
        scopes.stream().filter(s -> !Scopes.GRANT_MANAGEMENT.contains(s)).findFirst().ifPresent(s -> {
            throw OAuthException.invalidScope("a provider's client_credentials grant carries "
                    + String.join(" and ", Scopes.GRANT_MANAGEMENT) + " only");
        });
        MintedAccessToken token = generator.grantManagementToken(client.clientId(), scopes, dpop.jkt());
        return TokenResponse.of(dpop, token.value(), settings.accessTokenLifetime().toSeconds(), null, null,
                String.join(" ", scopes));
    }

    /** Every requested scope must be one of the client's: a request for more is refused, never trimmed. */
    private static Set<InternalScope> requested(RegisteredClient client, String scope) {
        Set<InternalScope> requested = EnumSet.noneOf(InternalScope.class);
        for (String value : scope.trim().split(" +")) {
            requested.add(InternalScope.fromValue(value).filter(client.internalScopes()::contains).orElseThrow(
                    () -> OAuthException.invalidScope("scope " + value + " is not granted to this client")));
        }
        return requested;
    }
}
