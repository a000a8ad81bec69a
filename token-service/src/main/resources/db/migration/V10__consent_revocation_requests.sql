-- Consents token-service ended itself (an authorization code presented twice, a refresh token revoked under RFC 7009)
-- that consent-service, the consent's one writer, has not yet been asked to revoke with success. Written in the
-- transaction that ends token-service's own facts; deleted once consent-service answered.
CREATE TABLE consent_revocation_requests (
    id            BIGSERIAL PRIMARY KEY,
    consent_id    TEXT NOT NULL,
    actor         TEXT NOT NULL,
    reason        TEXT NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT
);
