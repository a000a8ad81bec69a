package io.bankbridge.token.endpoint;

import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Failures the HTTP layer raises before or around a resource (a body over {@code quarkus.http.limits}, a form that
 * does not decode): answered in the endpoint's own error format with the status {@link ErrorStatus} gives, instead
 * of the framework's default error body. What can be refused from the request head alone is refused before any
 * resource is chosen: a body sent with {@code Transfer-Encoding} (400), a declared body over the size limit (413).
 */
@ApplicationScoped
public class RequestFailures {

    private final ErrorAnswers answers;
    private final long maxBodySize;

    RequestFailures(ErrorAnswers answers,
                    @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.answers = answers;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkHead);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void checkHead(RoutingContext ctx) {
        if (ctx.request().headers().contains("Transfer-Encoding")) {
            // The HTTP codec keeps Transfer-Encoding and drops a Content-Length sent with it, then waits for chunks
            // that may never come; a body of unknown length is not worth that (nor the smuggling ambiguity).
            refuseAndClose(ctx, 400, "Transfer-Encoding is not accepted: send the body with a Content-Length.");
            return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && declaredLength(length) > maxBodySize) {
            refuseAndClose(ctx, 413, "The request body is larger than " + maxBodySize + " bytes.");
            return;
        }
        ctx.next();
    }

    /** The body is never read: the connection closes once the answer is written (RFC 9110 §15.5.14) on HTTP/1. */
    private void refuseAndClose(RoutingContext ctx, int status, String detail) {
        if (ctx.request().version() != HttpVersion.HTTP_2) { // an HTTP/2 stream ends alone; the connection is shared
            ctx.response().putHeader("Connection", "close");
            ctx.addEndHandler(written -> ctx.request().connection().close());
        }
        answer(ctx, status, detail);
    }

    private static long declaredLength(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP codec refuses it
        }
    }

    private void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        // authentication failures carry their challenge: Quarkus Security answers them
        if (response.headWritten() || response.ended() || ctx.failure() instanceof SecurityException
                || ctx.failure() instanceof AuthenticationException) {
            ctx.next();
            return;
        }
        // the status the HTTP layer chose (e.g. 413), unless the failure says better what the request got wrong
        int status = ctx.statusCode();
        if (ctx.failure() != null) {
            int mapped = ErrorStatus.of(ctx.failure());
            if (mapped < 500 || status < 400) {
                status = mapped;
            }
        }
        if (status < 400) {
            status = 500;
        }
        if (status >= 500) {
            Log.errorf(ctx.failure(), "Unexpected failure, incident %s", UUID.randomUUID());
        }
        answer(ctx, status, null);
    }

    private void answer(RoutingContext ctx, int status, String detail) {
        ErrorAnswers.Answer answer = answers.answer(ctx.normalizedPath(), status, detail);
        HttpServerResponse response = ctx.response();
        answer.headers().forEach(response::putHeader);
        response.setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType()).end(answer.body());
    }
}
