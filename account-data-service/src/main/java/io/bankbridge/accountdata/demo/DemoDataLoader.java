package io.bankbridge.accountdata.demo;

import io.agroal.api.AgroalDataSource;
import io.bankbridge.accountdata.config.DemoConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Writes the demo data at start when {@code bankbridge.demo.enabled=true}; persons already present are skipped. */
@ApplicationScoped
public class DemoDataLoader {

    private final DemoConfig config;
    private final AgroalDataSource dataSource;

    DemoDataLoader(DemoConfig config, AgroalDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    void load(@Observes StartupEvent ignored) throws Exception {
        if (!config.enabled()) {
            return;
        }
        // Through yesterday: every transaction and the balances' "as of" time (23:00 on the last day) are in the past.
        LocalDate until = config.until().orElse(LocalDate.now(ZoneOffset.UTC).minusDays(1));
        new DemoDataGenerator(config.customers(), config.months(), until).writeMissing(dataSource);
    }
}
