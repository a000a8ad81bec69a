package io.bankbridge.token.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem details body, the only error format of this service's non-OAuth APIs.
 *
 * @param type   a URI naming the problem type ({@code about:blank} when the status says it all)
 * @param title  short summary of the problem type
 * @param status the HTTP status
 * @param detail what went wrong with this request, safe to show to the caller
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
