package io.bankbridge.consent.service;

/** A request that conflicts with what is recorded (a transition the state does not allow, a reused key): answered 409. */
public abstract class ConflictException extends RuntimeException {

    protected ConflictException(String message) {
        super(message);
    }
}
