package io.bankbridge.accountdata;

import io.bankbridge.testsupport.TestIssuer;
import io.bankbridge.testsupport.TestIssuerResource;
import java.util.List;

/** A consent registered with the consent-service stand-in and a real access token minted for it by the test issuer. */
record Grants(String consentId, String customerId, String providerId, String token) {

    static final String PROVIDER = "demo-budget-app";

    static TestIssuer issuer() {
        return TestIssuerResource.issuer();
    }

    /** A consent of customer CUS-C-0001 for the demo provider, and a token with the same clusters. */
    static Grants of(List<String> clusters, String... accounts) {
        return of("CUS-C-0001", PROVIDER, clusters, accounts);
    }

    static Grants of(String customerId, String providerId, List<String> clusters, String... accounts) {
        String consentId = ConsentServiceStandIn.authorized(customerId, providerId, clusters, List.of(accounts));
        String token = issuer().providerToken(customerId, providerId, consentId, clusters.toArray(String[]::new)).sign();
        return new Grants(consentId, customerId, providerId, token);
    }

    /** Another token under the same consent, e.g. with different claims. */
    TestIssuer.TokenBuilder another(List<String> clusters) {
        return issuer().providerToken(customerId, providerId, consentId, clusters.toArray(String[]::new));
    }

    /** An internal token carrying one capability's scope, as the bank service holding it would get it. */
    static String internalToken(String scope) {
        return issuer().internalToken("bank-service", scope);
    }
}
