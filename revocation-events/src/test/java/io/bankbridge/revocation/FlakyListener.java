package io.bankbridge.revocation;

import io.bankbridge.revocation.consume.RevocationEventListener;
import io.bankbridge.revocation.contract.RevocationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A service-side listener whose store can be made unavailable for chosen events, as in a database outage. */
@ApplicationScoped
public class FlakyListener implements RevocationEventListener {

    private final List<String> applied = new CopyOnWriteArrayList<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    @Override
    public void onRevocation(RevocationEvent event) {
        if (failing.contains(event.id())) {
            throw new IllegalStateException("store unavailable");
        }
        applied.add(event.id());
    }

    /** Ids of the events applied, in the order they were applied. */
    List<String> applied() {
        return List.copyOf(applied);
    }

    void failOn(String eventId) {
        failing.add(eventId);
    }

    void recover() {
        failing.clear();
    }
}
