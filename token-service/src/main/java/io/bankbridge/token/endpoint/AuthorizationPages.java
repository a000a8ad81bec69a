package io.bankbridge.token.endpoint;

import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.account.CustomerAccount;
import io.bankbridge.token.authorize.AuthorizationFlow;
import io.bankbridge.token.authorize.AuthorizationRequest;
import io.bankbridge.token.authorize.AuthorizationSession;
import io.bankbridge.token.authorize.AuthorizationSessions;
import io.bankbridge.token.authorize.ConsentPage;
import io.bankbridge.token.authorize.Notice;
import io.bankbridge.token.authorize.StartResult;
import io.bankbridge.branding.Branding;
import io.bankbridge.token.client.Provider;
import io.bankbridge.token.client.ProviderDirectory;
import io.bankbridge.token.login.CustomerSignIn;
import io.bankbridge.token.login.LinkResult;
import io.bankbridge.token.login.LoginConfig;
import io.bankbridge.token.login.Login;
import io.bankbridge.token.login.LoginLinks;
import io.bankbridge.token.login.LoginStore;
import io.bankbridge.token.login.SignInResult;
import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The authorization endpoint and the bank's hosted pages behind it: sign-in, account picker / consent, and linking a
 * second login. HTTP only (cookies, forms, CSRF, 303 after every POST, rendering); the flow itself lives in
 * {@link AuthorizationFlow}. Every failure becomes a page for the customer, never a stack trace.
 */
@Path("/authorize")
@HostedPage
// Public to Quarkus Security: these pages are where the customer signs in; the flow checks the client's request
// (RFC 6749 §4.1, RFC 9126) and answers with error pages or error redirects.
@PermitAll
public class AuthorizationPages {

    static final String UNABLE = "We are unable to process your request at this time. Please try again later.";
    private static final String SIGN_IN = "/authorize/signin";
    private static final String CONSENT = "/authorize/consent";
    private static final String LINK = "/authorize/link";

    private final AuthorizationFlow flow;
    private final AuthorizationSessions sessions;
    private final CustomerSignIn signIn;
    private final LoginLinks links;
    private final ProviderDirectory providers;
    private final Template signinPage;
    private final Template consentPage;
    private final Template linkPage;
    private final Template messagePage;
    private final SessionCookie cookie;
    private final LoginStore logins;
    private final Branding branding;
    private final long retryAfterSeconds;
    private final InstantSource clock;

    AuthorizationPages(AuthorizationFlow flow, AuthorizationSessions sessions, CustomerSignIn signIn, LoginLinks links,
                       ProviderDirectory providers, LoginConfig login, SessionCookie cookie, LoginStore logins,
                       Branding branding, InstantSource clock,
                       @Location("pages/signin.html") Template signinPage,
                       @Location("pages/consent.html") Template consentPage,
                       @Location("pages/link.html") Template linkPage,
                       @Location("pages/message.html") Template messagePage) {
        this.flow = flow;
        this.sessions = sessions;
        this.signIn = signIn;
        this.links = links;
        this.providers = providers;
        this.signinPage = signinPage;
        this.consentPage = consentPage;
        this.linkPage = linkPage;
        this.messagePage = messagePage;
        this.cookie = cookie;
        this.logins = logins;
        this.branding = branding;
        this.clock = clock;
        this.retryAfterSeconds = Math.max(1, login.hashing().retryAfter().toSeconds());
    }

    @GET
    @Operation(summary = "Authorization endpoint: providers send client_id and request_uri (from /par); the first-party "
            + "client sends an OpenID Connect code request with PKCE S256. Answers with the bank's sign-in page.")
    public Uni<Response> authorize(@QueryParam("client_id") String clientId, @QueryParam("request_uri") String requestUri,
                                   @QueryParam("response_type") String responseType,
                                   @QueryParam("redirect_uri") String redirectUri, @QueryParam("scope") String scope,
                                   @QueryParam("state") String state, @QueryParam("nonce") String nonce,
                                   @QueryParam("code_challenge") String codeChallenge,
                                   @QueryParam("code_challenge_method") String codeChallengeMethod,
                                   @Context UriInfo uri, @Context HttpHeaders headers) {
        // RFC 6749 §3.1: no parameter more than once. Which redirect_uri would be meant is unknowable: no redirect.
        OAuthParameters query = OAuthParameters.of(uri.getQueryParameters());
        var repeated = query.repeated();
        if (repeated.isPresent()) {
            return message(400, "We cannot continue with this request",
                    "The request is malformed: the parameter " + repeated.get() + " was sent more than once.");
        }
        if (query.withControlCharacter().isPresent()) {
            return message(400, "We cannot continue with this request", "The request is malformed.");
        }
        AuthorizationRequest request = new AuthorizationRequest(clientId, requestUri, responseType, redirectUri, scope,
                state, nonce, codeChallenge, codeChallengeMethod);
        return guarded(sessions.find(cookie.valueIn(headers)).chain(current -> flow.start(request, current)).chain(result -> switch (result) {
            case StartResult.Started started -> Uni.createFrom().item(seeOther(SIGN_IN, started.session().cookieValue()));
            case StartResult.Resumed resumed -> Uni.createFrom().item(seeOther(SIGN_IN, null));
            case StartResult.Refused refused -> message(400, "We cannot continue with this request", refused.reason());
            case StartResult.ErrorRedirect error -> Uni.createFrom().item(seeOther(error.location(), null));
        }));
    }

