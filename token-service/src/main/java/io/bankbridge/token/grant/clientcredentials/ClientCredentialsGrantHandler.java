package io.bankbridge.token.grant.clientcredentials;

import io.bankbridge.token.OAuthException;
import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.client.ClientKind;
import io.bankbridge.token.client.RegisteredClient;
import io.bankbridge.token.generator.JwtTokenGenerator;
import io.bankbridge.token.generator.MintedAccessToken;
import io.bankbridge.token.grant.GrantHandler;
import io.bankbridge.token.grant.TokenResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code grant_type=client_credentials}: internal access tokens (scope {@code internal}, audience
 * {@code bankbridge-internal}) for the bank's own services. Providers and the first-party client cannot use it.
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
    public Uni<TokenResponse> handle(RegisteredClient client, OAuthParameters params) {
        if (client.kind() != ClientKind.INTERNAL) {
            throw OAuthException.unauthorizedClient("client_credentials is reserved to the bank's internal services");
        }
        params.optional("scope").filter(scope -> !JwtTokenGenerator.INTERNAL_SCOPE.equals(scope.trim())).ifPresent(scope -> {
            throw OAuthException.invalidScope("the only scope of client_credentials is internal");
        });
        MintedAccessToken token = generator.internalAccessToken(client.clientId());
        return Uni.createFrom().item(TokenResponse.bearer(token.value(), settings.accessTokenLifetime().toSeconds(), null,
                null, JwtTokenGenerator.INTERNAL_SCOPE));
    }
}
