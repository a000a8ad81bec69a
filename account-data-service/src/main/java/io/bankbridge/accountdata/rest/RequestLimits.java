package io.bankbridge.accountdata.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What is refused before any resource is chosen, in the same problem format as {@link ProblemMapper}: a control
 * character anywhere in the URI (a NUL never reaches a query), a body sent with {@code Transfer-Encoding} (400),
 * a body over {@code quarkus.http.limits.max-body-size} (413), and failures of the HTTP layer itself (undecodable
 * requests), which would otherwise get the framework's generic error page.
 */
@ApplicationScoped
public class RequestLimits {

    private final ObjectMapper json;
    private final long maxBodySize;

    RequestLimits(ObjectMapper json, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.json = json;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
    }

    private void check(RoutingContext rc) {
        if (hasEncodedControlCharacter(rc.request().uri())) {
            answer(rc, new Problem("about:blank", "Bad Request", 400,
                    "The request URI contains a control character (e.g. %00)."));
            return;
        }
        if (rc.request().headers().contains("Transfer-Encoding")) {
            // The HTTP codec keeps Transfer-Encoding and drops a Content-Length sent with it, then waits for chunks
            // that may never come; a body of unknown length is not worth that (nor the smuggling ambiguity).
            refuseAndClose(rc, new Problem("about:blank", "Bad Request", 400,
                    "Transfer-Encoding is not accepted: send the body with a Content-Length."));
            return;
        }
        String length = rc.request().getHeader("Content-Length");
        if (length != null && tooLarge(length)) {
            // Read and drop the body rather than close mid-upload, so the client gets to read the answer.
            rc.request().handler(ignored -> { }).resume();
            answer(rc, tooLarge());
            return;
        }
        rc.next();
    }

    private Problem tooLarge() {
        return new Problem("about:blank", "Content Too Large", 413,
                "The request body is larger than " + maxBodySize + " bytes.");
    }

    /** The body is never read: the connection closes once the answer is written (RFC 9110 §15.5.14) on HTTP/1. */
    private void refuseAndClose(RoutingContext rc, Problem problem) {
        if (rc.request().version() != HttpVersion.HTTP_2) { // an HTTP/2 stream ends alone; the connection is shared
            rc.response().putHeader("Connection", "close");
            rc.addEndHandler(written -> rc.request().connection().close());
        }
        answer(rc, problem);
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec refuses it
        }
    }

    private void failed(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (failure == null) {
            int status = rc.statusCode();
            if (status < 400 || status >= 500) {
                rc.next();
                return;
            }
            answer(rc, status == 413 ? tooLarge()
                    : new Problem("about:blank", HttpResponseStatus.valueOf(status).reasonPhrase(), status, null));
            return;
        }
        if (fromSecurity(failure)) {
            rc.next(); // authentication challenges and redirects are the security layer's to answer
            return;
        }
        answer(rc, ProblemMapper.problemFor(failure));
    }

    private static boolean fromSecurity(Throwable failure) {
        String type = failure.getClass().getName();
        return type.startsWith("io.quarkus.security.") || type.startsWith("io.quarkus.oidc.")
                || type.startsWith("io.quarkus.vertx.http.runtime.security.");
    }

    private void answer(RoutingContext rc, Problem problem) {
        if (rc.response().headWritten()) {
            rc.response().close();
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status() + "}";
        }
        rc.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
    }

    /** {@code %00}-{@code %1F} or {@code %7F} anywhere in the raw URI (path or query). */
    static boolean hasEncodedControlCharacter(String uri) {
        for (int i = uri.indexOf('%'); i >= 0 && i + 2 < uri.length(); i = uri.indexOf('%', i + 1)) {
            char high = uri.charAt(i + 1);
            char low = uri.charAt(i + 2);
            if ((high == '0' || high == '1') && Character.digit(low, 16) >= 0) {
                return true;
            }
            if (high == '7' && (low == 'f' || low == 'F')) {
                return true;
            }
        }
        return false;
    }
}
