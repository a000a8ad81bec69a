package io.bankbridge.token.endpoint;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The form limits of {@code quarkus.http.limits} on every form this service reads whole (the OAuth endpoints and
 * the hosted pages): more fields than {@code max-form-fields} is a 400, a value longer than
 * {@code max-form-attribute-size} a 413, a form that does not decode a 400, each answered by the exception mapper in
 * the endpoint's format.
 */
@Provider
public class FormLimits implements ReaderInterceptor {

    private final int maxFields;
    private final long maxValue;

    FormLimits(@ConfigProperty(name = "quarkus.http.limits.max-form-fields") int maxFields,
               @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size") MemorySize maxValue) {
        this.maxFields = maxFields;
        this.maxValue = maxValue.asLongValue();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object read = read(context);
        if (read instanceof MultivaluedMap<?, ?> form) {
            int fields = 0;
            for (var entry : form.entrySet()) {
                for (Object value : (List<?>) entry.getValue()) {
                    fields++;
                    if (value != null && value.toString().length() > maxValue) {
                        throw new WebApplicationException(Response.Status.REQUEST_ENTITY_TOO_LARGE);
                    }
                }
            }
            if (fields > maxFields) {
                throw new WebApplicationException(Response.Status.BAD_REQUEST);
            }
        }
        return read;
    }

    /**
     * A form the reader gives up on is the client's fault whatever the reader threw: a bad escape
     * ({@code IllegalArgumentException}) or a pair with no name ({@code "=="} indexes past an array). It is told
     * here, by where it was thrown, not from a stack trace: once that path is hot the JIT may throw a preallocated
     * exception that has none.
     */
    private static Object read(ReaderInterceptorContext context) throws IOException {
        if (!MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(context.getMediaType())) {
            return context.proceed();
        }
        try {
            return context.proceed();
        } catch (WebApplicationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadRequestException(e);
        }
    }
}
