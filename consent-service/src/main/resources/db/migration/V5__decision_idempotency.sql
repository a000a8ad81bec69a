-- The customer's decision arrives in one call (POST /internal/consents/decisions) that token-service may repeat after
-- a time-out or a crash. Each decided consent keeps the caller's idempotency key (unique per authorization request)
-- and a digest of the decision it recorded: the unique constraint lets one consent exist per key even when two calls
-- race, and a repeated call is answered with that consent when its digest matches, refused (409) when it does not.
-- Consents recorded before this migration have neither.
ALTER TABLE consent
    ADD COLUMN idempotency_key TEXT CHECK (length(idempotency_key) BETWEEN 1 AND 128),
    ADD COLUMN decision_digest TEXT,
    ADD CONSTRAINT consent_idempotency_key_unique UNIQUE (idempotency_key),
    ADD CONSTRAINT consent_decision_digest_with_key CHECK ((idempotency_key IS NULL) = (decision_digest IS NULL));
