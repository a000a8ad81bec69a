package io.bankbridge.testsupport;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A service's {@code @ConfigMapping} built outside the application, from its defaults and the given values: for
 * unit tests of classes that take their settings, without starting the service.
 */
public final class ConfigMappings {

    private ConfigMappings() {
    }

    /**
     * The mapping with its defaults, overridden by {@code keyValues} (full property names and values, alternating).
     */
    public static <T> T of(Class<T> mapping, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("property names and values alternate");
        }
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(mapping);
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.withDefaultValue(keyValues[i], keyValues[i + 1]);
        }
        SmallRyeConfig config = builder.build();
        return config.getConfigMapping(mapping);
    }
}
