package io.bankbridge.token;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.InstantSource;

/** The service's clock, injected wherever "now" decides something, so that tests can supply their own. */
@Singleton
public class TimeSource {

    @Produces
    @Singleton
    @DefaultBean
    InstantSource clock() {
        return InstantSource.system();
    }
}
