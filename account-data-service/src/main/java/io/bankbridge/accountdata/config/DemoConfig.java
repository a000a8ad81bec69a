package io.bankbridge.accountdata.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.LocalDate;
import java.util.Optional;

/** The demo data generator ({@code bankbridge.demo.*}): demo customers, accounts and 24 months of transactions. */
@ConfigMapping(prefix = "bankbridge.demo")
public interface DemoConfig {

    /** Generate demo data at start (missing demo persons only). */
    @WithDefault("false")
    boolean enabled();

    /** Number of demo persons; person i owns {@code CUS-C-i} (card + checking) and {@code CUS-S-i} (savings). */
    @WithDefault("20")
    int customers();

    /** Months of transaction history per account. */
    @WithDefault("24")
    int months();

    /** Last day of the generated history; yesterday (UTC) when absent, so nothing is dated in the future. Fix it to reproduce data byte for byte. */
    Optional<LocalDate> until();
}
