package io.bankbridge.token.login;

import java.util.UUID;

/**
 * A customer's login on one of the bank's sites (without its credentials).
 *
 * @param id         internal id
 * @param username   the user name typed on the sign-in page (stored lower-case)
 * @param site       the product site the login belongs to
 * @param customerId the customer record of that site; the {@code sub} of tokens issued after this login signed in
 */
public record Login(UUID id, String username, Site site, String customerId) {
}
