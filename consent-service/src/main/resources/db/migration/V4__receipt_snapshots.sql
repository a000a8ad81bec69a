-- What a signed consent receipt states of the grant right after each history entry: its status, accounts, data
-- clusters, when it was (last) authorized and when it expires. Written with the entry, in the same transaction.
-- Entries recorded before this migration have none (state_status is null): no receipt is made for them, since their
-- state at the time was not kept.
ALTER TABLE consent_history
    ADD COLUMN state_status        TEXT
        CHECK (state_status IN ('AWAITING_AUTHORIZATION', 'AUTHORIZED', 'REJECTED', 'REVOKED', 'EXPIRED')),
    ADD COLUMN state_account_ids   TEXT[],
    ADD COLUMN state_data_clusters TEXT[],
    ADD COLUMN state_authorized_at TIMESTAMPTZ,
    ADD COLUMN state_expires_at    TIMESTAMPTZ,
    ADD CONSTRAINT consent_history_state_complete CHECK ((state_status IS NULL) = (state_account_ids IS NULL)
        AND (state_status IS NULL) = (state_data_clusters IS NULL));
