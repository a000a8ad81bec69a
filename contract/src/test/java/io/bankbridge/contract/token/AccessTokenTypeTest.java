package io.bankbridge.contract.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessTokenTypeTest {

    @Test
    void acceptsBothSpellingsOfTheAccessTokenTypeInAnyCase() {
        assertThat(AccessTokenType.isAccessToken("at+jwt")).isTrue();
        assertThat(AccessTokenType.isAccessToken("application/at+jwt")).isTrue();
        assertThat(AccessTokenType.isAccessToken("AT+JWT")).isTrue();
        assertThat(AccessTokenType.isAccessToken("Application/At+Jwt")).isTrue();
    }

    @Test
    void refusesEveryOtherType() {
        assertThat(AccessTokenType.isAccessToken(null)).isFalse();
        assertThat(AccessTokenType.isAccessToken("")).isFalse();
        assertThat(AccessTokenType.isAccessToken("JWT")).isFalse();
        assertThat(AccessTokenType.isAccessToken("dpop+jwt")).isFalse();
        assertThat(AccessTokenType.isAccessToken("application/jwt")).isFalse();
        assertThat(AccessTokenType.isAccessToken("at+jwt ")).isFalse();
        assertThat(AccessTokenType.isAccessToken("text/at+jwt")).isFalse();
    }
}
