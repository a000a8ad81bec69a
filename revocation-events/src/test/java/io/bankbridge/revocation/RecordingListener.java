package io.bankbridge.revocation;

import io.bankbridge.revocation.consume.RevocationEventListener;
import io.bankbridge.revocation.contract.RevocationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A service-side listener that remembers what the broadcast consumer handed it. */
@ApplicationScoped
public class RecordingListener implements RevocationEventListener {

    final List<RevocationEvent> received = new CopyOnWriteArrayList<>();

    @Override
    public void onRevocation(RevocationEvent event) {
        received.add(event);
    }

    boolean hasReceived(String eventId) {
        return received.stream().anyMatch(e -> e.id().equals(eventId));
    }
}
