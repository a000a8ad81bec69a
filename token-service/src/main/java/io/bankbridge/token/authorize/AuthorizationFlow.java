package io.bankbridge.token.authorize;

import io.bankbridge.token.account.AccountDataClient;
import io.bankbridge.token.account.CustomerAccount;
import io.bankbridge.token.client.Provider;
import io.bankbridge.token.client.ProviderDirectory;
import io.bankbridge.token.consent.Consent;
import io.bankbridge.token.OAuthException;
import io.bankbridge.token.consent.ConsentAmendment;
import io.bankbridge.token.consent.ConsentClient;
import io.bankbridge.token.consent.ConsentDecision;
import io.bankbridge.token.consent.GrantLookup;
import io.bankbridge.token.generator.InternalTokenSource;
import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.bankbridge.token.grant.authcode.CodeGrant;
import io.bankbridge.token.par.PushedRequest;
import io.bankbridge.token.par.PushedRequests;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The authorization flow behind the hosted pages: validating the request at {@code /authorize}, building the account
 * picker, and answering the client once the customer approved or declined. The pages only deal with HTTP.
 */
@ApplicationScoped
public class AuthorizationFlow {

    /** Scopes the first-party client may ask for at {@code /authorize}. */
    private static final Set<String> FIRST_PARTY_SCOPES = Set.of("openid", "profile");
    private static final Pattern PKCE_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ProviderDirectory providers;
    private final PushedRequests pushedRequests;
    private final AuthorizationSessions sessions;
    private final AuthorizationCodeIssuer codes;
    private final InternalTokenSource internalTokens;
    private final AccountDataClient accountData;
    private final ConsentClient consents;
    private final GrantLookup grants;
    private final AuthorizeConfig config;
    private final String issuer;
    private final InstantSource clock;

