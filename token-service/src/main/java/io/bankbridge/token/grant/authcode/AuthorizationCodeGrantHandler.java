package io.bankbridge.token.grant.authcode;

import io.bankbridge.contract.token.Scopes;
import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.token.OAuthException;
import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.client.ClientKind;
import io.bankbridge.token.client.RegisteredClient;
import io.bankbridge.token.consent.ConsentStateCheck;
import io.bankbridge.token.dpop.DPoPBinding;
import io.bankbridge.token.dpop.DPoPCodeBindings;
import io.bankbridge.token.generator.JwtTokenGenerator;
import io.bankbridge.token.generator.MintedAccessToken;
import io.bankbridge.token.generator.OpaqueValues;
import io.bankbridge.token.generator.RefreshTokenStore;
import io.bankbridge.token.grant.GrantHandler;
import io.bankbridge.token.grant.GrantOutcome;
import io.bankbridge.token.grant.TokenResponse;
import io.bankbridge.token.login.LoginLinks;
import io.bankbridge.token.revocation.GrantRevocation;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;

/**
 * {@code grant_type=authorization_code}: redeems a code once, for the client and redirect URI it was issued to,
 * with the PKCE verifier matching its S256 challenge. Only a successful redemption uses the code: an attempt by
 * another client, or with the wrong redirect URI or verifier, is refused and leaves the code (and the consent) to the
 * client it was issued to, so that whoever holds a leaked code cannot burn it or end the grant. A second redemption
 * that passes every check, by the same authenticated client, is refused and revokes what the first one issued
 * (RFC 6749 §4.1.2; the code may have been stolen): the consent's refresh tokens are deleted and
 * {@code consent.revoked} (actor SYSTEM) goes out, so resource servers refuse the access token too.
 */
@ApplicationScoped
public class AuthorizationCodeGrantHandler implements GrantHandler {

    private final Pool pool;
    private final AuthorizationCodeStore codes;
    private final RefreshTokenStore refreshTokens;
    private final JwtTokenGenerator generator;
    private final GrantRevocation revocation;
    private final TokenSettings settings;
    private final LoginLinks links;
    private final DPoPCodeBindings dpopBindings;
    private final ConsentStateCheck consentState;
    private final InstantSource clock;

    AuthorizationCodeGrantHandler(Pool pool, AuthorizationCodeStore codes, RefreshTokenStore refreshTokens,
                                  JwtTokenGenerator generator, GrantRevocation revocation, TokenSettings settings,
                                  LoginLinks links, DPoPCodeBindings dpopBindings, ConsentStateCheck consentState,
                                  InstantSource clock) {
        this.pool = pool;
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.generator = generator;
        this.revocation = revocation;
        this.settings = settings;
        this.links = links;
        this.dpopBindings = dpopBindings;
        this.consentState = consentState;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return "authorization_code";
    }

    @Override
    public Uni<TokenResponse> handle(RegisteredClient client, OAuthParameters params, DPoPBinding dpop) {
        String code = params.required("code");
        String redirectUri = params.required("redirect_uri");
        String verifier = params.optional("code_verifier").orElse(null);
        // The row stays locked until the transaction ends: concurrent redemptions of one code run one after the other.
        return pool.withTransaction(tx -> codes.lock(tx, code).chain(found -> {
            if (found.isEmpty()) {
                return GrantOutcome.refused(OAuthException.invalidGrant("unknown authorization code"));
            }
            AuthorizationCodeStore.StoredCode stored = found.get();
            CodeGrant grant = stored.grant();
            if (!grant.clientId().equals(client.clientId())) {
                return GrantOutcome.refused(OAuthException.invalidGrant("the code was issued to another client"));
            }
            if (!grant.redirectUri().equals(redirectUri)) {
                return GrantOutcome.refused(OAuthException.invalidGrant("redirect_uri differs from the authorization request"));
            }
            if (verifier == null || !pkceMatches(verifier, grant.codeChallenge())) {
                return GrantOutcome.refused(OAuthException.invalidGrant("code_verifier does not match the code_challenge"));
            }
            // RFC 9449 §10: a request bound to a key at /par is redeemed with a proof of that key only.
            return dpopBindings.find(tx, client.clientId(), grant.codeChallenge()).chain(bound -> {
                if (!dpop.matches(bound.orElse(null))) {
                    return GrantOutcome.refused(OAuthException.invalidGrant("the code is bound to another DPoP key"));
                }
                if (stored.redeemed()) {
                    return revokeReplayed(tx, stored);
                }
                if (stored.expiresAt().isBefore(clock.instant())) {
                    return GrantOutcome.refused(OAuthException.invalidGrant("the authorization code has expired"));
                }
                // While the revocation view is stale, consent-service confirms the consent first.
                return consentState.beforeMinting(grant.consentId()).chain(() -> issue(tx, stored, client, dpop));
            });
        })).map(outcome -> GrantOutcome.settle(outcome, revocation));
    }

