package io.bankbridge.token.client;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/** Looks up OAuth clients (providers and the bank's first-party clients) by client id. */
public interface ProviderDirectory {

    Uni<Optional<Provider>> find(String clientId);
}
