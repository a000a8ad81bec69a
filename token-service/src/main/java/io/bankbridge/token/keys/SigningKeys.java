package io.bankbridge.token.keys;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.bankbridge.token.SqlTime;
import io.bankbridge.token.TokenSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The authorization server's token signing keys: one active key signs ({@code kid} set), with the algorithm its type
 * implies (RSA: PS256, P-256: ES256, Ed25519: EdDSA); keys retired by a rotation stay published in the JWKS until
 * every token they signed has expired, whatever their algorithm. New keys are of the configured algorithm
 * ({@code bankbridge.signing.algorithm}); an instance that starts while the active key is of another algorithm
 * rotates, so changing the setting takes effect with the next deployment and tokens already issued stay valid. Keys
 * live in the database so that every instance signs with the same key and a restart does not invalidate tokens, or
 * come from a mounted JWK.
 */
@ApplicationScoped
public class SigningKeys {

    private static final String SELECT_KEYS = "SELECT kid, private_jwk, encrypted, status FROM signing_keys "
            + "WHERE status = 'ACTIVE' OR retired_at > $1 ORDER BY created_at DESC";
    private static final String INSERT_ACTIVE = "INSERT INTO signing_keys (kid, alg, private_jwk, encrypted, status) "
            + "VALUES ($1, $2, $3, $4, 'ACTIVE') ON CONFLICT (status) WHERE status = 'ACTIVE' DO NOTHING";
    private static final String RETIRE_ACTIVE = "UPDATE signing_keys SET status = 'RETIRED', retired_at = $1 "
            + "WHERE status = 'ACTIVE'";
    // Instances starting together: the first retires the key of the other algorithm, the others find nothing to retire
    // and their insert gives way to the key the first made.
    private static final String RETIRE_ACTIVE_OF_OTHER_ALGORITHM = RETIRE_ACTIVE + " AND alg <> $2";

    /** Nimbus' verifiers for {@link SigningAlgorithm}'s algorithms; its default factory has none for Ed25519. */
    private static final JWSVerifierFactory VERIFIERS = new JWSVerifierFactory() {
        private final JCAContext jca = new JCAContext();

        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
            return SigningAlgorithm.named(header.getAlgorithm().getName())
                    .orElseThrow(() -> new JOSEException("unsupported algorithm " + header.getAlgorithm()))
                    .verifier(key);
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Arrays.stream(SigningAlgorithm.values()).map(SigningAlgorithm::jose).collect(Collectors.toSet());
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    };

    /** The keys as last read: the signer and what the JWKS publishes. */
    private record KeyRing(JWK active, SigningAlgorithm algorithm, JWSSigner signer, JWKSet published,
                           List<String> algorithms, Instant readAt) {
    }

    private final Pool pool;
    private final SigningSettings settings;
    private final TokenSettings tokens;
    private final InstantSource clock;
    private volatile KeyRing ring;
    private volatile boolean refreshing;

    SigningKeys(Pool pool, SigningSettings settings, TokenSettings tokens, InstantSource clock) {
        this.pool = pool;
        this.settings = settings;
        this.tokens = tokens;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent ignored) {
        requireProtectedKeys(settings);
        configured();
        reload().await().atMost(Duration.ofSeconds(30));
        if (rotatable() && ring.algorithm() != configured()) {
            Log.infof("The active signing key %s is %s, the configured algorithm is %s: rotating",
                    ring.active().getKeyID(), ring.algorithm().jose(), configured().jose());
            adoptConfiguredAlgorithm().await().atMost(Duration.ofSeconds(30));
        }
        Log.infof("Signing tokens with key %s, %s (%s)", ring.active().getKeyID(), ring.algorithm().jose(),
                settings.keyFile().isPresent() ? "mounted key file" : "database");
    }

    /** The algorithm new keys are made for. */
    private SigningAlgorithm configured() {
        return SigningAlgorithm.named(settings.algorithm()).orElseThrow(() -> new IllegalStateException(
                "bankbridge.signing.algorithm must be one of PS256, ES256, EdDSA, not " + settings.algorithm()));
    }

    /** Signs the claims with the active key; {@code type} goes in the {@code typ} header. */
    public String sign(JOSEObjectType type, JWTClaimsSet claims) {
        KeyRing current = current();
        JWSHeader header = new JWSHeader.Builder(current.algorithm().jose()).keyID(current.active().getKeyID()).type(type)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(current.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign with key " + current.active().getKeyID(), e);
        }
        return jwt.serialize();
    }

    /** The public keys to publish: the active one and those retired less than a token lifetime ago. */
    public JWKSet publicKeys() {
        return current().published();
    }

    /** The algorithms of the published keys, the active key's first: what tokens of this server may be signed with. */
    public List<String> algorithmsInUse() {
        return current().algorithms();
    }

