package io.bankbridge.token.endpoint;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;

/**
 * Failures the HTTP layer raises before or around a resource (a body over {@code quarkus.http.limits}, a form that
 * does not decode): answered in the endpoint's own error format with the status {@link ErrorStatus} gives, instead
 * of the framework's default error body.
 */
@ApplicationScoped
public class RequestFailures {

    private final ErrorAnswers answers;

    RequestFailures(ErrorAnswers answers) {
        this.answers = answers;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
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
        ErrorAnswers.Answer answer = answers.answer(ctx.normalizedPath(), status, null);
        answer.headers().forEach(response::putHeader);
        response.setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType()).end(answer.body());
    }
}
