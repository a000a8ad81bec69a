package io.bankbridge.consent.securitycenter;

import io.bankbridge.consent.accesslog.AccessLogEntry;
import io.bankbridge.consent.model.ConsentWithHistory;
import java.util.List;

/**
 * One connection with its history and what the provider read under it.
 *
 * @param accessHistory newest first; empty and {@code accessHistoryAvailable} false when the audit log is unavailable
 */
public record ConnectionDetail(ConsentWithHistory consent, List<AccessLogEntry> accessHistory,
                               boolean accessHistoryAvailable) {
}
