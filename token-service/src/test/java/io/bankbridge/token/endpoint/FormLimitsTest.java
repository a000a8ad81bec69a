package io.bankbridge.token.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.lang.reflect.Proxy;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * What the form reader throws is the client's fault however the JVM built the exception: once a failing path is
 * hot, HotSpot may throw a preallocated exception with no stack trace (as it did for the body {@code "=="} late in a
 * long run), and that must still be a 400, not a 500.
 */
class FormLimitsTest {

    private final FormLimits limits = new FormLimits(1_000, new MemorySize(java.math.BigInteger.valueOf(8_192)));

    @Test
    void aFormReaderFailureWithoutAStackTraceIsABadRequest() {
        ArrayIndexOutOfBoundsException hot = new ArrayIndexOutOfBoundsException();
        hot.setStackTrace(new StackTraceElement[0]);

        assertThatThrownBy(() -> limits.aroundReadFrom(context(MediaType.APPLICATION_FORM_URLENCODED_TYPE, () -> {
            throw hot;
        }))).isInstanceOf(BadRequestException.class).hasCause(hot);
        assertThat(ErrorStatus.of(new BadRequestException(hot))).isEqualTo(400);
    }

    @Test
    void aFailureReadingAnythingButAFormIsLeftToTheMapper() {
        IllegalStateException ours = new IllegalStateException("a fault of ours");

        assertThatThrownBy(() -> limits.aroundReadFrom(context(MediaType.APPLICATION_JSON_TYPE, () -> {
            throw ours;
        }))).isSameAs(ours);
    }

    private static ReaderInterceptorContext context(MediaType type, Callable<Object> proceed) {
        return (ReaderInterceptorContext) Proxy.newProxyInstance(FormLimitsTest.class.getClassLoader(),
                new Class<?>[] {ReaderInterceptorContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMediaType" -> type;
                    case "proceed" -> proceed.call();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
