package io.bankbridge.token.client;

import io.bankbridge.contract.token.InternalScope;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.Converter;

/** Reads configured internal scope names, so that a misspelt one stops the start instead of granting nothing. */
public final class InternalScopeConverter implements Converter<InternalScope> {

    @Override
    public InternalScope convert(String value) {
        return InternalScope.fromValue(value.trim()).orElseThrow(() -> new IllegalArgumentException("unknown internal scope '"
                + value + "', known: " + Arrays.stream(InternalScope.values()).map(InternalScope::value)
                .collect(Collectors.joining(", "))));
    }
}
