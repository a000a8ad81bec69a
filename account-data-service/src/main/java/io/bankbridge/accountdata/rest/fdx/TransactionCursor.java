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
 *
 * <p>On the wire it is {@code base64url(position) "." base64url(HMAC)}, the MAC binding the position to the account
 * it was issued for ({@link CursorSigner}): a cursor this service did not issue, or issued for another account, is
 * refused before it reaches a query.
 */
public record TransactionCursor(OffsetDateTime time, String transactionId) {

    private static final String VERSION = "2";
    /** Far longer than any cursor this service issues (transaction ids are bounded too). */
    private static final int MAX_LENGTH = 1024;

    /** Before every transaction: the first page. */
    public static final TransactionCursor START =
            new TransactionCursor(OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC), "");

    public String encode(String accountId, CursorSigner signer) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant());
        byte[] raw = (VERSION + ":" + micros + ":" + transactionId).getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(raw) + "." + b64.encodeToString(signer.sign(accountId, raw));
    }

    public static TransactionCursor decode(String offset, String accountId, CursorSigner signer) {
        if (offset == null || offset.isEmpty()) {
            return START;
        }
        try {
            int dot = offset.indexOf('.');
            if (offset.length() > MAX_LENGTH || dot <= 0) {
                throw new IllegalArgumentException("not a cursor");
            }
            Base64.Decoder b64 = Base64.getUrlDecoder();
            byte[] raw = b64.decode(offset.substring(0, dot));
            if (!signer.verify(accountId, raw, b64.decode(offset.substring(dot + 1)))) {
                throw new IllegalArgumentException("not signed by us");
            }
            String[] parts = new String(raw, StandardCharsets.UTF_8).split(":", 3);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor");
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            return new TransactionCursor(at.atOffset(ZoneOffset.UTC), parts[2]);
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw ApiProblem.badRequest("offset is not a cursor this API returned for this account.");
        }
    }
}
