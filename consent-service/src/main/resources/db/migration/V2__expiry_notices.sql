-- The expiry notices (consent.expiring) announced: one row per consent, lead time and expiry. The instance that
-- inserts the row announces the notice, in the same transaction, so several instances never announce one twice; a
-- renewal moves the expiry, and the new expiry gets notices of its own. Rows stay with their consent, like its history.
CREATE TABLE consent_expiry_notice (
    consent_id   UUID        NOT NULL REFERENCES consent (id),
    lead_seconds BIGINT      NOT NULL CHECK (lead_seconds > 0),
    expires_at   TIMESTAMPTZ NOT NULL,
    announced_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consent_id, lead_seconds, expires_at)
);
