package io.bankbridge.revocation;

import io.bankbridge.revocation.consume.RevocationEventListener;
import io.bankbridge.revocation.contract.RevocationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A service-side listener that remembers what the broadcast consumer handed it. */
@ApplicationScoped
public class RecordingListener implements RevocationEventListener {

    private final List<RevocationEvent> received = new CopyOnWriteArrayList<>();

    @Override
    public void onRevocation(RevocationEvent event) {
        received.add(event);
    }

    /** What it was handed, in order (a method, not a field: tests hold the client proxy, not the bean). */
    List<RevocationEvent> received() {
        return List.copyOf(received);
    }

    boolean hasReceived(String eventId) {
        return received.stream().anyMatch(e -> e.id().equals(eventId));
    }
}
