package io.bankbridge.revocation.consume;

import io.bankbridge.revocation.contract.RevocationEvent;

/**
 * Implemented by a service's CDI bean to act on revocation events. Called on the consumer thread, one event at a
 * time, in partition order; the call may block. It must be idempotent: an event can arrive more than once (relay
 * retries, replay at start). Throwing makes the consumer try again, a few times, before passing the event over.
 */
public interface RevocationEventListener {

    void onRevocation(RevocationEvent event) throws Exception;
}
