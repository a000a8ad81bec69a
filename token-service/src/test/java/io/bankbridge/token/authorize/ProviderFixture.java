package io.bankbridge.token.authorize;

import io.bankbridge.token.client.Provider;
import io.bankbridge.token.par.PushedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A provider as a test sees it: onboarded once, then pushing authorization requests the way a real one does. */
final class ProviderFixture {

    static final String REDIRECT = "https://budget.example/callback";

    final String clientId;
    final String name;

    private ProviderFixture(String clientId, String name) {
        this.clientId = clientId;
        this.name = name;
    }

    /** Onboards a provider with its own id, allowed to ask for every data cluster. */
    static ProviderFixture onboard(String name) {
        String clientId = "test-" + UUID.randomUUID();
        TemporarySeams.PROVIDERS.put(clientId, new Provider(clientId, name, "https://budget.example/logo.png",
                List.of(REDIRECT), Set.of("ACCOUNT_BASIC", "ACCOUNT_DETAILED", "TRANSACTIONS"), false, true));
        return new ProviderFixture(clientId, name);
    }

    /** Pushes an authorization request and returns its {@code request_uri}. */
    String push(String state, String codeVerifier, List<String> clusters, int durationDays) {
        String requestUri = "urn:ietf:params:oauth:request_uri:" + UUID.randomUUID();
        TemporarySeams.PUSHED.put(requestUri, new PushedRequest(requestUri, clientId, REDIRECT, new ArrayList<>(clusters),
                clusters, state, "n-" + state, challenge(codeVerifier), null, durationDays, Instant.now().plusSeconds(60)));
        return requestUri;
    }

    /** The {@code /authorize} URL a provider sends the customer's browser to. */
    String authorizeUrl(String requestUri) {
        return "/authorize?client_id=" + clientId + "&request_uri=" + requestUri;
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
