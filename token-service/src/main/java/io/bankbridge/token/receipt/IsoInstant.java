package io.bankbridge.token.receipt;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The value is an ISO-8601 instant ({@link Instant#parse}); a missing value passes. */
@Documented
@Constraint(validatedBy = IsoInstant.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoInstant {

    String message() default "must be an ISO-8601 instant";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Parses the value as {@link Instant#parse} does. */
    class Validator implements ConstraintValidator<IsoInstant, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                Instant.parse(value);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
