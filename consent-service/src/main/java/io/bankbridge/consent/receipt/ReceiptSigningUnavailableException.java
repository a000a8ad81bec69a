package io.bankbridge.consent.receipt;

/** token-service did not sign in time (down, slow, refusing): answered 503, the receipt can be asked for again. */
public class ReceiptSigningUnavailableException extends RuntimeException {

    public ReceiptSigningUnavailableException(Throwable cause) {
        super("Receipts cannot be signed right now", cause, false, false);
    }
}
