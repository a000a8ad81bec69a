package io.bankbridge.token.login;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Storage of logins, their failed-attempt counters per user name and per source address, and their links (tables
 * {@code logins}, {@code login_attempts}, {@code sign_in_source_failures}, {@code login_links}).
 */
@ApplicationScoped
public class LoginStore {

    /** A login together with its password hash, only ever seen by the sign-in code. */
    public record StoredLogin(Login login, String passwordHash) {
    }

    /** A source address's recent failures: how many, and when the last one was. */
    public record SourceFailures(int count, Instant lastFailureAt) {

        static final SourceFailures NONE = new SourceFailures(0, Instant.EPOCH);
    }

    private final Pool pool;

    LoginStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<StoredLogin>> findByUsername(String username) {
        return pool.preparedQuery("select id, username, site, customer_id, password_hash from logins where username = $1")
                .execute(Tuple.of(username))
                .map(rows -> first(rows).map(row -> new StoredLogin(toLogin(row), row.getString("password_hash"))));
    }

    public Uni<Optional<Login>> findById(UUID id) {
        return pool.preparedQuery("select id, username, site, customer_id from logins where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> first(rows).map(LoginStore::toLogin));
    }

    /** The login of a customer (by the demo convention and the bank's sites, one login per customer record). */
    public Uni<Optional<Login>> findByCustomerId(String customerId) {
        return pool.preparedQuery("select id, username, site, customer_id from logins where customer_id = $1 order by created_at, username limit 1")
                .execute(Tuple.of(customerId))
                .map(rows -> first(rows).map(LoginStore::toLogin));
    }

    /** Which of {@code usernames} already exist. */
    public Uni<Set<String>> existingUsernames(List<String> usernames) {
        return pool.preparedQuery("select username from logins where username = any($1)")
                .execute(Tuple.of(usernames.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> found = new HashSet<>();
                    rows.forEach(row -> found.add(row.getString(0)));
                    return found;
                });
    }

    /** Inserts a login unless one with the same user name exists; true if inserted. */
    public Uni<Boolean> insertIfAbsent(Login login, String passwordHash) {
        return pool.preparedQuery("insert into logins (id, username, site, customer_id, password_hash) values ($1, $2, $3, $4, $5)"
                        + " on conflict (username) do nothing")
                .execute(Tuple.of(login.id(), login.username(), login.site().name(), login.customerId(), passwordHash))
                .map(rows -> rows.rowCount() == 1);
    }

    /** When the lock on {@code username} ends, if it is locked at {@code now}. */
    public Uni<Optional<Instant>> lockedUntil(String username, Instant now) {
        return pool.preparedQuery("select locked_until from login_attempts where username = $1 and locked_until > $2")
                .execute(Tuple.of(username, utc(now)))
                .map(rows -> first(rows).map(row -> row.getOffsetDateTime(0).toInstant()));
    }

    /**
     * Counts one failed sign-in for {@code username} (failures older than {@code window} are forgotten) and locks it
     * for {@code window} when the count reaches {@code maxFailures}. Returns true if this failure locked it.
     */
    public Uni<Boolean> recordFailure(String username, Instant now, int maxFailures, Duration window) {
        OffsetDateTime at = utc(now);
        OffsetDateTime forgetBefore = utc(now.minus(window));
        OffsetDateTime lockEnd = utc(now.plus(window));
        // One statement so that concurrent failures cannot both read the same count.
        return pool.preparedQuery("""
                        insert into login_attempts as a (username, failed_count, last_failure_at, locked_until)
                        values ($1, 1, $2::timestamptz, case when 1 >= $4::int then $5::timestamptz end)
                        on conflict (username) do update set
                            failed_count = case when a.last_failure_at < $3::timestamptz or a.locked_until is not null then 1
                                                else a.failed_count + 1 end,
                            last_failure_at = $2,
                            locked_until = case when (case when a.last_failure_at < $3::timestamptz or a.locked_until is not null then 1
                                                           else a.failed_count + 1 end) >= $4::int then $5::timestamptz end
                        returning locked_until""")
                .execute(Tuple.of(username, at, forgetBefore, maxFailures, lockEnd))
                .map(rows -> first(rows).map(row -> row.getValue(0) != null).orElse(false));
    }

    /** The failures of {@code source} within {@code window} before {@code now} (none if older). */
    public Uni<SourceFailures> sourceFailures(String source, Instant now, Duration window) {
        return pool.preparedQuery("select failed_count, last_failure_at from sign_in_source_failures "
                        + "where source = $1 and last_failure_at >= $2")
                .execute(Tuple.of(source, utc(now.minus(window))))
                .map(rows -> first(rows).map(row -> new SourceFailures(row.getInteger(0),
                        row.getOffsetDateTime(1).toInstant())).orElse(SourceFailures.NONE));
    }

    /** Counts one failed sign-in from {@code source}; failures older than {@code window} are forgotten first. */
    public Uni<Void> recordSourceFailure(String source, Instant now, Duration window) {
        return pool.preparedQuery("""
                        insert into sign_in_source_failures as s (source, failed_count, last_failure_at)
                        values ($1, 1, $2)
                        on conflict (source) do update set
                            failed_count = case when s.last_failure_at < $3 then 1 else s.failed_count + 1 end,
                            last_failure_at = $2""")
                .execute(Tuple.of(source, utc(now), utc(now.minus(window))))
                .replaceWithVoid();
    }

    public Uni<Void> clearFailures(String username) {
        return pool.preparedQuery("delete from login_attempts where username = $1").execute(Tuple.of(username)).replaceWithVoid();
    }

    /**
     * The customers whose accounts the login may share: its own customer first, then those of every login in its
     * link group.
     */
    public Uni<List<String>> customersVisibleTo(UUID loginId) {
        return pool.preparedQuery("""
                        select l.customer_id, 0 as own from logins l where l.id = $1
                        union all
                        select l.customer_id, 1 from login_links me
                            join login_links other on other.link_group = me.link_group and other.login_id <> me.login_id
                            join logins l on l.id = other.login_id
                        where me.login_id = $1
                        order by own, customer_id""")
                .execute(Tuple.of(loginId))
                .map(rows -> {
                    Set<String> ids = new LinkedHashSet<>();
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return new ArrayList<>(ids);
                });
    }

    /**
     * Puts {@code other} into {@code loginId}'s link group (creating the group if needed). False, with nothing
     * changed, if {@code other} already belongs to a group.
     */
    public Uni<Boolean> link(UUID loginId, UUID other) {
        return pool.withTransaction(tx -> tx.preparedQuery("select id from logins where id = any($1) for update")
                .execute(Tuple.of(new UUID[] {loginId, other}))
                .chain(() -> tx.preparedQuery("select login_id, link_group from login_links where login_id = any($1)")
                        .execute(Tuple.of(new UUID[] {loginId, other})))
                .chain(rows -> {
                    UUID group = null;
                    for (Row row : rows) {
                        if (row.getUUID("login_id").equals(other)) {
                            return Uni.createFrom().item(false);
                        }
                        group = row.getUUID("link_group");
                    }
                    Uni<Void> own = Uni.createFrom().voidItem();
                    if (group == null) {
                        group = UUID.randomUUID();
                        own = tx.preparedQuery("insert into login_links (login_id, link_group) values ($1, $2)")
                                .execute(Tuple.of(loginId, group)).replaceWithVoid();
                    }
                    UUID linkGroup = group;
                    return own.chain(() -> tx.preparedQuery("insert into login_links (login_id, link_group) values ($1, $2)")
                            .execute(Tuple.of(other, linkGroup))).replaceWith(true);
                }));
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    private static Login toLogin(Row row) {
        return new Login(row.getUUID("id"), row.getString("username"), Site.valueOf(row.getString("site")),
                row.getString("customer_id"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
