package io.bankbridge.token.client;

import java.util.Arrays;
import java.util.Optional;

/** How a client authenticates at the token, PAR, revocation and introspection endpoints. */
public enum AuthMethod {
    PRIVATE_KEY_JWT("private_key_jwt"), CLIENT_SECRET_BASIC("client_secret_basic");

    private final String value;

    AuthMethod(String value) {
        this.value = value;
    }

    /** The name used in OAuth metadata ({@code token_endpoint_auth_method}). */
    public String value() {
        return value;
    }

    public static Optional<AuthMethod> fromValue(String value) {
        return Arrays.stream(values()).filter(m -> m.value.equals(value)).findFirst();
    }
}
