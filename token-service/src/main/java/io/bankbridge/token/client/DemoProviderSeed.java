package io.bankbridge.token.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.bankbridge.contract.cluster.DataCluster;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seeds the demo provider {@code demo-budget-app} (private_key_jwt, PS256) when {@code bankbridge.demo.enabled}: its
 * key pair is generated here and the private JWK written to {@code bankbridge.demo.provider-key-file} so that a demo
 * client on the local stack can run the flow. A key file that still matches the registered key is reused.
 */
@ApplicationScoped
public class DemoProviderSeed {

    public static final String CLIENT_ID = "demo-budget-app";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final boolean enabled;
    private final Optional<String> keyFile;
    private final String redirectUri;
    private final Pool pool;
    private final ClientRegistry registry;
    private final ProviderAdministration administration;

    DemoProviderSeed(@ConfigProperty(name = "bankbridge.demo.enabled", defaultValue = "false") boolean enabled,
                     @ConfigProperty(name = "bankbridge.demo.provider-key-file") Optional<String> keyFile,
                     @ConfigProperty(name = "bankbridge.demo.provider-redirect-uri",
                             defaultValue = "http://localhost:8090/callback") String redirectUri,
                     Pool pool, ClientRegistry registry, ProviderAdministration administration) {
        this.enabled = enabled;
        this.keyFile = keyFile;
        this.redirectUri = redirectUri;
        this.pool = pool;
        this.registry = registry;
        this.administration = administration;
    }

    void onStart(@Observes StartupEvent ignored) {
        if (!enabled) {
            return;
        }
        Optional<RegisteredClient> existing = registry.provider(pool, CLIENT_ID).await().atMost(TIMEOUT);
        Optional<RSAKey> saved = keyFile.map(Path::of).filter(Files::exists).flatMap(DemoProviderSeed::read);
        if (existing.isPresent() && saved.isPresent() && registered(existing.get(), saved.get())) {
            Log.infof("Demo provider %s ready (key in %s)", CLIENT_ID, keyFile.get());
            return;
        }
        RSAKey key = generate();
        String publicJwks = JSONObjectUtils.toJSONString(new JWKSet(key.toPublicJWK()).toJSONObject(true));
        if (existing.isPresent()) {
            pool.withTransaction(tx -> administration.replaceKeys(tx, CLIENT_ID, publicJwks)).await().atMost(TIMEOUT);
        } else {
            administration.onboard(new ProviderRegistration(CLIENT_ID, "Demo Budget App", null, List.of(redirectUri),
                    new JWKSet(key.toPublicJWK()).toJSONObject(true), null, DataCluster.wireNames(),
                    AuthMethod.PRIVATE_KEY_JWT.value(), true)).await().atMost(TIMEOUT);
        }
        if (keyFile.isEmpty()) {
            Log.warnf("Demo provider %s seeded, but bankbridge.demo.provider-key-file is not set: its private key is not kept",
                    CLIENT_ID);
            return;
        }
        write(Path.of(keyFile.get()), key);
        Log.infof("Demo provider %s seeded; its private key is in %s", CLIENT_ID, keyFile.get());
    }

    private static boolean registered(RegisteredClient client, RSAKey key) {
        try {
            return client.jwks() != null && JWKSet.parse(client.jwks()).getKeyByKeyId(key.getKeyID()) instanceof RSAKey rsa
                    && rsa.getModulus().equals(key.getModulus());
        } catch (ParseException e) {
            return false;
        }
    }

    private static Optional<RSAKey> read(Path file) {
        try {
            return JWK.parse(Files.readString(file)) instanceof RSAKey rsa && rsa.isPrivate() ? Optional.of(rsa)
                    : Optional.empty();
        } catch (IOException | ParseException e) {
            Log.warnf("Ignoring unreadable demo provider key %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static RSAKey generate() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).algorithm(JWSAlgorithm.PS256).keyUse(KeyUse.SIGNATURE).generate();
            return new RSAKey.Builder(key).keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate the demo provider key", e);
        }
    }

    private static void write(Path file, RSAKey key) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, key.toJSONString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the demo provider key to " + file, e);
        }
    }
}
