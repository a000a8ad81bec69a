package io.bankbridge.token.par;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bankbridge.contract.cluster.DataCluster;
import io.bankbridge.contract.token.Claims;
import io.bankbridge.contract.token.Scopes;
import io.bankbridge.token.OAuthException;
import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.client.RegisteredClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an authorization request pushed by an authenticated client (RFC 9126) and turns it into a
 * {@link PushedRequest}: response type {@code code}, a registered redirect URI (exact match), PKCE S256, scopes and
 * {@code authorization_details} within what the client may ask for, duration 1..365 days, and a coherent
 * {@code grant_management_action} (Grant Management for OAuth 2.0: {@code merge} and {@code replace} with a
 * {@code grant_id}, which the endpoint then checks with consent-service; {@code create} and no action without one).
 */
@ApplicationScoped
public class PushedRequestValidator {

    public static final int MAX_DURATION_DAYS = 365;

    /** RFC 7636: BASE64URL(SHA-256(verifier)) is 43 characters. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ObjectMapper json;
    private final TokenSettings settings;
    private final InstantSource clock;

    PushedRequestValidator(ObjectMapper json, TokenSettings settings, InstantSource clock) {
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    public PushedRequest validate(RegisteredClient client, OAuthParameters params) {
        if (params.has("request_uri")) {
            throw OAuthException.invalidRequest("request_uri is not allowed in a pushed authorization request");
        }
        if (params.has("request")) {
            throw OAuthException.invalidRequest("request objects are not supported");
        }
        String responseType = params.required("response_type");
        if (!"code".equals(responseType)) {
            throw OAuthException.unsupportedResponseType("only response_type=code is supported");
        }
        String redirectUri = params.required("redirect_uri");
        if (!client.redirectUris().contains(redirectUri)) {
            throw OAuthException.invalidRequest("redirect_uri is not registered for this client");
        }
        String challenge = params.optional("code_challenge")
                .orElseThrow(() -> OAuthException.invalidRequest("PKCE is required: code_challenge is missing"));
        if (!"S256".equals(params.optional("code_challenge_method").orElse(null))) {
            throw OAuthException.invalidRequest("code_challenge_method must be S256");
        }
        if (!S256_CHALLENGE.matcher(challenge).matches()) {
            throw OAuthException.invalidRequest("code_challenge is not a base64url SHA-256 value");
        }

        Set<String> scopes = new LinkedHashSet<>();
        params.optional("scope").ifPresent(s -> scopes.addAll(Arrays.asList(s.trim().split(" +"))));
        Set<String> clusters = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (DataCluster.isKnown(scope)) {
                clusters.add(scope);
            } else if (!Scopes.OPENID.equals(scope)) {
                throw OAuthException.invalidScope("unknown scope " + scope);
            }
        }
        String detailsJson = params.optional(Claims.AUTHORIZATION_DETAILS).orElse(null);
        int durationDays = MAX_DURATION_DAYS;
        if (detailsJson != null) {
            List<AuthorizationDetail> details = parseDetails(detailsJson);
            for (AuthorizationDetail detail : details) {
                if (detail == null || !AuthorizationDetail.TYPE.equals(detail.type())) {
                    throw OAuthException.invalidAuthorizationDetails("unsupported type " + (detail == null ? null : detail.type())
                            + "; supported: " + AuthorizationDetail.TYPE);
                }
                if (detail.dataClusters() == null || detail.dataClusters().isEmpty()) {
                    throw OAuthException.invalidAuthorizationDetails("dataClusters is missing");
                }
                for (String cluster : detail.dataClusters()) {
                    if (!DataCluster.isKnown(cluster)) {
                        throw OAuthException.invalidAuthorizationDetails("unknown data cluster " + cluster);
                    }
                    clusters.add(cluster);
                }
                if (detail.durationDays() != null) {
                    if (detail.durationDays() < 1 || detail.durationDays() > MAX_DURATION_DAYS) {
                        throw OAuthException.invalidAuthorizationDetails("durationDays must be between 1 and "
                                + MAX_DURATION_DAYS);
                    }
                    durationDays = Math.min(durationDays, detail.durationDays());
                }
            }
        }
        if (clusters.isEmpty()) {
            throw OAuthException.invalidScope("ask for at least one data cluster (scope or authorization_details)");
        }
        List<String> notAllowed = clusters.stream().filter(c -> !client.allowedClusters().contains(c)).toList();
        if (!notAllowed.isEmpty()) {
            throw OAuthException.invalidScope("not allowed for this client: " + String.join(" ", notAllowed));
        }
        GrantManagementAction grantAction = GrantManagementAction.of(params.optional("grant_management_action").orElse(null));
        String grantId = params.optional(Claims.GRANT_ID).orElse(null);
        if (grantAction != null && grantAction.amends() && grantId == null) {
            throw OAuthException.invalidRequest("grant_management_action " + grantAction.value() + " needs grant_id");
        }
        if (grantId != null && (grantAction == null || !grantAction.amends())) {
            throw OAuthException.invalidRequest("grant_id goes with grant_management_action merge or replace");
        }
        List<String> allScopes = new ArrayList<>(clusters);
        if (scopes.contains(Scopes.OPENID)) {
            allScopes.add(0, Scopes.OPENID);
        }
        return new PushedRequest(PushedRequestStore.newRequestUri(), client.clientId(), redirectUri, allScopes,
                List.copyOf(clusters), params.optional("state").orElse(null), params.optional("nonce").orElse(null),
                challenge, detailsJson, durationDays, clock.instant().plus(settings.pushedRequestLifetime()), grantAction,
                grantId);
    }

    private List<AuthorizationDetail> parseDetails(String detailsJson) {
        try {
            List<AuthorizationDetail> details = json.readValue(detailsJson, new TypeReference<List<AuthorizationDetail>>() {
            });
            if (details == null || details.isEmpty()) {
                throw OAuthException.invalidAuthorizationDetails("authorization_details must be a non-empty JSON array");
            }
            return details;
        } catch (JsonProcessingException e) {
            throw OAuthException.invalidAuthorizationDetails("authorization_details must be a JSON array of objects");
        }
    }
}
