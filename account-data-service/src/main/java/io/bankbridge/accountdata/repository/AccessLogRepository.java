package io.bankbridge.accountdata.repository;

import io.bankbridge.accountdata.model.AccessRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Writes audit rows in batches and reads them back for the Security Center. */
@ApplicationScoped
public class AccessLogRepository {

    private final Pool pool;

    AccessLogRepository(Pool pool) {
        this.pool = pool;
    }

    /** One statement per batch: arrays unnested server-side are far cheaper than one insert per row. */
    public Uni<Void> insert(List<AccessRecord> records) {
        int n = records.size();
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] consent = new String[n];
        String[] provider = new String[n];
        String[] customer = new String[n];
        String[] endpoint = new String[n];
        String[] account = new String[n];
        Integer[] status = new Integer[n];
        for (int i = 0; i < n; i++) {
            AccessRecord r = records.get(i);
            at[i] = r.at().atOffset(ZoneOffset.UTC);
            consent[i] = r.consentId();
            provider[i] = r.providerId();
            customer[i] = r.customerId();
            endpoint[i] = r.endpoint();
            account[i] = r.accountId();
            status[i] = r.status();
        }
        return pool.preparedQuery("""
                        insert into access_log (at, consent_id, provider_id, customer_id, endpoint, account_id, status)
                        select * from unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[],
                                             $6::text[], $7::int[])""")
                .execute(Tuple.tuple(java.util.List.of(at, consent, provider, customer, endpoint, account, status)))
                .replaceWithVoid();
    }

    public Uni<List<AccessRecord>> byConsent(String consentId, int limit) {
        return query("consent_id", consentId, limit);
    }

    public Uni<List<AccessRecord>> byCustomer(String customerId, int limit) {
        return query("customer_id", customerId, limit);
    }

    private Uni<List<AccessRecord>> query(String column, String value, int limit) {
        return pool.preparedQuery("select * from access_log where " + column + " = $1 order by at desc, id desc limit $2")
                .execute(Tuple.of(value, limit))
                .map(rows -> {
                    List<AccessRecord> records = new ArrayList<>();
                    for (Row r : rows) {
                        records.add(new AccessRecord(r.getOffsetDateTime("at").toInstant(), r.getString("consent_id"),
                                r.getString("provider_id"), r.getString("customer_id"), r.getString("endpoint"),
                                r.getString("account_id"), r.getInteger("status")));
                    }
                    return records;
                });
    }
}
