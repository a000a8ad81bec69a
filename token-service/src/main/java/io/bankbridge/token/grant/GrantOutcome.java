package io.bankbridge.token.grant;

import io.bankbridge.token.OAuthException;
import io.bankbridge.token.revocation.GrantRevocation;
import io.smallrye.mutiny.Uni;

/**
 * What a grant decided inside its transaction. A refusal is returned, not thrown, so that what the refusal itself
 * revoked (a replayed code, a reused refresh token) commits; it is thrown only after the commit.
 */
public sealed interface GrantOutcome {

    record Issued(TokenResponse response) implements GrantOutcome {
    }

    /** {@code revoked}: the refusal recorded revocations (events, a request to consent-service), to send once committed. */
    record Refused(OAuthException error, boolean revoked) implements GrantOutcome {
    }

    static Uni<GrantOutcome> refused(OAuthException error) {
        return Uni.createFrom().item(new Refused(error, false));
    }

    /** After the commit: the response, or the refusal thrown (with what it revoked sent at once). */
    static TokenResponse settle(GrantOutcome outcome, GrantRevocation revocation) {
        return switch (outcome) {
            case Issued issued -> issued.response();
            case Refused refused -> {
                if (refused.revoked()) {
                    revocation.sendNow();
                }
                throw refused.error();
            }
        };
    }
}