    AuthorizationFlow(ProviderDirectory providers, PushedRequests pushedRequests, AuthorizationSessions sessions,
                      AuthorizationCodeIssuer codes, InternalTokenSource internalTokens,
                      @RestClient AccountDataClient accountData, @RestClient ConsentClient consents,
                      GrantLookup grants, AuthorizeConfig config, @ConfigProperty(name = "bankbridge.issuer") String issuer,
                      InstantSource clock) {
        this.providers = providers;
        this.pushedRequests = pushedRequests;
        this.sessions = sessions;
        this.codes = codes;
        this.internalTokens = internalTokens;
        this.accountData = accountData;
        this.consents = consents;
        this.grants = grants;
        this.config = config;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * Validates {@code GET /authorize} and opens a session for the browser, or resumes the browser's own session
     * ({@code current}) when it was opened from the same pushed request (a reload).
     *
     * <p>Opening a pushed request uses nothing up: mail and chat link scanners and browser prefetches GET the URL
     * before the customer does. Each such GET gets a session of its own (and a cookie it will not send back); the
     * request is bound only when someone signs in, which a scanner never does, and consumed only when the customer
     * approves or declines. Binding on the GET instead would hand the request to the scanner and lock the customer
     * out; with this order a different browser is refused only once the customer has signed in somewhere.
     */
    public Uni<StartResult> start(AuthorizationRequest request, Optional<AuthorizationSession> current) {
        if (blank(request.clientId())) {
            return refused("The request does not say which application is asking.");
        }
        return providers.find(request.clientId()).chain(found -> {
            if (found.isEmpty() || !found.get().active()) {
                return refused("The application that sent you here is not known to us or is not allowed to connect.");
            }
            Provider provider = found.get();
            if (!blank(request.requestUri())) {
                String key = PushedRequests.key(request.requestUri());
                if (current.isPresent() && key.equals(current.get().requestUriHash())
                        && provider.clientId().equals(current.get().clientId())) {
                    return Uni.createFrom().item(new StartResult.Resumed());
                }
                return pushedRequests.open(request.requestUri(), provider.clientId())
                        .chain(pushed -> pushed.isPresent() ? open(fromPushed(pushed.get(), provider))
                                : refused("This request has expired, was already used or is being completed in another "
                                        + "browser. Please return to the application and start again."));
            }
            if (!provider.firstParty()) {
                return refused("The application must start this request through a pushed authorization request.");
            }
            return startFirstParty(provider, request);
        });
    }

    private Uni<StartResult> startFirstParty(Provider provider, AuthorizationRequest request) {
        if (blank(request.redirectUri()) || !provider.redirectUris().contains(request.redirectUri())) {
            return refused("The address the application wants to send you back to is not registered.");
        }
        String redirect = request.redirectUri();
        String state = request.state();
        if (!"code".equals(request.responseType())) {
            return errorRedirect(redirect, state, "unsupported_response_type", "response_type must be code");
        }
        if (blank(request.codeChallenge()) || !"S256".equals(request.codeChallengeMethod())) {
            return errorRedirect(redirect, state, "invalid_request", "PKCE with code_challenge_method S256 is required");
        }
        if (!PKCE_CHALLENGE.matcher(request.codeChallenge()).matches()) {
            return errorRedirect(redirect, state, "invalid_request", "code_challenge is not a S256 challenge");
        }
        List<String> scopes = blank(request.scope()) ? List.of()
                : Arrays.stream(request.scope().trim().split(" +")).distinct().toList();
        if (!scopes.contains("openid") || !FIRST_PARTY_SCOPES.containsAll(scopes)) {
            return errorRedirect(redirect, state, "invalid_scope", "scope must include openid and nothing beyond openid profile");
        }
        return open(new AuthorizationSession(null, null, provider.clientId(), redirect, state, request.nonce(),
                request.codeChallenge(), scopes, List.of(), 0, true, null, null, null, null,
                clock.instant().plus(config.sessionTtl()), null, null, null, null));
    }

    private AuthorizationSession fromPushed(PushedRequest pushed, Provider provider) {
        return new AuthorizationSession(null, null, pushed.clientId(), pushed.redirectUri(), pushed.state(), pushed.nonce(),
                pushed.codeChallenge(), pushed.scopes(), pushed.dataClusters(), pushed.durationDays(), provider.firstParty(),
                null, null, null, null, clock.instant().plus(config.sessionTtl()), PushedRequests.key(pushed.requestUri()),
                null, pushed.grantAction(), pushed.grantId());
    }

    /**
     * The customer signed in: the pushed request behind the session is bound to this browser session from now on
     * (true), unless another browser's session holds it already (false). First-party sessions have none to bind.
     */
    public Uni<Boolean> bind(AuthorizationSession session) {
        return session.requestUriHash() == null ? Uni.createFrom().item(true)
                : pushedRequests.bind(session.requestUriHash(), session.binding());
    }

    /**
     * The customer decided: the pushed request is used up. True for exactly one decision of one session, so a
     * request never yields two codes (or a code and a refusal).
     */
    public Uni<Boolean> claim(AuthorizationSession session) {
        return session.requestUriHash() == null ? Uni.createFrom().item(true)
                : pushedRequests.consume(session.requestUriHash(), session.binding());
    }

    private Uni<StartResult> open(AuthorizationSession request) {
        return sessions.create(request).map(StartResult.Started::new);
    }

    /**
     * The account picker for a signed-in session. Fails if account-data-service does not answer. For a merge or a
     * replace, the accounts the grant already covers are chosen in advance; a grant that has ended meanwhile has
     * none (approving then tells the client {@code invalid_grant_id}).
     */
    public Uni<ConsentPage> consentPage(AuthorizationSession session, List<String> customerIds) {
        Uni<List<String>> granted = !session.amendsGrant() ? Uni.createFrom().item(List.of())
                : grants.activeGrantOf(session.clientId(), session.grantId()).map(Consent::accountIds)
                        .onFailure(OAuthException.class).recoverWithItem(List.of());
        return providers.find(session.clientId()).chain(found -> {
            Provider provider = found.orElseThrow(() -> new IllegalStateException("client vanished: " + session.clientId()));
            // The provider's logo is not shown: loading it would tell the provider's host who is at the bank's page.
            return granted.chain(already -> accountsOf(customerIds).map(accounts -> new ConsentPage(provider.name(),
                    session.dataClusters().stream().map(DataClusterWording::describe).toList(), session.durationDays(),
                    ConsentPage.durationChoices(session.durationDays()), accounts, session.grantAction(), already)));
        });
    }

    /** Every account of these customers, in customer order. */
    public Uni<List<CustomerAccount>> accountsOf(List<String> customerIds) {
        return internalTokens.internalToken().chain(token -> {
            List<Uni<List<CustomerAccount>>> calls = customerIds.stream()
                    .map(id -> accountData.accounts("Bearer " + token, id)).toList();
            if (calls.isEmpty()) {
                return Uni.createFrom().item(List.<CustomerAccount>of());
            }
            return Uni.combine().all().unis(calls).with(lists -> {
                List<CustomerAccount> all = new ArrayList<>();
                lists.forEach(list -> all.addAll(castAccounts(list)));
                return all;
            });
        });
    }

    /**
     * The customer approved sharing {@code accountIds} for {@code durationDays} (the requested duration or a shorter
     * one the customer chose): consent-service records the consent as authorized for exactly those accounts and that
     * long, in one call, and the client gets a code. Returns the redirect to the client.
     */
    public Uni<String> approve(AuthorizationSession session, List<String> accountIds, int durationDays) {
        if (session.amendsGrant()) {
            return amend(session, accountIds, durationDays);
        }
        return decide(session, provider -> ConsentDecision.approved(session.binding(), session.customerId(),
                        provider.clientId(), provider.name(), session.dataClusters(), session.durationDays(), accountIds,
                        durationDays))
                .chain(consent -> issueCode(session, consent.id(), consent.expiresAt(), session.dataClusters()));
    }

    /**
     * The customer approved a merge into, or the replacement of, the provider's grant for {@code durationDays}:
     * consent-service changes the consent (same id and history) and renews it (it expires that long after this
     * approval), and the code covers everything the grant now holds, its refresh token until the new expiry. A grant
     * that ended meanwhile (revoked or expired: it cannot be renewed), or that is not this customer's, is answered
     * {@code invalid_grant_id}.
     */
    private Uni<String> amend(AuthorizationSession session, List<String> accountIds, int durationDays) {
        return grants.activeGrantOf(session.clientId(), session.grantId()).chain(grant -> {
            if (!grant.customerId().equals(session.customerId())) {
                throw OAuthException.invalidGrantId("grant_id is not a grant of the customer who signed in");
            }
            return internalTokens.internalToken().chain(token -> consents.amend("Bearer " + token, grant.id(),
                    new ConsentAmendment(session.grantAction().name(), session.clientId(), session.dataClusters(),
                            accountIds, durationDays)));
        }).onFailure(this::grantEnded).transform(e -> OAuthException.invalidGrantId("grant_id has ended"))
                .chain(consent -> issueCode(session, consent.id(), consent.expiresAt(), consent.dataClusters()))
                .onFailure(OAuthException.class).recoverWithUni(e -> refuseToClient(session, (OAuthException) e));
    }

    /** consent-service no longer holds the grant as the provider's authorized one (404, 409). */
    private boolean grantEnded(Throwable failure) {
        return failure instanceof jakarta.ws.rs.WebApplicationException web
                && (web.getResponse().getStatus() == 404 || web.getResponse().getStatus() == 409);
    }

    /** Answers the client with the error, and ends the session. */
    private Uni<String> refuseToClient(AuthorizationSession session, OAuthException error) {
        return sessions.delete(session).map(ignored -> redirect(session.redirectUri(),
                params("error", error.error(), "error_description", error.description(), "state", session.state())));
    }

    /**
     * Records the customer's decision with consent-service in one call. The session's binding value is the
     * idempotency key: unique to this authorization request and never sent to the browser, so a repeated call
     * (after a time-out, say) answers the consent the first one recorded instead of recording a second.
     */
    private Uni<Consent> decide(AuthorizationSession session, Function<Provider, ConsentDecision> decision) {
        return providers.find(session.clientId()).chain(found -> {
            Provider provider = found.orElseThrow(() -> new IllegalStateException("client vanished: " + session.clientId()));
            return internalTokens.internalToken()
                    .chain(token -> consents.decide("Bearer " + token, decision.apply(provider)));
        });
    }

    /** The first-party sign-in succeeded: the code goes straight back to the client. */
    public Uni<String> completeFirstParty(AuthorizationSession session) {
        return issueCode(session, null, null, session.dataClusters());
    }

    private Uni<String> issueCode(AuthorizationSession session, String consentId, Instant consentExpiresAt,
                                  List<String> dataClusters) {
        List<String> granted = new ArrayList<>(dataClusters);
        session.scopes().stream().filter(FIRST_PARTY_SCOPES::contains).forEach(granted::add);
        CodeGrant grant = new CodeGrant(session.clientId(), session.redirectUri(), session.customerId(), consentId,
                List.copyOf(granted), session.codeChallenge(), session.nonce(), session.authTime(), consentExpiresAt);
        return codes.issue(grant)
                .call(() -> sessions.delete(session))
                .map(code -> redirect(session.redirectUri(), params("code", code, "state", session.state())));
    }

    /**
     * The customer declined: the decision is recorded with consent-service where possible (a consent that was never
     * authorized grants nothing, so the client is told even when that fails), and the client gets
     * {@code access_denied}.
     */
    public Uni<String> decline(AuthorizationSession session) {
        Uni<Consent> recorded = decide(session, provider -> ConsentDecision.declined(session.binding(),
                session.customerId(), provider.clientId(), provider.name(), session.dataClusters(), session.durationDays()));
        return recorded.onFailure().invoke(e -> Log.warnf("Could not record a declined consent for client %s: %s",
                        session.clientId(), e.toString()))
                .onFailure().recoverWithNull()
                .chain(() -> denied(session, "The customer declined the request"));
    }

    /**
     * The customer cancelled at the sign-in step: nothing was decided, so nothing is recorded with consent-service;
     * the client gets {@code access_denied} with its {@code state} and {@code iss} (RFC 6749 §4.1.2.1, RFC 9207).
     */
    public Uni<String> cancel(AuthorizationSession session) {
        return denied(session, "The customer cancelled the sign-in");
    }

    private Uni<String> denied(AuthorizationSession session, String description) {
        return sessions.delete(session).map(ignored -> redirect(session.redirectUri(),
                params("error", "access_denied", "error_description", description, "state", session.state())));
    }

    private Uni<StartResult> errorRedirect(String redirectUri, String state, String error, String description) {
        return Uni.createFrom().item(new StartResult.ErrorRedirect(
                redirect(redirectUri, params("error", error, "error_description", description, "state", state))));
    }

    private static Uni<StartResult> refused(String reason) {
        return Uni.createFrom().item(new StartResult.Refused(reason));
    }

    /** The redirect URI with the answer's parameters and, always, {@code iss} (RFC 9207). */
    private String redirect(String redirectUri, Map<String, String> answer) {
        StringBuilder url = new StringBuilder(redirectUri);
        char separator = redirectUri.contains("?") ? '&' : '?';
        answer.put("iss", issuer);
        for (Map.Entry<String, String> e : answer.entrySet()) {
            if (e.getValue() != null) {
                url.append(separator).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return url.toString();
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static List<CustomerAccount> castAccounts(Object list) {
        return (List<CustomerAccount>) list;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