    @GET
    @Path("/signin")
    public Uni<Response> signInForm(@Context HttpHeaders headers) {
        return inSession(headers, session -> {
            if (session.signedIn()) {
                return Uni.createFrom().item(seeOther(CONSENT, null));
            }
            return providers.find(session.clientId()).chain(provider -> render(200, session,
                    signinPage.data("clientName", provider.map(Provider::name).orElse(session.clientId()))
                            .data("firstParty", session.firstParty())));
        });
    }

    @POST
    @Path("/signin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signIn(@Context HttpHeaders headers, @Context HttpServerRequest request,
                                MultivaluedMap<String, String> form) {
        String username = field(form, "username");
        String password = field(form, "password");
        return inSession(headers, field(form, "csrf"), session -> {
            if (session.signedIn()) {
                return Uni.createFrom().item(seeOther(CONSENT, null));
            }
            return signIn.authenticate(username, password, source(request)).chain(result -> switch (result) {
                case SignInResult.Success success -> flow.bind(session).chain(bound -> !bound ? takenElsewhere()
                        : sessions.signedIn(session, success.login().id(), success.login().customerId(), clock.instant())
                        .chain(renewed -> renewed.session().firstParty()
                                ? flow.completeFirstParty(renewed.session()).map(location -> seeOther(location, ""))
                                : Uni.createFrom().item(seeOther(CONSENT, renewed.cookieValue()))));
                case SignInResult.Invalid invalid -> notice(session, Notice.INVALID_CREDENTIALS, SIGN_IN);
                case SignInResult.Locked locked -> notice(session, Notice.LOCKED, SIGN_IN);
                case SignInResult.Throttled throttled -> notice(session, Notice.THROTTLED, SIGN_IN);
                case SignInResult.Busy busy -> busy(session);
            });
        });
    }

    @GET
    @Path("/consent")
    public Uni<Response> consentForm(@Context HttpHeaders headers) {
        return inSignedInSession(headers, false, null, session -> links.customersVisibleTo(session.loginId())
                .chain(customers -> flow.consentPage(session, customers))
                .chain(page -> renderSignedIn(session, consentPage.data("page", page))));
    }

    @POST
    @Path("/consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> decide(@Context HttpHeaders headers, MultivaluedMap<String, String> form) {
        String action = field(form, "action");
        String duration = field(form, "duration");
        List<String> accountIds = form.get("account");
        return inSignedInSession(headers, true, field(form, "csrf"), session -> {
            if ("decline".equals(action)) {
                return flow.claim(session).chain(claimed -> !claimed ? answeredElsewhere()
                        : flow.decline(session).map(location -> seeOther(location, "")));
            }
            if (!"approve".equals(action)) {
                return messageInRequest(session, 400, "We cannot continue with this request",
                        "Please choose Approve or Decline.");
            }
            // The customer may shorten the requested duration, never lengthen it: only the offered choices are taken.
            Integer days = duration == null ? Integer.valueOf(session.durationDays()) : ConsentPage
                    .durationChoices(session.durationDays()).stream().filter(d -> d.toString().equals(duration))
                    .findFirst().orElse(null);
            if (days == null) {
                return messageInRequest(session, 400, "We cannot continue with this request",
                        "Please choose one of the durations shown.");
            }
            List<String> chosen = accountIds == null ? List.of() : accountIds.stream().filter(id -> !id.isBlank()).distinct().toList();
            if (chosen.isEmpty()) {
                return notice(session, Notice.NO_ACCOUNT_SELECTED, CONSENT);
            }
            return links.customersVisibleTo(session.loginId()).chain(flow::accountsOf).chain(accounts -> {
                if (!accounts.stream().map(CustomerAccount::accountId).toList().containsAll(chosen)) {
                    return messageInRequest(session, 400, "We cannot continue with this request",
                            "Please choose among the accounts shown.");
                }
                return flow.claim(session).chain(claimed -> !claimed ? answeredElsewhere()
                        : flow.approve(session, chosen, days).map(location -> seeOther(location, "")));
            });
        });
    }

