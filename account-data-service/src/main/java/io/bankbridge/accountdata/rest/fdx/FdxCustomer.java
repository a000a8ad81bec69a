package io.bankbridge.accountdata.rest.fdx;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code GET /customers/current} (FDX {@code Customer}): CUSTOMER_PERSONAL gives {@code name}; CUSTOMER_CONTACT gives
 * {@code email}, {@code addresses} and {@code telephones}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record FdxCustomer(String customerId, Name name, List<String> email, List<Address> addresses,
                          List<Telephone> telephones) {

    public record Name(String first, String last) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String line1, String city, String region, String postalCode, String country) {
    }

    public record Telephone(String type, String number) {
    }
}
