package io.bankbridge.consent.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bankbridge.consent.model.Consent;
import io.bankbridge.contract.token.AuthorizationDetailTypes;
import io.bankbridge.contract.token.Claims;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * A grant as the grant management endpoint shows it (Grant Management for OAuth 2.0, query): the scopes and the
 * {@code authorization_details} the customer granted, with the accounts chosen, and when the grant ends.
 */
@RegisterForReflection
public record GrantJson(
        List<Scope> scopes,
        @JsonProperty(Claims.AUTHORIZATION_DETAILS) List<Detail> authorizationDetails,
        String status,
        @JsonProperty("expires_at") Instant expiresAt) {

    /** The {@code authorization_details} type token-service understands (RFC 9396). */
    static final String DETAIL_TYPE = AuthorizationDetailTypes.DATA_ACCESS;

    /** One entry of {@code scopes}: the granted scope values, space separated. */
    @RegisterForReflection
    public record Scope(String scope) {
    }

    /** The data access granted: the data clusters and the accounts the customer chose. */
    @RegisterForReflection
    public record Detail(String type, List<String> dataClusters, List<String> accountIds) {
    }

    static GrantJson of(Consent c) {
        return new GrantJson(List.of(new Scope(String.join(" ", c.dataClusters()))),
                List.of(new Detail(DETAIL_TYPE, c.dataClusters(), c.accountIds())), c.status().name(), c.expiresAt());
    }
}
