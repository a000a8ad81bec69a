package io.bankbridge.consent.securitycenter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A customer's connections, grouped the way the Security Center lists them.
 *
 * @param accessHistoryAvailable false when account-data-service could not be asked for the last accesses
 */
@RegisterForReflection
public record Connections(List<Connection> active, List<Connection> expired, List<Connection> revoked,
                          boolean accessHistoryAvailable) {
}
