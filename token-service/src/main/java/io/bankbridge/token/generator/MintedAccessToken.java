package io.bankbridge.token.generator;

import java.time.Instant;

/** A signed access token and what the issuer remembers about it. */
public record MintedAccessToken(String value, String jti, Instant issuedAt, Instant expiresAt) {
}
