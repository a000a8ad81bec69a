package io.bankbridge.consent.service;

/** A decision repeated with an idempotency key that already recorded a different decision: answered 409. */
public class DecisionConflictException extends ConflictException {

    public DecisionConflictException() {
        super("This idempotencyKey already recorded a different decision.");
    }
}