    /**
     * "Cancel" on the sign-in page: the customer goes back to the client, which is told {@code access_denied} with
     * its {@code state} and {@code iss} (RFC 6749 §4.1.2.1, RFC 9207). The pushed request is used up, as by a decision.
     */
    @POST
    @Path("/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "The customer cancels: back to the client's redirect_uri with error=access_denied, state and iss")
    public Uni<Response> cancel(@Context HttpHeaders headers, MultivaluedMap<String, String> form) {
        return inSession(headers, field(form, "csrf"), session -> flow.bind(session).chain(bound -> !bound ? takenElsewhere()
                : flow.claim(session).chain(claimed -> !claimed ? answeredElsewhere()
                : flow.cancel(session).map(location -> seeOther(location, "")))));
    }

    /**
     * "Not you?": forgets who signed in and goes back to the sign-in step of the same request, in this browser (the
     * pushed request stays bound to it). A form with the session's CSRF token, so no other site can sign a customer out.
     */
    @POST
    @Path("/signout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Signs the customer out of this authorization and shows the sign-in step of the same request")
    public Uni<Response> signOut(@Context HttpHeaders headers, MultivaluedMap<String, String> form) {
        return inSession(headers, field(form, "csrf"), session -> !session.signedIn()
                ? Uni.createFrom().item(seeOther(SIGN_IN, null))
                : sessions.signedOut(session).map(renewed -> seeOther(SIGN_IN, renewed.cookieValue())));
    }

    @GET
    @Path("/link")
    public Uni<Response> linkForm(@Context HttpHeaders headers) {
        return inSignedInSession(headers, false, null, session -> renderSignedIn(session, linkPage.instance()));
    }

    @POST
    @Path("/link")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> link(@Context HttpHeaders headers, @Context HttpServerRequest request,
                              MultivaluedMap<String, String> form) {
        return inSignedInSession(headers, true, field(form, "csrf"), session -> links.link(session.loginId(),
                        field(form, "username"), field(form, "password"), source(request))
                .chain(result -> switch (result) {
                    case LINKED -> notice(session, Notice.LINKED, CONSENT);
                    case INVALID_CREDENTIALS -> notice(session, Notice.LINK_INVALID, LINK);
                    case LOCKED -> notice(session, Notice.LINK_LOCKED, LINK);
                    case REFUSED -> notice(session, Notice.LINK_REFUSED, LINK);
                    case THROTTLED -> notice(session, Notice.THROTTLED, LINK);
                    case BUSY -> busy(session);
                }));
    }

    /** Runs {@code page} for the browser's live session (a GET: no form, no CSRF token). */
    private Uni<Response> inSession(HttpHeaders headers, Function<AuthorizationSession, Uni<Response>> page) {
        return inSession(headers, false, null, page);
    }

    /** Runs {@code page} for the browser's live session if the form carried the session's CSRF token. */
    private Uni<Response> inSession(HttpHeaders headers, String csrf, Function<AuthorizationSession, Uni<Response>> page) {
        return inSession(headers, true, csrf, page);
    }

    private Uni<Response> inSession(HttpHeaders headers, boolean form, String csrf,
                                    Function<AuthorizationSession, Uni<Response>> page) {
        return guarded(sessions.find(cookie.valueIn(headers)).chain(found -> {
            if (found.isEmpty()) {
                return message(400, "Your session has ended",
                        "Your session has expired or was already completed. Please return to the application and start again.");
            }
            if (form && !AuthorizationSessions.csrfMatches(found.get(), csrf)) {
                return messageInRequest(found.get(), 403, "We could not verify your request",
                        "For your security this request was not accepted. Please go back, reload the page and try again.");
            }
            return page.apply(found.get());
        }));
    }

    /** As {@link #inSession}, for pages that need a signed-in customer and a provider asking for consent. */
    private Uni<Response> inSignedInSession(HttpHeaders headers, boolean form, String csrf,
                                            Function<AuthorizationSession, Uni<Response>> page) {
        return inSession(headers, form, csrf, session -> session.signedIn() && !session.firstParty()
                ? page.apply(session) : Uni.createFrom().item(seeOther(SIGN_IN, null)));
    }

    /**
     * Any failure of a service behind the pages: the customer is asked to try again later; a value the database
     * cannot take is the request's fault, not the service's.
     */
    private Uni<Response> guarded(Uni<Response> response) {
        return response.onFailure().recoverWithUni(e -> {
            if (ErrorStatus.isBadInput(e)) {
                return message(400, "We cannot continue with this request", "The request is malformed.");
            }
            Log.errorf(e, "Authorization page failed");
            return message(503, "Service unavailable", UNABLE);
        });
    }

    /** Someone already signed in for this request in another browser: it stays theirs. */
    private Uni<Response> takenElsewhere() {
        return message(400, "We cannot continue with this request",
                "This request is already being completed in another browser. Please return to the application and start again.");
    }

    /** The request was approved or declined already (another tab, a second click): it yields one answer only. */
    private Uni<Response> answeredElsewhere() {
        return message(400, "Your session has ended",
                "This request was already answered. Please return to the application.");
    }

    /** Password hashing is at its bound: 503 with Retry-After, the customer tries again in a moment. */
    private Uni<Response> busy(AuthorizationSession session) {
        return messageInRequest(session, 503, "Please try again in a moment",
                "We are receiving many sign-ins right now. Please try again in a moment.")
                .map(page -> Response.fromResponse(page).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build());
    }

    /**
     * A form field's value (the first, if repeated). The pages read the form whole rather than through
     * {@code @FormParam}, so that a form that does not decode fails where the exception mapper answers it.
     */
    private static String field(MultivaluedMap<String, String> form, String name) {
        return form == null ? null : form.getFirst(name);
    }

    /** The customer's address as the connection (or, behind the ingress, the trusted proxy headers) gives it. */
    private static String source(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private Uni<Response> notice(AuthorizationSession session, Notice notice, String next) {
        return sessions.notify(session, notice).map(ignored -> seeOther(next, null));
    }

    /** A page of a signed-in session, saying who is signed in (with "Not you?"). */
    private Uni<Response> renderSignedIn(AuthorizationSession session, TemplateInstance page) {
        return logins.findById(session.loginId()).chain(login -> render(200, session,
                page.data("signedInAs", login.map(Login::username).orElse(null))));
    }

    private Uni<Response> render(int status, AuthorizationSession session, TemplateInstance page) {
        Uni<Void> shown = session.notice() == null ? Uni.createFrom().voidItem() : sessions.notify(session, null);
        return shown.chain(() -> html(status, page.data("csrf", session.csrfToken()).data("notice", session.notice())));
    }

    /**
     * An error or message page where no request this browser may answer is known (no session, or one already answered
     * or taken by another browser): it offers the way to the Security Center where the bank configured one.
     */
    private Uni<Response> message(int status, String title, String message) {
        return html(status, withSecurityCenter(messagePage.data("title", title).data("message", message)));
    }

    /**
     * An error page within this browser's own request, which the client sent with a registered redirect URI and its
     * state: its button cancels the request ({@link #cancel}), so the customer is back at the client, which is told
     * {@code access_denied} with its {@code state} and {@code iss}. Only the session's own redirect URI, checked
     * when the request was pushed, is ever used; if the request is held by another browser meanwhile, the cancel
     * answers with the page that leads to the Security Center.
     */
    private Uni<Response> messageInRequest(AuthorizationSession session, int status, String title, String message) {
        if (session.firstParty()) {
            // The bank's own sign-in (the Security Center's): there is no provider to return to.
            return message(status, title, message);
        }
        return providers.find(session.clientId()).chain(provider -> html(status, messagePage.data("title", title)
                .data("message", message)
                .data("returnTo", provider.map(Provider::name).orElse(session.clientId()))
                .data("csrf", session.csrfToken())));
    }

    private TemplateInstance withSecurityCenter(TemplateInstance page) {
        return branding.securityCenterUrl() == null ? page
                : page.data("back", new Back(branding.securityCenterUrl(), "Go to the Security Center"));
    }

    /** A page's way back: where to, and what the link says. */
    @TemplateData
    public record Back(String url, String label) {
    }

    private static Uni<Response> html(int status, TemplateInstance page) {
        return page.createUni().map(body -> Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(body).build());
    }

    /** A 303; {@code value} null keeps the session cookie, empty clears it, otherwise sets it. */
    private Response seeOther(String location, String value) {
        Response.ResponseBuilder response = Response.seeOther(URI.create(location));
        if (value != null) {
            response.header("Set-Cookie", cookie.header(value));
        }
        return response.build();
    }
}
