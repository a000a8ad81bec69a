package io.bankbridge.accountdata.model;

/** A customer's identity as the bank's core systems record it. */
public record Customer(String customerId, String firstName, String lastName, String email, String phone,
                       Address address) {

    /** A postal address; every part may be absent. */
    public record Address(String line1, String city, String region, String postalCode, String country) {
    }
}
