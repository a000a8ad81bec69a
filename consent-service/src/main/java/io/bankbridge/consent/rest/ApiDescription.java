package io.bankbridge.consent.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * How the OpenAPI document at {@code /q/openapi} says the provider and internal APIs are called (the application
 * class is where the document's security schemes are read from; it adds nothing else).
 */
@SecurityScheme(securitySchemeName = ApiDescription.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT",
        description = "An access token from token-service (RFC 9068, typ at+jwt): a provider's token (aud bankbridge-api) "
                + "for /consents, an internal client's token (aud bankbridge-internal) with the scope each operation names "
                + "for /internal, a provider's grant management token (aud bankbridge-grants, client_credentials) with "
                + "the grant_management_* scope each operation names for /grants. A provider token bound to a key (cnf.jkt) is sent as \"Authorization: DPoP <token>\" "
                + "with a \"DPoP\" proof header (RFC 9449) for this method and URL; sent as Bearer it is refused with a "
                + "DPoP challenge.")
public class ApiDescription extends Application {

    /** Name of the bearer security scheme the API operations require. */
    public static final String BEARER = "bearer";
}
