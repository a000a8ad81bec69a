-- Consents (the grants behind every token) and their append-only history.
CREATE TABLE consent (
    id                UUID PRIMARY KEY,
    customer_id       TEXT        NOT NULL,
    provider_id       TEXT        NOT NULL,
    provider_name     TEXT        NOT NULL,
    data_clusters     TEXT[]      NOT NULL,
    account_ids       TEXT[]      NOT NULL DEFAULT '{}',
    status            TEXT        NOT NULL
        CHECK (status IN ('AWAITING_AUTHORIZATION', 'AUTHORIZED', 'REJECTED', 'REVOKED', 'EXPIRED')),
    duration_days     INTEGER     NOT NULL CHECK (duration_days BETWEEN 1 AND 365),
    created_at        TIMESTAMPTZ NOT NULL,
    authorized_at     TIMESTAMPTZ,
    expires_at        TIMESTAMPTZ,
    revoked_at        TIMESTAMPTZ,
    revoked_by        TEXT CHECK (revoked_by IN ('CUSTOMER', 'PROVIDER', 'BANK', 'SYSTEM')),
    revocation_reason TEXT,
    -- An authorization never outlives a year, whatever a caller asked for.
    CHECK (expires_at IS NULL OR expires_at <= authorized_at + INTERVAL '365 days')
);

CREATE INDEX consent_by_customer ON consent (customer_id, created_at DESC);
CREATE INDEX consent_authorized_by_provider ON consent (provider_id) WHERE status = 'AUTHORIZED';
CREATE INDEX consent_authorized_by_expiry ON consent (expires_at) WHERE status = 'AUTHORIZED';

CREATE TABLE consent_history (
    id         BIGSERIAL PRIMARY KEY,
    consent_id UUID        NOT NULL REFERENCES consent (id),
    at         TIMESTAMPTZ NOT NULL,
    event      TEXT        NOT NULL,
    actor      TEXT        NOT NULL,
    detail     TEXT
);

CREATE INDEX consent_history_by_consent ON consent_history (consent_id, id);

-- History is evidence for the customer and the provider: rows are only ever added.
CREATE FUNCTION consent_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'consent_history is append-only (% refused)', TG_OP;
END;
$$;

CREATE TRIGGER consent_history_append_only
    BEFORE UPDATE OR DELETE ON consent_history
    FOR EACH ROW EXECUTE FUNCTION consent_history_is_append_only();