    private Uni<GrantOutcome> issue(SqlClient tx, AuthorizationCodeStore.StoredCode stored, RegisteredClient client,
                                    DPoPBinding dpop) {
        CodeGrant grant = stored.grant();
        MintedAccessToken access = generator.customerAccessToken(client.clientId(), grant.customerId(), grant.consentId(),
                grant.scopes(), dpop.jkt());
        boolean openid = grant.scopes().contains(Scopes.OPENID);
        // The Security Center shows every connection of the person behind the login, linked logins' included.
        Uni<LoginLinks.SignedInPerson> person = openid && client.kind() == ClientKind.FIRST_PARTY
                ? links.person(grant.customerId()) : Uni.createFrom().item(LoginLinks.SignedInPerson.NONE);
        String scope = String.join(" ", grant.scopes());
        // The refresh token lives as long as the consent (FAPI 2.0 §5.3.2.1 item 10).
        Instant refreshExpiry = grant.consentExpiresAt() != null ? grant.consentExpiresAt()
                : clock.instant().plus(settings.refreshTokenLifetime());
        Uni<String> refresh = grant.consentId() == null
                ? Uni.createFrom().nullItem()
                : refreshTokens.issue(tx, client.clientId(), grant.consentId(), grant.customerId(), grant.scopes(),
                        refreshExpiry, dpop.jkt());
        return codes.consume(tx, stored.codeHash(), access.jti()).chain(consumed -> {
            if (!consumed) {
                return GrantOutcome.refused(OAuthException.invalidGrant("the authorization code was already used"));
            }
            return person
                    .map(who -> openid
                            ? generator.idToken(client.clientId(), grant.customerId(), grant.nonce(), grant.authTime(),
                                    who.username(), who.customerIds())
                            : null)
                    .chain(idToken -> refresh.map(refreshToken -> new GrantOutcome.Issued(TokenResponse.of(dpop,
                            access.value(), settings.accessTokenLifetime().toSeconds(), refreshToken, idToken, scope)
                            .withGrantId(grant.consentId()))));
        });
    }

    private Uni<GrantOutcome> revokeReplayed(SqlClient tx, AuthorizationCodeStore.StoredCode stored) {
        CodeGrant grant = stored.grant();
        Log.warnf("Authorization code of client %s presented again: revoking what it issued", grant.clientId());
        String reason = "authorization code presented twice";
        Uni<Void> consent = grant.consentId() == null ? Uni.createFrom().voidItem()
                : revocation.revokeConsent(tx, grant.consentId(), Actor.SYSTEM, reason);
        Uni<Void> token = stored.issuedJti() == null ? Uni.createFrom().voidItem()
                : revocation.revokeAccessToken(tx, stored.issuedJti(), null, grant.clientId(), grant.customerId(),
                        Actor.SYSTEM, reason);
        return consent.chain(() -> token).replaceWith(
                new GrantOutcome.Refused(OAuthException.invalidGrant("the authorization code was already used"), true));
    }


    private static boolean pkceMatches(String verifier, String challenge) {
        // RFC 7636 §4.1: 43..128 unreserved characters.
        if (verifier.length() < 43 || verifier.length() > 128 || !verifier.matches("[A-Za-z0-9._~-]+")) {
            return false;
        }
        return MessageDigest.isEqual(OpaqueValues.s256(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
