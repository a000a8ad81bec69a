package io.bankbridge.consent.securitycenter;

import io.bankbridge.consent.accountnames.AccountLabels;
import io.bankbridge.consent.accountnames.AccountNames;
import io.bankbridge.consent.config.ConsentConfig;
import io.bankbridge.consent.receipt.Receipts;
import io.bankbridge.consent.security.Access;
import io.bankbridge.consent.security.Callers;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.oidc.Tenant;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The customer Security Center (server-rendered; one same-origin script shows times in the browser's time zone; no
 * third-party resources): the customer's provider
 * connections, each connection's history and data accesses, and revocation behind a confirmation step. Signed in
 * through token-service with the authorization-code flow; never reachable with a bearer token. Sign-out ends this
 * service's session and then token-service's.
 */
@Path("/security-center")
@Tenant(Access.SECURITY_CENTER_TENANT)
@RolesAllowed(Access.CUSTOMER)
@Produces(MediaType.TEXT_HTML)
public class SecurityCenterPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance connections(Connections connections, AccountLabels accounts,
                                                   String revokedProvider, String signedInAs, String csrfField,
                                                   String csrfToken);

        static native TemplateInstance connection(ConnectionDetail detail, AccountLabels accounts, String signedInAs,
                                                  String csrfField, String csrfToken);

        static native TemplateInstance confirmRevoke(Connection connection, AccountLabels accounts, String signedInAs,
                                                     String csrfField, String csrfToken);
    }

    private final CustomerConnections connections;
    private final AccountNames accountNames;
    private final FormTokens formTokens;
    private final Callers callers;
    private final ConsentConfig.SecurityCenter config;
    private final OidcSession session;
    private final SecurityIdentity identity;

    SecurityCenterPages(CustomerConnections connections, AccountNames accountNames, FormTokens formTokens, Callers callers, ConsentConfig config,
                        OidcSession session, SecurityIdentity identity) {
        this.connections = connections;
        this.accountNames = accountNames;
        this.formTokens = formTokens;
        this.callers = callers;
        this.config = config.securityCenter();
        this.session = session;
        this.identity = identity;
    }

    /** The customer's connections, who is signed in, and the sign-out form. */
    @GET
    public Uni<Response> home(@QueryParam("revoked") String revokedId, @Context UriInfo uri) {
        FormTokens.Issued form = formTokens.issue(callers.customer());
        return Uni.combine().all().unis(connections.of(callers.customers()), accountNames.of(callers.customers()))
                .with((list, accounts) -> Response.ok(Templates.connections(list, accounts,
                        // Only a name from the customer's own revoked list is shown: the query string is not trusted text.
                        list.revoked().stream().filter(c -> c.id().equals(revokedId)).map(Connection::providerName)
                                .findFirst().orElse(null),
                        callers.displayName(), FormTokens.FIELD, form.token()))
                .cookie(formCookie(form, uri)).build());
    }

    /**
     * Sign-out (a form with the anti-forgery token): ends this service's session (its cookie), then sends the browser
     * to token-service's end_session endpoint (OpenID RP-Initiated Logout) with the ID token as hint, which ends the
     * sign-in there and sends the browser back to {@code /security-center/signed-out}.
     */
    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signOut(String body, @CookieParam(FormTokens.COOKIE) String nonce, @Context UriInfo uri) {
        String token = FormBody.parse(body, config.maxFormBytes(), config.maxFormFields()).get(FormTokens.FIELD);
        if (!formTokens.accepts(callers.customer(), token, nonce)) {
            throw new ForbiddenException("The form has expired or was not sent from the Security Center. Please try again.");
        }
        OidcConfigurationMetadata metadata = identity.getAttribute(OidcUtils.CONFIG_METADATA_ATTRIBUTE);
        String idToken = session.getIdToken() == null ? null : session.getIdToken().getRawToken();
        URI signedOut = uri.getBaseUriBuilder().path("security-center").path("signed-out").build();
        URI next = metadata == null || metadata.getEndSessionUri() == null ? signedOut
                : UriBuilder.fromUri(metadata.getEndSessionUri())
                        .queryParam("client_id", Access.SECURITY_CENTER_TENANT)
                        .queryParam("post_logout_redirect_uri", signedOut)
                        .queryParam("id_token_hint", idToken)
                        .build();
        return session.logout().map(ignored -> Response.seeOther(next)
                .cookie(new NewCookie.Builder(FormTokens.COOKIE).value("").path("/security-center").maxAge(0)
                        .httpOnly(true).secure("https".equals(uri.getBaseUri().getScheme()))
                        .sameSite(NewCookie.SameSite.STRICT).build())
                .build());
    }

    /**
     * Where token-service sends the customer back after sign-in. This method's {@code @Tenant} (the class's) is what
     * makes quarkus-oidc finish the code flow on this path; by the time it runs the session exists.
     */
    @GET
    @Path("/callback")
    public Response signedIn(@Context UriInfo uri) {
        return Response.seeOther(home(uri)).build();
    }

    @GET
    @Path("/connections/{id}")
    public Uni<Response> connection(@PathParam("id") UUID id, @Context UriInfo uri) {
        String customer = callers.customer();
        return named(connections.detail(callers.customers(), id), (detail, accounts) -> {
            FormTokens.Issued form = formTokens.issue(customer);
            return Response.ok(Templates.connection(detail, accounts, callers.displayName(), FormTokens.FIELD,
                    form.token())).cookie(formCookie(form, uri)).build();
        });
    }

    /**
     * A history line's signed receipt, as a file to keep: a JWS signed with the bank's key, verifiable against
     * token-service's JWKS. Another customer's connection does not exist here (404).
     */
    @GET
    @Path("/connections/{id}/receipts/{entry}")
    // A browser following the link asks for a page (Accept: text/html); it gets the file, or the error page.
    @Produces({Receipts.MEDIA_TYPE, MediaType.TEXT_HTML})
    public Uni<Response> receipt(@PathParam("id") UUID id, @PathParam("entry") int entry) {
        return connections.receipt(callers.customers(), id, entry).map(jws -> Response.ok(jws, Receipts.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"consent-receipt-" + id + "-" + entry + ".jwt\"")
                .build());
    }

    /**
     * Narrowing: the connection's page posts one {@code account} or one {@code cluster} to stop sharing; the
     * connection stays in force for the rest, and the customer is back on its page.
     */
    @POST
    @Path("/connections/{id}/narrow")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> narrow(@PathParam("id") UUID id, String body, @CookieParam(FormTokens.COOKIE) String nonce,
                                @Context UriInfo uri) {
        String customer = callers.customer();
        var form = FormBody.parse(body, config.maxFormBytes(), config.maxFormFields());
        if (!formTokens.accepts(customer, form.get(FormTokens.FIELD), nonce)) {
            throw new ForbiddenException("The form has expired or was not sent from the Security Center. Please try again.");
        }
        return connections.narrow(callers.customers(), id, form.get("account"), form.get("cluster"))
                .map(narrowed -> Response.seeOther(uri.getBaseUriBuilder().path("security-center").path("connections")
                        .path(narrowed.consent().id().toString()).build()).build());
    }

    /** The confirmation step: nothing is revoked until the customer submits this page's form. */
    @GET
    @Path("/connections/{id}/revoke")
    public Uni<Response> confirmRevoke(@PathParam("id") UUID id, @Context UriInfo uri) {
        String customer = callers.customer();
        return named(connections.detail(callers.customers(), id), (detail, accounts) -> {
            FormTokens.Issued form = formTokens.issue(customer);
            Connection connection = Connection.of(detail.consent().consent(), null, null);
            return Response.ok(Templates.confirmRevoke(connection, accounts, callers.displayName(), FormTokens.FIELD,
                    form.token())).cookie(formCookie(form, uri)).build();
        });
    }

    /** The form is read by {@link FormBody}, within this page's own bounds, so a malformed post gets the error page. */
    @POST
    @Path("/connections/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> revoke(@PathParam("id") UUID id, String body,
                                @CookieParam(FormTokens.COOKIE) String nonce, @Context UriInfo uri) {
        String customer = callers.customer();
        String token = FormBody.parse(body, config.maxFormBytes(), config.maxFormFields()).get(FormTokens.FIELD);
        if (!formTokens.accepts(customer, token, nonce)) {
            throw new ForbiddenException("The form has expired or was not sent from the Security Center. Please try again.");
        }
        return connections.revoke(callers.customers(), id, null).map(revoked -> Response
                .seeOther(uri.getBaseUriBuilder().path("security-center")
                        .queryParam("revoked", revoked.consent().id()).build())
                .build());
    }

    /** A connection's page: the connection (or its not-found failure) first, then the names of its accounts. */
    private Uni<Response> named(Uni<ConnectionDetail> detail, BiFunction<ConnectionDetail, AccountLabels, Response> page) {
        return detail.chain(found -> accountNames.of(callers.customers()).map(accounts -> page.apply(found, accounts)));
    }

    /** The form token's nonce, in a strict same-site cookie for the Security Center's paths only. */
    private static NewCookie formCookie(FormTokens.Issued form, UriInfo uri) {
        return new NewCookie.Builder(FormTokens.COOKIE).value(form.nonce()).path("/security-center").httpOnly(true)
                .secure("https".equals(uri.getBaseUri().getScheme())).sameSite(NewCookie.SameSite.STRICT).build();
    }

    private static URI home(UriInfo uri) {
        return uri.getBaseUriBuilder().path("security-center").build();
    }
}
