package io.bankbridge.revocation.consume;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while revoked grants could pass here: until the broadcast consumer has replayed the revocation
 * history, and whenever it is stuck on an event it cannot apply (it then applies no later event either). Ready
 * again by itself once the event applies.
 *
 * <p>The detail also says whether the view is fresh ({@link ViewFreshness}) and how old it is. A stale view alone
 * leaves the instance ready: the services then ask the grants' owners, which keeps the bound, whereas taking every
 * replica out of service whenever the broker is away would turn a broker outage into an outage of the whole API.
 */
@Readiness
@ApplicationScoped
public class RevocationConsumerHealthCheck implements HealthCheck {

    private final BroadcastConsumer consumer;
    private final ViewFreshness freshness;

    RevocationConsumerHealthCheck(BroadcastConsumer consumer, ViewFreshness freshness) {
        this.consumer = consumer;
        this.freshness = freshness;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("revocation-events")
                .withData("view", freshness.fresh() ? "fresh" : "stale")
                .withData("viewAgeMs", freshness.age() == null ? -1 : freshness.age().toMillis())
                .withData("freshnessBoundMs", freshness.bound().toMillis())
                .withData("trustedForMs", freshness.trustedFor().toMillis());
        var stall = consumer.stall();
        if (stall.isPresent()) {
            return builder.down()
                    .withData("problem", "cannot apply a revocation event; later events wait for it (the error is "
                            + "in the service log)")
                    .withData("event", stall.get().eventId())
                    .withData("type", stall.get().type())
                    .withData("record", stall.get().record())
                    .withData("failedAttempts", stall.get().failedAttempts())
                    .build();
        }
        builder.status(consumer.caughtUp());
        if (!consumer.caughtUp() && consumer.lastProblem() != null) {
            // The exception itself stays in the log: the health endpoint shows no class names or messages.
            builder.withData("problem", "cannot read the revocation topic yet (the error is in the service log)");
        }
        return builder.build();
    }
}
