package io.bankbridge.consent.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * The value is the exact name of one of {@link #value()}'s constants (data clusters, FDX reasons and initiators). A
 * missing value is none of them. The message names the values allowed, and the value sent only when it looks like a
 * name: an error body never reflects arbitrary text a caller sent.
 */
@Documented
@Constraint(validatedBy = OneOf.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {

    /** The enum whose constant names are the values allowed. */
    Class<? extends Enum<?>> value();

    String message() default "must be one of {allowed}{rejected}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a name against the enum's constants and names both in the message. */
    class Validator implements ConstraintValidator<OneOf, String> {

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

        private String[] allowed;

        @Override
        public void initialize(OneOf constraint) {
            allowed = Arrays.stream(constraint.value().getEnumConstants()).map(Enum::name).toArray(String[]::new);
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value != null && Arrays.asList(allowed).contains(value)) {
                return true;
            }
            context.unwrap(HibernateConstraintValidatorContext.class)
                    .addMessageParameter("allowed", Arrays.toString(allowed))
                    .addMessageParameter("rejected", value != null && NAME.matcher(value).matches() ? ", not " + value : "");
            return false;
        }
    }
}
