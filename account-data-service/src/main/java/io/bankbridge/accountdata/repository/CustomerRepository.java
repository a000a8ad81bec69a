package io.bankbridge.accountdata.repository;

import io.bankbridge.accountdata.model.Customer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Queries over customers and their identity. */
@ApplicationScoped
public class CustomerRepository {

    private final Pool pool;

    CustomerRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Customer>> findById(String customerId) {
        return pool.preparedQuery("select * from customer where customer_id = $1").execute(Tuple.of(customerId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(customer(rows.iterator().next())));
    }

    /** Which of these customers exist. */
    public Uni<Set<String>> existing(List<String> customerIds) {
        return pool.preparedQuery("select customer_id from customer where customer_id = any($1)")
                .execute(Tuple.of(customerIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> ids = new HashSet<>();
                    rows.forEach(r -> ids.add(r.getString(0)));
                    return ids;
                });
    }

    public Uni<Void> upsert(SqlClient client, Customer c) {
        Customer.Address a = c.address() == null ? new Customer.Address(null, null, null, null, null) : c.address();
        return client.preparedQuery("""
                        insert into customer (customer_id, first_name, last_name, email, phone, address_line1, city,
                                              region, postal_code, country, updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
                        on conflict (customer_id) do update set first_name = excluded.first_name,
                            last_name = excluded.last_name, email = excluded.email, phone = excluded.phone,
                            address_line1 = excluded.address_line1, city = excluded.city, region = excluded.region,
                            postal_code = excluded.postal_code, country = excluded.country, updated_at = now()""")
                .execute(Tuple.tuple(Arrays.asList(c.customerId(), c.firstName(), c.lastName(), c.email(), c.phone(),
                        a.line1(), a.city(), a.region(), a.postalCode(), a.country())))
                .replaceWithVoid();
    }

    private static Customer customer(Row r) {
        return new Customer(r.getString("customer_id"), r.getString("first_name"), r.getString("last_name"),
                r.getString("email"), r.getString("phone"),
                new Customer.Address(r.getString("address_line1"), r.getString("city"), r.getString("region"),
                        r.getString("postal_code"), r.getString("country")));
    }
}
