package io.bankbridge.revocation.consume;

import io.bankbridge.revocation.contract.RevocationEvent;

/**
 * Implemented by a service's CDI bean to act on revocation events. Called on the consumer thread, one event at a
 * time, in partition order; the call may block. It must be idempotent: an event can arrive more than once (relay
 * retries, replay at start, a retry after another listener failed).
 *
 * <p>Throw only when the event could not be applied <em>yet</em> (a database or a service down): the consumer then
 * hands the same event over again, with a capped backoff, for as long as it takes, applies no later event
 * meanwhile, and the instance reports not ready. It never passes over an event of a known type, because an
 * instance that did would honour a revoked grant for good. An event that asks nothing of this service (a type it
 * does not act on, a consent it does not hold) is not a failure: return normally. Records that are not valid
 * revocation events never reach a listener; the consumer counts and passes over them.
 */
public interface RevocationEventListener {

    void onRevocation(RevocationEvent event) throws Exception;
}
