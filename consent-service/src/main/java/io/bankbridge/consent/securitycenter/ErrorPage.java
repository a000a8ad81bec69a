package io.bankbridge.consent.securitycenter;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

/** The Security Center's error page: what a customer's browser gets instead of a problem body. */
@ApplicationScoped
public class ErrorPage {

    private final Template template;

    ErrorPage(@Location("error.html") Template template) {
        this.template = template;
    }

    /** The page for an error with {@code status}; {@code detail} is shown when given, else a sentence for the status. */
    public String render(int status, String title, String detail) {
        return template.data("title", title)
                .data("message", detail != null ? detail : switch (status) {
                    case 404 -> "This page does not exist, or it is not one of yours.";
                    case 413 -> "What was sent is too large.";
                    default -> "The request could not be understood. Please go back and try again.";
                })
                .render();
    }
}
