package io.bankbridge.accountdata.rest.fdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bankbridge.accountdata.config.ProviderApiConfig;
import io.bankbridge.accountdata.rest.ApiProblem;
import io.bankbridge.testsupport.ConfigMappings;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The opaque, signed paging cursor of the transactions API, without the service. */
class TransactionCursorTest {

    private static CursorSigner signer(String key) {
        return new CursorSigner(ConfigMappings.of(ProviderApiConfig.class, "bankbridge.provider-api.cursor-key", key),
                Optional.empty());
    }

    private final CursorSigner signer = signer("one key for every replica");
    private final TransactionCursor position =
            new TransactionCursor(OffsetDateTime.parse("2026-11-30T09:15:02.123456Z"), "txn-42");

    private void refused(String offset, String account, CursorSigner by) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> TransactionCursor.decode(offset, account, by));
        assertEquals(400, problem.status());
    }

    @Test
    void aCursorComesBackAsThePositionItWasIssuedFor() {
        String offset = position.encode("acc-1", signer);
        assertEquals(position, TransactionCursor.decode(offset, "acc-1", signer));
        assertEquals(position, TransactionCursor.decode(offset, "acc-1", signer("one key for every replica")));
    }

    @Test
    void noOffsetIsTheFirstPage() {
        assertSame(TransactionCursor.START, TransactionCursor.decode(null, "acc-1", signer));
        assertSame(TransactionCursor.START, TransactionCursor.decode("", "acc-1", signer));
    }

    @Test
    void aCursorOfAnotherAccountOrKeyIsRefused() {
        String offset = position.encode("acc-1", signer);
        refused(offset, "acc-2", signer);
        refused(offset, "acc-1", signer("another deployment"));
    }

    @Test
    void aChangedPositionIsRefused() {
        String offset = position.encode("acc-1", signer);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("2:0:txn-1".getBytes())
                + offset.substring(offset.indexOf('.'));
        refused(forged, "acc-1", signer);
    }

    @Test
    void garbageIsABadRequest() {
        for (String offset : new String[] {"x", ".", "abc.", ".abc", "!!!.???", "a".repeat(2000) + ".b",
                "MjoxOnR4bg.AAAA"}) {
            refused(offset, "acc-1", signer);
        }
    }
}
