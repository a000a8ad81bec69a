package io.bankbridge.consent.receipt;

/** The history entry asked for does not exist, or was recorded before receipts were kept: answered 404. */
public class NoReceiptException extends RuntimeException {

    public NoReceiptException(String message) {
        super(message, null, false, false);
    }
}
