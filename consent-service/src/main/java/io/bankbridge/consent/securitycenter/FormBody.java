package io.bankbridge.consent.securitycenter;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A Security Center form post ({@code application/x-www-form-urlencoded}), read strictly and within explicit bounds:
 * a body over the size or field limit is 413, invalid percent-encoding or a field without a name is 400, both
 * answered with the Security Center's error page rather than a parser's failure.
 */
record FormBody(Map<String, String> fields) {

    static FormBody parse(String body, int maxBytes, int maxFields) {
        if (body == null || body.isEmpty()) {
            return new FormBody(Map.of());
        }
        if (body.length() > maxBytes) {
            throw new WebApplicationException(413);
        }
        Map<String, String> fields = new HashMap<>();
        int count = 0;
        for (String pair : body.split("&", -1)) {
            if (++count > maxFields) {
                throw new WebApplicationException(413);
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.isEmpty()) {
                throw new BadRequestException();
            }
            fields.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return new FormBody(Map.copyOf(fields));
    }

    String get(String name) {
        return fields.get(name);
    }

    /** Percent-decoding and {@code +} as space, then strict UTF-8: a malformed escape or byte sequence is a 400. */
    private static String decode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int high = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
                if (low < 0) {
                    throw new BadRequestException();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                throw new BadRequestException(); // a form body is ASCII; everything else is percent-encoded
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException();
        }
    }
}
