package io.bankbridge.consent.service;

import io.bankbridge.consent.model.ConsentStatus;
import java.util.UUID;

/** A state change the consent's current status does not allow: answered 409. */
public class IllegalTransitionException extends ConflictException {

    public IllegalTransitionException(UUID id, ConsentStatus from, ConsentStatus to) {
        super("Consent " + id + " is " + from + " and cannot become " + to + ".");
    }
}
