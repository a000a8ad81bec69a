package io.bankbridge.token.par;

import io.bankbridge.token.OAuthException;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code grant_management_action} of an authorization request (Grant Management for OAuth 2.0): {@code create}
 * a new grant, or {@code merge} into / {@code replace} the grant named by {@code grant_id}. A consent is the grant,
 * its id the {@code grant_id}.
 */
public enum GrantManagementAction {
    CREATE("create"),
    MERGE("merge"),
    REPLACE("replace");

    /** Everything the grant management endpoint and the authorization request support, for discovery. */
    public static final List<String> SUPPORTED = List.of("query", "revoke", "create", "merge", "replace");

    private final String value;

    GrantManagementAction(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Whether the action changes an existing grant (and needs its {@code grant_id}). */
    public boolean amends() {
        return this != CREATE;
    }

    /** The action named {@code value}; null for null. An action this server does not support is invalid_request. */
    public static GrantManagementAction of(String value) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(values()).filter(a -> a.value.equals(value)).findFirst()
                .orElseThrow(() -> OAuthException.invalidRequest("grant_management_action must be one of create, merge, "
                        + "replace"));
    }
}
