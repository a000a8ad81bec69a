package io.bankbridge.consent.service;

/** A request whose content is not acceptable (unknown data cluster, duration out of range, missing field): answered 400. */
public class InvalidConsentRequestException extends RuntimeException {

    public InvalidConsentRequestException(String message) {
        super(message);
    }
}
