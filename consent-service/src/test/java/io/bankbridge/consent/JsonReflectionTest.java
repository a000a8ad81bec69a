package io.bankbridge.consent;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.testsupport.JsonTypes;
import io.bankbridge.consent.config.ConsentConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A native image reflects only on classes registered at build time, and a DTO that is not fails only when the
 * binary runs: every class this service writes or reads as JSON must be registered.
 */
class JsonReflectionTest {

    private final JsonTypes types = JsonTypes.of(ConsentConfig.class, RevocationEvent.class);

    @Test
    void findsTheJsonTypesOfResourcesClientsAndErrorBodies() {
        assertThat(types.all().keySet(), hasItems(
                "io.bankbridge.consent.rest.ConsentJson",
                "io.bankbridge.consent.rest.Problem"));
    }

    @Test
    void everyJsonTypeIsRegisteredForReflection() {
        assertEquals(List.of(), types.unregistered(), "JSON types without @RegisterForReflection; all JSON types: " + types.all());
    }
}
