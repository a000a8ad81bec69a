package io.bankbridge.consent.service;

import java.util.UUID;

/** No consent with this id, or none the caller may see (another provider's, another customer's): answered 404. */
public class ConsentNotFoundException extends RuntimeException {

    public ConsentNotFoundException(UUID id) {
        super("No consent " + id + ".");
    }
}
