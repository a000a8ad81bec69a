package io.bankbridge.token.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders an error in the format of the endpoint that failed: RFC 6749 §5.2 JSON on the OAuth endpoints, the
 * hosted error page under {@code /authorize}, RFC 9457 problem+json everywhere else. Used by the exception mapper
 * and by the failures the HTTP layer raises before a resource is reached (body limits, undecodable forms).
 */
@ApplicationScoped
public class ErrorAnswers {

    /** A rendered error: what to write on the wire. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {

        public Response toResponse() {
            Response.ResponseBuilder response = Response.status(status).type(contentType).entity(body);
            headers.forEach(response::header);
            return response.build();
        }
    }

    static final String PAGES = "/authorize";

    private final Template messagePage;
    private final ObjectMapper json;

    ErrorAnswers(@Location("pages/message.html") Template messagePage, ObjectMapper json) {
        this.messagePage = messagePage;
        this.json = json;
    }

    /** Whether {@code path} is one of the hosted pages, which answer HTML. */
    static boolean isPage(String path) {
        return path != null && (path.equals(PAGES) || path.startsWith(PAGES + "/") || path.startsWith(PAGES + ";"));
    }

    /** The error for a request to {@code path}; {@code detail} is safe to show (null: the status says it all). */
    public Answer answer(String path, int status, String detail) {
        String reason = reason(status);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        if (OAuthPaths.isOAuth(path)) {
            String error = status >= 500 ? (status == 503 ? "temporarily_unavailable" : "server_error")
                    : status == 401 ? "invalid_client" : "invalid_request";
            return new Answer(status, MediaType.APPLICATION_JSON, write(new OAuthError(error, detail == null ? reason : detail)),
                    headers);
        }
        if (isPage(path)) {
            headers.putAll(PageSecurityHeaders.HEADERS);
            String title = status >= 500 ? "Service unavailable" : "We cannot continue with this request";
            String message = status >= 500 ? AuthorizationPages.UNABLE
                    : status == 413 ? "The form you sent is too large. Please go back and try again."
                    : "The request is malformed. Please return to the application and start again.";
            return new Answer(status, MediaType.TEXT_HTML + ";charset=UTF-8",
                    messagePage.data("title", title).data("message", message).render(), headers);
        }
        return new Answer(status, Problem.MEDIA_TYPE, write(new Problem("about:blank", reason, status, detail)), headers);
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error body", e);
        }
    }

    static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : status >= 500 ? "Server Error" : "Bad Request";
    }
}
