package io.bankbridge.accountdata.rest.fdx;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a timestamp of the data API exactly as Jackson's default does ({@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}:
 * seconds always, a fraction only when there is one and without trailing zeros, the value's own offset) but writes the
 * common case, UTC in years 0000–9999 (what PostgreSQL hands back), digit by digit. A transactions page holds two
 * timestamps per transaction, and the formatter's general machinery took 8 % of the event loops' time in a profile.
 */
@RegisterForReflection
public final class Rfc3339Serializer extends StdSerializer<OffsetDateTime> {

    /** {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ} */
    private static final int LONGEST = 30;

    public Rfc3339Serializer() {
        super(OffsetDateTime.class);
    }

    @Override
    public void serialize(OffsetDateTime value, JsonGenerator json, SerializerProvider provider) throws IOException {
        if (!value.getOffset().equals(ZoneOffset.UTC) || value.getYear() < 0 || value.getYear() > 9999) {
            json.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            return;
        }
        char[] text = new char[LONGEST];
        int end = write(value, text);
        json.writeString(text, 0, end);
    }

    /** Writes a UTC timestamp of years 0000–9999 into {@code text}; returns its length. */
    private static int write(OffsetDateTime utc, char[] text) {
        digits(text, 0, utc.getYear(), 4);
        text[4] = '-';
        digits(text, 5, utc.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, utc.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, utc.getHour(), 2);
        text[13] = ':';
        digits(text, 14, utc.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, utc.getSecond(), 2);
        int end = 19;
        if (utc.getNano() != 0) {
            text[19] = '.';
            digits(text, 20, utc.getNano(), 9);
            end = 29;
            while (text[end - 1] == '0') {
                end--;
            }
        }
        text[end] = 'Z';
        return end + 1;
    }

    /** {@code value} in {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
