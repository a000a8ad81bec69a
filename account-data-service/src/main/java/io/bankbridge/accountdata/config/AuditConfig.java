package io.bankbridge.accountdata.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The data-access audit log ({@code bankbridge.audit.*}): written in batches, off the request path. */
@ConfigMapping(prefix = "bankbridge.audit")
public interface AuditConfig {

    /** Records waiting to be written; when full, further records are counted as dropped rather than slowing requests. */
    @WithDefault("200000")
    int queueCapacity();

    /** Rows per insert statement. */
    @WithDefault("1000")
    int batchSize();

    /** How often pending records are written. */
    @WithDefault("PT0.1S")
    Duration flushInterval();
}
