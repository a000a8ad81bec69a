-- The transactional outbox of revocation events. A service writes a row in the same transaction as the state
-- change it announces; the relay publishes unsent rows to Kafka and marks them sent after the broker acknowledged.
-- Shipped by the revocation-events library; services add db/revocation-outbox to quarkus.flyway.locations.
CREATE TABLE revocation_outbox (
    id          BIGSERIAL PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    event_key   TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at     TIMESTAMPTZ,
    attempts    INTEGER     NOT NULL DEFAULT 0,
    last_error  TEXT
);

CREATE INDEX revocation_outbox_unsent ON revocation_outbox (id) WHERE sent_at IS NULL;
