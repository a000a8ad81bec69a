package io.bankbridge.revocation.consume;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the broadcast consumer has replayed the revocation history: before that, revoked grants could pass. */
@Readiness
@ApplicationScoped
public class RevocationReplayHealthCheck implements HealthCheck {

    private final BroadcastConsumer consumer;

    RevocationReplayHealthCheck(BroadcastConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("revocation-events").status(consumer.caughtUp());
        if (!consumer.caughtUp() && consumer.lastProblem() != null) {
            builder.withData("problem", consumer.lastProblem());
        }
        return builder.build();
    }
}
