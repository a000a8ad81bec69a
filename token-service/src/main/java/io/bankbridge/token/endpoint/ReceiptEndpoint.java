package io.bankbridge.token.endpoint;

import io.bankbridge.contract.token.Scopes;
import io.bankbridge.token.internal.InternalTokenMechanism;
import io.bankbridge.token.receipt.ReceiptRequest;
import io.bankbridge.token.receipt.ReceiptSigner;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Signs a consent receipt for consent-service (internal token with {@code internal.receipts.sign}): the bank's key
 * signs what a receipt states, and nothing else.
 */
@Path("/internal/receipts")
@HttpAuthenticationMechanism(InternalTokenMechanism.SCHEME)
@PermissionsAllowed(ReceiptEndpoint.SCOPE)
public class ReceiptEndpoint {

    static final String SCOPE = Scopes.INTERNAL_RECEIPTS_SIGN;
    /** The media type of a signed receipt (a compact JWS). */
    public static final String JWT = "application/jwt";

    private final ReceiptSigner signer;

    ReceiptEndpoint(ReceiptSigner signer) {
        this.signer = signer;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(JWT)
    @Operation(summary = "Sign a consent receipt (internal; scope internal.receipts.sign)",
            description = "The body states the receipt (receipt fields only, at most 8 KiB); this service adds iss, iat, "
                    + "jti and signs with its active key: header typ consent-receipt+jwt and kid, verifiable against "
                    + "/jwks. A missing, unknown or ill-typed field is 400 (problem+json).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReceiptRequest.class)))
    @APIResponse(responseCode = "200", description = "The receipt, a compact JWS",
            content = @Content(mediaType = JWT, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Not a valid receipt request")
    @APIResponse(responseCode = "401", description = "No or an invalid internal access token")
    @APIResponse(responseCode = "403", description = "The token does not carry internal.receipts.sign")
    public Response sign(byte[] body) {
        return Response.ok(signer.sign(body), JWT).header("Cache-Control", "no-store").build();
    }
}
