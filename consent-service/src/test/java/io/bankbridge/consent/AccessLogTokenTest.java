package io.bankbridge.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.bankbridge.consent.security.Access;
import io.bankbridge.contract.token.Audiences;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The token this service reads account-data-service with carries the two capabilities the Security Center needs there
 * (the access log, the customer's account names), nothing more.
 */
@QuarkusTest
class AccessLogTokenTest {

    @Inject
    OidcClient client;

    @Test
    void accountDataIsReadWithAnInternalTokenForTheAccessLogAndAccountNamesOnly() throws Exception {
        String token = client.getTokens().await().atMost(Duration.ofSeconds(30)).getAccessToken();
        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getStringClaim("scope").split(" ")).containsExactlyInAnyOrder(Access.ACCESS_LOG_READ, Access.ACCOUNTS_LIST);
        assertThat(claims.getAudience()).containsExactly(Audiences.INTERNAL);
        assertThat(claims.getStringClaim("client_id")).isEqualTo("consent-service");
    }
}
