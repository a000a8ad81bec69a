package io.bankbridge.token.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.WebApplicationException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;

/**
 * The one table from a failure to the HTTP status it deserves: what the request got wrong (a body or query that
 * does not decode, a form over its limits, a value the database cannot store) is a 4xx; anything else is 500.
 */
public final class ErrorStatus {

    private static final int MAX_CAUSES = 10;
    private static final List<String> DECODERS = List.of("urlutils", "decode", "formdata", "formencoded", "formparser",
            "charset.forname", "querystring", "parseform");

    private ErrorStatus() {
    }

    /** The status for {@code failure}, or 500 if it is a fault of the service. */
    public static int of(Throwable failure) {
        Throwable e = failure;
        for (int depth = 0; e != null && depth < MAX_CAUSES; depth++, e = e.getCause()) {
            int status = own(e);
            if (status != 500) {
                return status;
            }
        }
        return 500;
    }

    /** Whether {@code failure} is the request's fault (a 4xx). */
    public static boolean isBadInput(Throwable failure) {
        return of(failure) < 500;
    }

    private static int own(Throwable e) {
        if (e instanceof WebApplicationException web) {
            return web.getResponse().getStatus();
        }
        if (e instanceof JsonProcessingException) {
            return 400;
        }
        // a body in a charset nobody knows ("application/x-www-form-urlencoded; charset=bogus")
        if (e instanceof UnsupportedEncodingException || e instanceof UnsupportedCharsetException
                || e instanceof IllegalCharsetNameException) {
            return 415;
        }
        // SQLSTATE class 22, data exception: a NUL byte, a byte sequence invalid in UTF-8, a number out of range
        if (e instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22")) {
            return 400;
        }
        String type = e.getClass().getName();
        // Netty's form decoder: a field longer than max-form-attribute-size, more than max-form-fields fields
        if (type.endsWith("TooLongFormFieldException") || type.endsWith("TooLongHttpContentException")) {
            return 413;
        }
        if (type.endsWith("TooManyFormFieldsException") || type.endsWith("ErrorDataDecoderException")) {
            return 400;
        }
        if (e instanceof RuntimeException && thrownByDecoder(e)) {
            return 400;
        }
        return 500;
    }

    /**
     * The form or URL decoder gave up on what the client sent (bad percent-encoding, an unknown charset, more fields
     * than allowed): the frame that threw is a decoder's.
     */
    private static boolean thrownByDecoder(Throwable e) {
        StackTraceElement[] stack = e.getStackTrace();
        for (int i = 0; i < Math.min(4, stack.length); i++) {
            if (stack[i].getClassName().startsWith("io.bankbridge.")) {
                return false; // our own code decoding what it stored: a fault of ours
            }
            String frame = (stack[i].getClassName() + "." + stack[i].getMethodName()).toLowerCase(Locale.ROOT);
            if (DECODERS.stream().anyMatch(frame::contains)) {
                return true;
            }
        }
        return false;
    }
}
