package io.bankbridge.consent.security;

import io.bankbridge.contract.token.Claims;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, read from the identity {@link CallerIdentityAugmentor} built. It decides nothing: the security
 * annotation on each resource has already admitted the caller.
 */
@ApplicationScoped
public class Callers {

    private final SecurityIdentity identity;

    Callers(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The provider (OAuth client id) of a caller in role {@value Access#PROVIDER}. */
    public String provider() {
        return ((JsonWebToken) identity.getPrincipal()).getClaim(Claims.CLIENT_ID);
    }

    /** The customer signed in to the Security Center: the subject of the ID token from the code flow. */
    public String customer() {
        return identity.getPrincipal().getName();
    }

    /** How the signed-in customer is shown: the login's user name from the ID token, else the customer id. */
    public String displayName() {
        Object name = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim("preferred_username") : null;
        String shown = name instanceof JsonString json ? json.getString() : name == null ? null : name.toString();
        return shown == null || shown.isBlank() ? customer() : shown;
    }

    /**
     * Every customer the signed-in login acts for: its own first, then those of the logins linked to it, as
     * token-service listed them in the ID token's {@code customer_ids} at sign-in.
     */
    public List<String> customers() {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(customer());
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim(Claims.CUSTOMER_IDS) instanceof JsonArray linked) {
            linked.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).forEach(ids::add);
        }
        return List.copyOf(ids);
    }

    /** Whether the caller presented a bearer token (rather than a Security Center session, or nothing). */
    public boolean bearer() {
        return !identity.isAnonymous() && !securityCenterSession(identity);
    }

    /** A session of the Security Center's code flow: the only identities built from an ID token. */
    static boolean securityCenterSession(SecurityIdentity identity) {
        return identity.getCredential(IdTokenCredential.class) != null;
    }
}
