package io.bankbridge.accountdata.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An RFC 9457 problem details body, the only error format of this service's non-OAuth APIs.
 *
 * @param type   a URI naming the problem type ({@code about:blank} when the status says it all)
 * @param title  short summary of the problem type
 * @param status the HTTP status
 * @param detail what went wrong with this request, safe to show to the caller
 * @param errors for a request body that breaks its constraints, each field at fault and what it must be
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(String type, String title, int status, String detail) {
        this(type, title, status, detail, null);
    }

    /**
     * One field of the request body at fault.
     *
     * @param field   where it is in the body ({@code transactions[2].amount}); absent when the body as a whole is at fault
     * @param message what it must be
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
