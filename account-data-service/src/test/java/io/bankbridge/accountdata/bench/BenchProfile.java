package io.bankbridge.accountdata.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The benchmark's configuration: the enforcement switch allowed, no rate limit, 20 demo persons, DPoP proofs that
 * stay valid through a run, a revocation view trusted for a minute, quiet logs.
 */
public class BenchProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "bankbridge.provider-api.bench-mode", "true",
                "bankbridge.provider-api.rate-limit.enabled", "false",
                "bankbridge.demo.customers", "20",
                // DPoP proofs are signed before each wrk run: their iat must outlive the run
                "bankbridge.dpop.iat-window", "PT10M",
                // both measured, whatever the service accepts by default
                "bankbridge.dpop.algorithms", "ES256,PS256",
                "bankbridge.dpop.max-replay-entries", "4000000",
                // What is measured is the fast path: a machine overloaded by other work can starve the consumer's
                // proof rounds for over a second, and the stale view's owner checks would then be measured instead.
                "bankbridge.revocations.consumer.freshness-bound", "PT60S",
                "quarkus.log.level", "WARN",
                "quarkus.log.category.\"io.bankbridge\".level", "INFO");
    }
}
