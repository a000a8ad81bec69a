package io.bankbridge.accountdata.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Keeps what revocation events ended (consents, single tokens, suspended providers) across restarts. */
@ApplicationScoped
public class RevocationRepository {

    /** What is known to be revoked, loaded at start. */
    public record Revocations(Map<String, String> endedConsents, Set<String> revokedTokens,
                              Map<String, Instant> suspendedProviders) {
    }

    private final Pool pool;

    RevocationRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * What events ended from {@code since} on. Earlier revoked tokens and suspensions concern only tokens that have
     * expired; earlier ended consents are known to consent-service, which is asked on a consent's first sight.
     */
    public Uni<Revocations> loadSince(Instant since) {
        Map<String, String> consents = new HashMap<>();
        Set<String> tokens = new HashSet<>();
        Map<String, Instant> providers = new HashMap<>();
        Tuple from = Tuple.of(utc(since));
        return pool.preparedQuery("select consent_id, status from revoked_consent where effective_at >= $1")
                .execute(from)
                .invoke(rows -> rows.forEach(r -> consents.put(r.getString(0), r.getString(1))))
                .chain(() -> pool.preparedQuery("select token_id from revoked_token where revoked_at >= $1")
                        .execute(from))
                .invoke(rows -> rows.forEach(r -> tokens.add(r.getString(0))))
                .chain(() -> pool.preparedQuery("select provider_id, effective_at from suspended_provider "
                        + "where effective_at >= $1").execute(from))
                .invoke(rows -> rows.forEach(r -> providers.put(r.getString(0), r.getOffsetDateTime(1).toInstant())))
                .map(ignored -> new Revocations(consents, tokens, providers));
    }

    public Uni<Void> consentEnded(String consentId, String status, Instant effectiveAt) {
        return pool.preparedQuery("""
                        insert into revoked_consent (consent_id, status, effective_at) values ($1, $2, $3)
                        on conflict (consent_id) do nothing""")
                .execute(Tuple.of(consentId, status, utc(effectiveAt))).replaceWithVoid();
    }

    public Uni<Void> tokenRevoked(String tokenId, String consentId, Instant at) {
        return pool.preparedQuery("""
                        insert into revoked_token (token_id, consent_id, revoked_at) values ($1, $2, $3)
                        on conflict (token_id) do nothing""")
                .execute(Tuple.of(tokenId, consentId, utc(at))).replaceWithVoid();
    }

    /** Keeps the latest suspension instant: a later suspension voids more tokens. */
    public Uni<Void> providerSuspended(String providerId, Instant effectiveAt) {
        return pool.preparedQuery("""
                        insert into suspended_provider (provider_id, effective_at) values ($1, $2)
                        on conflict (provider_id) do update
                        set effective_at = greatest(suspended_provider.effective_at, excluded.effective_at)""")
                .execute(Tuple.of(providerId, utc(effectiveAt))).replaceWithVoid();
    }

    /** Deletes revoked token ids revoked before {@code before}; answers how many went. */
    public Uni<Integer> pruneRevokedTokens(Instant before) {
        return pool.preparedQuery("delete from revoked_token where revoked_at < $1")
                .execute(Tuple.of(utc(before))).map(rows -> rows.rowCount());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
