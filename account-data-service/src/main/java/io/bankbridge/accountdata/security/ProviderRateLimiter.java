package io.bankbridge.accountdata.security;

import io.bankbridge.accountdata.config.ProviderApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per provider: {@code burst} requests at once, refilled at {@code requests-per-second}. */
@ApplicationScoped
public class ProviderRateLimiter {

    private final ProviderApiConfig.RateLimit config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ProviderRateLimiter(ProviderApiConfig config) {
        this.config = config.rateLimit();
    }

    /** 0 when the request may go ahead; otherwise the whole seconds to wait before the next one would be admitted. */
    public long acquire(String providerId) {
        if (!config.enabled()) {
            return 0;
        }
        return buckets.computeIfAbsent(providerId, this::bucketFor).acquire(System.nanoTime());
    }

    private Bucket bucketFor(String providerId) {
        ProviderApiConfig.RateLimit.Limit limit = config.providers().get(providerId);
        return limit != null ? new Bucket(limit.requestsPerSecond(), limit.burst())
                : new Bucket(config.requestsPerSecond(), config.burst());
    }

    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long last;

        Bucket(double perSecond, int burst) {
            this.perNano = perSecond / 1e9;
            this.capacity = Math.max(1, burst);
            this.tokens = capacity;
            this.last = System.nanoTime();
        }

        synchronized long acquire(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double waitNanos = (1 - tokens) / perNano;
            return Math.max(1, (long) Math.ceil(waitNanos / 1e9));
        }
    }
}
