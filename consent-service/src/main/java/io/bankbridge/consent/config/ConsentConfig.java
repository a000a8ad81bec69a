package io.bankbridge.consent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration of consent-service ({@code bankbridge.consent.*}). */
@ConfigMapping(prefix = "bankbridge.consent")
public interface ConsentConfig {

    Expiry expiry();

    Expiring expiring();

    SecurityCenter securityCenter();

    /** The job that ends consents past their expiry. */
    interface Expiry {
        /** How often each instance looks for expired consents ({@code bankbridge.consent.expiry.every}). */
        @WithDefault("60s")
        String every();

        /** Consents expired per transaction. */
        @WithDefault("100")
        int batchSize();
    }

    /** The notices ({@code consent.expiring}) that a consent in force is about to expire. */
    interface Expiring {
        /**
         * How long before its expiry a consent is announced as expiring, once per lead time
         * ({@code bankbridge.consent.expiring.lead-times}, ISO-8601 durations). The longest also decides which
         * connections the Security Center shows as expiring soon.
         */
        @WithDefault("P30D,P7D")
        List<Duration> leadTimes();

        /** How often each instance looks for consents that reached a lead time; {@code off} in tests, which run it. */
        @WithDefault("10m")
        String every();

        /** Notices claimed per transaction. */
        @WithDefault("100")
        int batchSize();
    }

    /** The customer Security Center. */
    interface SecurityCenter {
        /**
         * Key that signs the Security Center's anti-forgery tokens; every replica needs the same one. Defaults to
         * the Security Center's OIDC client secret, which every replica already shares.
         */
        Optional<String> csrfKey();

        /** How long a form rendered for the customer can be submitted. */
        @WithDefault("PT30M")
        Duration formLifetime();

        /** Access-log entries shown on a consent's detail page. */
        @WithDefault("50")
        int accessHistorySize();

        /** Largest form a Security Center page may post, in bytes; a larger one answers 413 (the error page). */
        @WithDefault("8192")
        int maxFormBytes();

        /** Most fields a Security Center form may have; more answer 413 (the error page). */
        @WithDefault("20")
        int maxFormFields();
    }
}
