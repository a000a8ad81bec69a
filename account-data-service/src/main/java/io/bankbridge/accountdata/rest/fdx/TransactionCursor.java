package io.bankbridge.accountdata.rest.fdx;

import io.bankbridge.accountdata.rest.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The opaque paging cursor: the keyset position (transaction time, transaction id) of the last transaction a page
 * returned. The next page starts strictly after it in newest-first order, so transactions that arrive meanwhile
 * (newer ones sort before the position) never shift the pages: nothing is skipped or repeated.
 */
public record TransactionCursor(OffsetDateTime time, String transactionId) {

    private static final String VERSION = "1";

    /** Before every transaction: the first page. */
    public static final TransactionCursor START =
            new TransactionCursor(OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC), "");

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant());
        String raw = VERSION + ":" + micros + ":" + transactionId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static TransactionCursor decode(String offset) {
        if (offset == null || offset.isEmpty()) {
            return START;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(offset), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor");
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            return new TransactionCursor(at.atOffset(ZoneOffset.UTC), parts[2]);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("offset is not a cursor this API returned.");
        }
    }
}
