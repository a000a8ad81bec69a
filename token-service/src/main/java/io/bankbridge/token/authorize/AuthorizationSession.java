package io.bankbridge.token.authorize;

import io.bankbridge.token.par.GrantManagementAction;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An authorization in progress in one browser: the validated request, and once the customer signed in, who they
 * are. Lives server side; the browser only holds a random id in a cookie.
 *
 * @param idHash        SHA-256 (base64url) of the cookie value
 * @param csrfToken     the token every form of this session must send back
 * @param clientId      the client asking
 * @param redirectUri   the trusted redirect URI to answer to
 * @param state         the client's state, returned unchanged; may be null
 * @param nonce         OpenID nonce; may be null
 * @param codeChallenge PKCE S256 challenge
 * @param scopes        every requested scope
 * @param dataClusters  requested data clusters (empty for first-party sign-in)
 * @param durationDays  requested consent duration (0 for first-party sign-in)
 * @param firstParty    the bank's own client: no consent page
 * @param loginId       the signed-in login, null before sign-in
 * @param customerId    the signed-in login's customer, null before sign-in
 * @param authTime      when the customer signed in, null before
 * @param notice        a message to show once on the next page; may be null
 * @param expiresAt     end of the session
 * @param requestUriHash the pushed request the session was opened from (its storage key); null for first-party
 * @param binding       a random value of this session that the pushed request is bound to at sign-in; unlike the
 *                      session id it is never sent to the browser and stays the same when the id is renewed
 * @param grantAction   the pushed {@code grant_management_action}; null when none was sent and for first-party
 * @param grantId       the grant a merge or replace changes; null otherwise
 */
public record AuthorizationSession(String idHash, String csrfToken, String clientId, String redirectUri, String state,
                                   String nonce, String codeChallenge, List<String> scopes, List<String> dataClusters,
                                   int durationDays, boolean firstParty, UUID loginId, String customerId,
                                   Instant authTime, Notice notice, Instant expiresAt, String requestUriHash,
                                   String binding, GrantManagementAction grantAction, String grantId) {

    /** Whether the customer is asked to change an existing grant (merge or replace) rather than to create one. */
    public boolean amendsGrant() {
        return grantAction != null && grantAction.amends();
    }

    public boolean signedIn() {
        return loginId != null;
    }
}
