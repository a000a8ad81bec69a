package io.bankbridge.accountdata.security;

import io.bankbridge.accountdata.config.ProviderApiConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Whether the token and consent check runs on provider requests. Always on, except in a benchmark run
 * ({@code bankbridge.provider-api.bench-mode=true}, refused in production) that switches it off to measure its cost.
 * There is deliberately no HTTP way to flip it.
 */
@ApplicationScoped
public class EnforcementSwitch {

    private final boolean benchMode;
    private volatile boolean enforced = true;

    EnforcementSwitch(ProviderApiConfig config) {
        this.benchMode = config.benchMode();
    }

    void refuseBenchModeInProduction(@Observes StartupEvent ignored) {
        if (benchMode && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("bankbridge.provider-api.bench-mode must not be set outside benchmarks");
        }
    }

    public boolean enforced() {
        return enforced;
    }

    /** Benchmark only: turns the check off or on again. */
    public void setEnforced(boolean on) {
        if (!benchMode && !on) {
            throw new IllegalStateException("enforcement can only be switched off in bench mode");
        }
        this.enforced = on;
    }
}
