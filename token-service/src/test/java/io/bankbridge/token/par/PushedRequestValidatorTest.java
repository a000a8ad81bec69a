package io.bankbridge.token.par;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bankbridge.testsupport.ConfigMappings;
import io.bankbridge.token.OAuthException;
import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.TokenSettings;
import io.bankbridge.token.client.AuthMethod;
import io.bankbridge.token.client.ClientKind;
import io.bankbridge.token.client.RegisteredClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks of a pushed authorization request (RFC 9126, FAPI 2.0), without the service. */
class PushedRequestValidatorTest {

    private static final String REDIRECT = "https://budget.example/cb";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");

    private final PushedRequestValidator validator = new PushedRequestValidator(new ObjectMapper(),
            ConfigMappings.of(TokenSettings.class), InstantSource.fixed(NOW));
    private final RegisteredClient client = new RegisteredClient("budget", "Budget", null, List.of(REDIRECT),
            Set.of("ACCOUNT_BASIC", "TRANSACTIONS"), Set.of(), ClientKind.PROVIDER, AuthMethod.PRIVATE_KEY_JWT, null,
            "{\"keys\":[]}", null, true, Instant.EPOCH, null, List.of(), true);

    private static Map<String, List<String>> request() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("response_type", List.of("code"));
        params.put("redirect_uri", List.of(REDIRECT));
        params.put("code_challenge", List.of(CHALLENGE));
        params.put("code_challenge_method", List.of("S256"));
        params.put("scope", List.of("openid ACCOUNT_BASIC"));
        return params;
    }

    private PushedRequest validate(Map<String, List<String>> params) {
        return validator.validate(client, new OAuthParameters(params));
    }

    private OAuthException refused(Map<String, List<String>> params) {
        return assertThrows(OAuthException.class, () -> validate(params));
    }

    private static Map<String, List<String>> with(String name, String value) {
        Map<String, List<String>> params = request();
        params.put(name, List.of(value));
        return params;
    }

    private static Map<String, List<String>> without(String name) {
        Map<String, List<String>> params = request();
        params.remove(name);
        return params;
    }

    @Test
    void aCompleteRequestIsAccepted() {
        PushedRequest accepted = validate(with("state", "s1"));
        assertEquals(List.of("openid", "ACCOUNT_BASIC"), accepted.scopes());
        assertEquals(List.of("ACCOUNT_BASIC"), accepted.dataClusters());
        assertEquals(PushedRequestValidator.MAX_DURATION_DAYS, accepted.durationDays());
        assertEquals("s1", accepted.state());
        assertNull(accepted.grantAction());
    }

    @Test
    void aRequestExpiresOneLifetimeAfterTheServiceClock() {
        assertEquals(NOW.plus(Duration.ofSeconds(60)), validate(request()).expiresAt());
    }

    @Test
    void clustersComeFromScopeAndAuthorizationDetails() {
        PushedRequest accepted = validate(with("authorization_details",
                "[{\"type\":\"bankbridge_data_access\",\"dataClusters\":[\"TRANSACTIONS\"],\"durationDays\":90}]"));
        assertEquals(List.of("ACCOUNT_BASIC", "TRANSACTIONS"), accepted.dataClusters());
        assertEquals(90, accepted.durationDays());
    }

    @Test
    void pkceIsRequiredWithS256() {
        assertEquals("invalid_request", refused(without("code_challenge")).error());
        assertEquals("invalid_request", refused(with("code_challenge_method", "plain")).error());
        assertEquals("invalid_request", refused(with("code_challenge", "too-short")).error());
    }

    @Test
    void onlyCodeAndRegisteredRedirects() {
        assertEquals("unsupported_response_type", refused(with("response_type", "token")).error());
        assertEquals("invalid_request", refused(with("redirect_uri", REDIRECT + "/other")).error());
        assertEquals("invalid_request", refused(with("request_uri", "urn:x")).error());
        assertEquals("invalid_request", refused(with("request", "eyJ.x.y")).error());
    }

    @Test
    void scopesStayWithinWhatTheClientMayAskFor() {
        assertEquals("invalid_scope", refused(with("scope", "ACCOUNT_BASIC email")).error());
        assertEquals("invalid_scope", refused(with("scope", "openid CUSTOMER_PERSONAL")).error());
        assertEquals("invalid_scope", refused(with("scope", "openid")).error());
    }

    @Test
    void authorizationDetailsAreChecked() {
        for (String details : List.of("not json", "[]", "{}",
                "[{\"type\":\"payment_initiation\",\"dataClusters\":[\"ACCOUNT_BASIC\"]}]",
                "[{\"type\":\"bankbridge_data_access\"}]",
                "[{\"type\":\"bankbridge_data_access\",\"dataClusters\":[\"NO_SUCH_CLUSTER\"]}]",
                "[{\"type\":\"bankbridge_data_access\",\"dataClusters\":[\"ACCOUNT_BASIC\"],\"durationDays\":0}]",
                "[{\"type\":\"bankbridge_data_access\",\"dataClusters\":[\"ACCOUNT_BASIC\"],\"durationDays\":366}]")) {
            assertEquals("invalid_authorization_details", refused(with("authorization_details", details)).error(), details);
        }
    }

    @Test
    void grantManagementActionAndGrantIdGoTogether() {
        assertEquals("invalid_request", refused(with("grant_management_action", "merge")).error());
        assertEquals("invalid_request", refused(with("grant_id", "c-1")).error());
        Map<String, List<String>> create = with("grant_management_action", "create");
        create.put("grant_id", List.of("c-1"));
        assertEquals("invalid_request", refused(create).error());
        Map<String, List<String>> replace = with("grant_management_action", "replace");
        replace.put("grant_id", List.of("c-1"));
        PushedRequest accepted = validate(replace);
        assertEquals(GrantManagementAction.REPLACE, accepted.grantAction());
        assertEquals("c-1", accepted.grantId());
    }
}
