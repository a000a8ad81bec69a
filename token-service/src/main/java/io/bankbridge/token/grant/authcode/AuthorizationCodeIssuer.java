package io.bankbridge.token.grant.authcode;

import io.smallrye.mutiny.Uni;

/** Issues authorization codes (≥ 128 bits, single use, short-lived) for approved requests. */
public interface AuthorizationCodeIssuer {

    /** Stores the grant and returns the code to send to the client's redirect URI. */
    Uni<String> issue(CodeGrant grant);
}
