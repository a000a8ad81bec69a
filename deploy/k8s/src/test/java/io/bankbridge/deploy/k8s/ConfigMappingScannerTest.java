package io.bankbridge.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source scanner finds the keys SmallRye Config would bind, so the drift check knows what a service reads. */
class ConfigMappingScannerTest {

    @Test
    void mappingKeysFollowNestedGroupsNamesDefaultsAndMaps(@TempDir Path sources) throws IOException {
        Files.writeString(sources.resolve("ShopConfig.java"), """
                package x;
                import io.smallrye.config.ConfigMapping;
                /** Shop configuration; braces in text { are not code. */
                @ConfigMapping(prefix = "shop")
                public interface ShopConfig {
                    @WithDefault("${quarkus.application.name}-{x}")
                    String displayName();
                    Optional<String> csrfKey();
                    @WithName("max_items") int maxItems();
                    Payment payment();
                    @WithParentName Limits limits();
                    Map<String, Client> clients();
                    default String shout() { return displayName().toUpperCase(); }
                    interface Payment {
                        @WithDefault("PT5M") Duration timeout();
                    }
                    interface Limits { int perMinute(); }
                    interface Client { String secret(); }
                }
                """);
        Files.writeString(sources.resolve("Bean.java"), """
                package x;
                class Bean {
                    Bean(@ConfigProperty(name = "quarkus.application.name") String name) { }
                }
                """);

        Map<String, String> keys = new TreeMap<>();
        ConfigMappingScanner.scan(List.of(sources)).forEach(k -> keys.put(k.name(), String.valueOf(k.defaultValue())));

        assertEquals(Map.of(
                "shop.display-name", "${quarkus.application.name}-{x}",
                "shop.csrf-key", "null",
                "shop.max_items", "null",
                "shop.payment.timeout", "PT5M",
                "shop.per-minute", "null",
                "shop.clients.*.secret", "null",
                "quarkus.application.name", "null"), keys);
    }
}