    /**
     * A Nimbus processor for JWTs this server signed: the signature must be made by one of the published keys, found
     * by {@code kid}, with the algorithm that key is for (a header naming another algorithm is refused). The keys are
     * read at each call, so a rotation applies at once. The caller sets the type and claims verifiers.
     */
    public ConfigurableJWTProcessor<SecurityContext> processor() {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(this::publishedKey);
        processor.setJWSVerifierFactory(VERIFIERS);
        return processor;
    }

    private List<PublicKey> publishedKey(JWSHeader header, SecurityContext context) {
        JWK key = header.getKeyID() == null ? null : current().published().getKeyByKeyId(header.getKeyID());
        Optional<SigningAlgorithm> algorithm = key == null ? Optional.empty() : SigningAlgorithm.of(key);
        if (algorithm.isEmpty() || !algorithm.get().jose().equals(header.getAlgorithm())) {
            return List.of();
        }
        try {
            return List.of(algorithm.get().publicKey(key));
        } catch (JOSEException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Whether keys are managed here (database) rather than mounted from a file. */
    public boolean rotatable() {
        return settings.keyFile().isEmpty();
    }

    /**
     * Retires the active key and makes a new one active, in one transaction; returns the new {@code kid}. The
     * retired key stays published; other instances pick the new key up within the refresh interval.
     */
    public Uni<String> rotate() {
        if (!rotatable()) {
            return Uni.createFrom().failure(new IllegalStateException("the signing key is mounted from a file"));
        }
        return generated().chain(key -> pool.withTransaction(tx -> tx.preparedQuery(RETIRE_ACTIVE).execute(Tuple.of(now()))
                        .chain(() -> tx.preparedQuery(INSERT_ACTIVE).execute(insertArguments(key))))
                .chain(rows -> reload())
                .invoke(() -> Log.infof("Rotated signing key: %s is active", key.getKeyID()))
                .replaceWith(key.getKeyID()));
    }

    /** Replaces the active key by one of the configured algorithm, unless another instance just did. */
    private Uni<Void> adoptConfiguredAlgorithm() {
        String algorithm = configured().jose().getName();
        return generated().chain(key -> pool.withTransaction(tx -> tx.preparedQuery(RETIRE_ACTIVE_OF_OTHER_ALGORITHM)
                        .execute(Tuple.of(now(), algorithm))
                        .chain(() -> tx.preparedQuery(INSERT_ACTIVE).execute(insertArguments(key)))))
                .chain(rows -> reload());
    }

    private KeyRing current() {
        KeyRing current = ring;
        if (current == null) {
            throw new IllegalStateException("signing keys not loaded yet");
        }
        if (!refreshing && settings.keyFile().isEmpty()
                && current.readAt().plus(settings.refreshInterval()).isBefore(clock.instant())) {
            // Re-read in the background; signing goes on with the keys at hand (they stay published meanwhile).
            refreshing = true;
            reload().subscribe().with(ok -> refreshing = false, e -> {
                refreshing = false;
                Log.warnf("Could not re-read signing keys: %s", e.getMessage());
            });
        }
        return current;
    }

    private Uni<Void> reload() {
        if (settings.keyFile().isPresent()) {
            JWK key = fromFile(Path.of(settings.keyFile().get()));
            ring = ring(key, List.of(key));
            return Uni.createFrom().voidItem();
        }
        return readKeys().chain(keys -> {
            if (keys.active().isPresent()) {
                return Uni.createFrom().item(keys);
            }
            // Another instance starting at the same time may win the insert; either way there is one active key.
            return generated().invoke(key -> Log.infof("No signing key yet: generated %s", key.getKeyID()))
                    .chain(key -> pool.preparedQuery(INSERT_ACTIVE).execute(insertArguments(key)))
                    .chain(rows -> readKeys());
        }).invoke(keys -> ring = ring(keys.active().orElseThrow(() -> new IllegalStateException("no active signing key")),
                keys.all())).replaceWithVoid();
    }

    private record StoredKeys(Optional<JWK> active, List<JWK> all) {
    }

    private Uni<StoredKeys> readKeys() {
        Duration retention = tokens.accessTokenLifetime().compareTo(tokens.idTokenLifetime()) > 0
                ? tokens.accessTokenLifetime() : tokens.idTokenLifetime();
        // A token signed with a key just before its retirement lives one lifetime more, plus the time other
        // instances may go on signing with it before they re-read the keys.
        Instant publishedSince = clock.instant().minus(retention).minus(settings.refreshInterval()).minusSeconds(60);
        return pool.preparedQuery(SELECT_KEYS).execute(Tuple.of(SqlTime.of(publishedSince)))
                .map(rows -> {
                    JWK active = null;
                    List<JWK> all = new ArrayList<>();
                    for (Row row : rows) {
                        JWK key = decode(row.getString("private_jwk"), row.getBoolean("encrypted"));
                        all.add(key);
                        if ("ACTIVE".equals(row.getString("status"))) {
                            active = key;
                        }
                    }
                    return new StoredKeys(Optional.ofNullable(active), all);
                });
    }

    private KeyRing ring(JWK active, List<JWK> all) {
        try {
            SigningAlgorithm algorithm = algorithmOf(active);
            List<JWK> published = all.stream().map(JWK::toPublicJWK).toList();
            List<String> algorithms = Stream.concat(Stream.of(algorithm),
                            all.stream().map(SigningKeys::algorithmOf))
                    .map(a -> a.jose().getName()).distinct().toList();
            return new KeyRing(active, algorithm, algorithm.signer(active), new JWKSet(published), algorithms, clock.instant());
        } catch (JOSEException | IllegalArgumentException e) {
            throw new IllegalStateException("Unusable signing key " + active.getKeyID(), e);
        }
    }

    private OffsetDateTime now() {
        return SqlTime.of(clock.instant());
    }

    private static SigningAlgorithm algorithmOf(JWK key) {
        return SigningAlgorithm.of(key).orElseThrow(() -> new IllegalArgumentException(
                "signing key " + key.getKeyID() + " is neither RSA, P-256 nor Ed25519"));
    }

    /** A new key, generated on a worker thread: RSA key generation must not hold an event loop. */
    private Uni<JWK> generated() {
        return Uni.createFrom().item(this::generate).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private JWK generate() {
        try {
            return configured().generate(settings.rsaKeySize());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a " + configured().jose() + " key", e);
        }
    }

    private Tuple insertArguments(JWK key) {
        boolean encrypt = settings.encryptionKey().isPresent();
        return Tuple.of(key.getKeyID(), algorithmOf(key).jose().getName(),
                encrypt ? encrypt(key.toJSONString()) : key.toJSONString(), encrypt);
    }

    private String encrypt(String json) {
        try {
            JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(json));
            jwe.encrypt(new DirectEncrypter(encryptionKey()));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot encrypt the signing key (bankbridge.signing.encryption-key must be 256 bits)", e);
        }
    }

    private JWK decode(String stored, boolean encrypted) {
        try {
            String json = stored;
            if (encrypted) {
                if (settings.encryptionKey().isEmpty()) {
                    throw new IllegalStateException("Signing keys are encrypted: set bankbridge.signing.encryption-key");
                }
                JWEObject jwe = JWEObject.parse(stored);
                jwe.decrypt(new DirectDecrypter(encryptionKey()));
                json = jwe.getPayload().toString();
            }
            return JWK.parse(json);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Unreadable signing key in the database", e);
        }
    }

    private static JWK withThumbprintKeyId(JWK key) throws JOSEException {
        return switch (key) {
            case RSAKey rsa -> new RSAKey.Builder(rsa).keyIDFromThumbprint().build();
            case ECKey ec -> new ECKey.Builder(ec).keyIDFromThumbprint().build();
            case OctetKeyPair okp -> new OctetKeyPair.Builder(okp).keyIDFromThumbprint().build();
            default -> throw new IllegalStateException("unsupported key type " + key.getKeyType());
        };
    }

    private byte[] encryptionKey() {
        // base64 or base64url, padded or not: both spellings of the same 256 bits are accepted
        String key = settings.encryptionKey().orElseThrow().trim().replace('-', '+').replace('_', '/');
        return Base64.getDecoder().decode(key);
    }

    /**
     * Fails closed: unless unencrypted keys are explicitly allowed (dev and test profiles), a private key is either
     * mounted from a file or encrypted at rest, never stored in the database in clear.
     */
    static void requireProtectedKeys(SigningSettings settings) {
        if (!settings.allowUnencrypted() && settings.keyFile().isEmpty() && settings.encryptionKey().isEmpty()) {
            throw new IllegalStateException("Refusing to start: the signing key would be stored unencrypted. Set "
                    + "BANKBRIDGE_SIGNING_ENCRYPTION_KEY (bankbridge.signing.encryption-key, 256-bit AES key in base64) "
                    + "or mount a private JWK and set bankbridge.signing.key-file");
        }
    }

    private static JWK fromFile(Path file) {
        try {
            JWK jwk = JWK.parse(Files.readString(file));
            if (SigningAlgorithm.of(jwk).isEmpty() || !jwk.isPrivate()) {
                throw new IllegalStateException("Signing key file " + file
                        + " must hold a private RSA, P-256 or Ed25519 JWK");
            }
            return jwk.getKeyID() == null ? withThumbprintKeyId(jwk) : jwk;
        } catch (IOException | ParseException | JOSEException e) {
            throw new IllegalStateException("Cannot read the signing key file " + file, e);
        }
    }
}
