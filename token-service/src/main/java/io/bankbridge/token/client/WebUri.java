package io.bankbridge.token.client;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The value is a URL a provider may register: https with a host and without a fragment, or http on localhost for
 * development. A missing value passes (pair it with {@code @NotNull} where one is required).
 */
@Documented
@Constraint(validatedBy = WebUri.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface WebUri {

    String message() default "must be an https URL without fragment (http only on localhost)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Parses the value and checks its scheme, host and fragment. */
    class Validator implements ConstraintValidator<WebUri, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                URI uri = new URI(value);
                boolean local = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
                boolean scheme = "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && local);
                return scheme && uri.getHost() != null && uri.getFragment() == null;
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
