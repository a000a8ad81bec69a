package io.bankbridge.token.receipt;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Text a receipt shows (a provider's name, an account's masked name): 1 to 200 characters, no control character. */
@NotBlank
@Size(max = ReceiptText.MAX_LENGTH)
@Pattern(regexp = "^[^\\x00-\\x1F\\x7F-\\x9F]*$")
@ReportAsSingleViolation
@Documented
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ReceiptText {

    int MAX_LENGTH = 200;

    String message() default "must be text of 1 to " + MAX_LENGTH + " characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
