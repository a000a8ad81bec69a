package io.bankbridge.token.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** RFC 6749 §5.2 error body, the only error format of the OAuth endpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record OAuthError(String error, @JsonProperty("error_description") String errorDescription) {
}
