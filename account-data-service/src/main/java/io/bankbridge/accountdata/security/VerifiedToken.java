package io.bankbridge.accountdata.security;

import java.time.Instant;
import java.util.Set;

/**
 * The claims of an access token whose signature and standard claims quarkus-oidc has verified; {@code dpopJkt} is the
 * {@code cnf.jkt} of a DPoP-bound token (RFC 9449 §6.1), null for a bearer token.
 */
public record VerifiedToken(String subject, String clientId, Set<String> audiences, Set<String> scopes,
                            String consentId, String tokenId, Instant issuedAt, Instant expiresAt, String dpopJkt) {
}
