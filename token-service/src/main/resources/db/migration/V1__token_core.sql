-- The authorization server's core state: clients, signing keys, pushed requests, codes, refresh tokens, and what
-- it remembers of revocations. Secrets and tokens are stored only as SHA-256 hashes (base64url).

-- Providers onboarded through the admin API (internal and first-party clients come from configuration).
CREATE TABLE clients (
    client_id         TEXT PRIMARY KEY,
    name              TEXT        NOT NULL,
    logo_uri          TEXT,
    redirect_uris     TEXT[]      NOT NULL,
    allowed_clusters  TEXT[]      NOT NULL,
    auth_method       TEXT        NOT NULL CHECK (auth_method IN ('private_key_jwt', 'client_secret_basic')),
    secret_hash       TEXT,
    status            TEXT        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Last suspension: tokens issued at or before it stay void even after reactivation.
    suspended_at      TIMESTAMPTZ
);

-- A provider's public keys for private_key_jwt: an inline JWKS or a URI to fetch it from.
CREATE TABLE client_keys (
    client_id  TEXT PRIMARY KEY REFERENCES clients (client_id) ON DELETE CASCADE,
    jwks       TEXT,
    jwks_uri   TEXT,
    CHECK ((jwks IS NULL) <> (jwks_uri IS NULL))
);

-- Token signing keys. One ACTIVE key signs; RETIRED keys stay published until tokens signed with them expired.
CREATE TABLE signing_keys (
    kid          TEXT PRIMARY KEY,
    alg          TEXT        NOT NULL,
    private_jwk  TEXT        NOT NULL,
    encrypted    BOOLEAN     NOT NULL DEFAULT false,
    status       TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'RETIRED')),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    retired_at   TIMESTAMPTZ
);
-- At most one active key, also when several instances start at once.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (status) WHERE status = 'ACTIVE';

-- RFC 9126 pushed authorization requests, single use, bound to the client that pushed them.
CREATE TABLE pushed_requests (
    request_uri_hash       TEXT PRIMARY KEY,
    request_uri            TEXT        NOT NULL,
    client_id              TEXT        NOT NULL,
    redirect_uri           TEXT        NOT NULL,
    scopes                 TEXT[]      NOT NULL,
    data_clusters          TEXT[]      NOT NULL,
    state                  TEXT,
    nonce                  TEXT,
    code_challenge         TEXT        NOT NULL,
    authorization_details  TEXT,
    duration_days          INTEGER     NOT NULL,
    expires_at             TIMESTAMPTZ NOT NULL
);
CREATE INDEX pushed_requests_expiry ON pushed_requests (expires_at);

-- Authorization codes: single use; redeemed_at set by the first redemption, kept until expiry to detect reuse.
CREATE TABLE authorization_codes (
    code_hash       TEXT PRIMARY KEY,
    client_id       TEXT        NOT NULL,
    redirect_uri    TEXT        NOT NULL,
    customer_id     TEXT        NOT NULL,
    consent_id      TEXT,
    scopes          TEXT[]      NOT NULL,
    code_challenge  TEXT        NOT NULL,
    nonce           TEXT,
    auth_time       TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    redeemed_at     TIMESTAMPTZ,
    -- The access token the first redemption issued, refused once the code is replayed.
    issued_jti      TEXT
);
CREATE INDEX authorization_codes_expiry ON authorization_codes (expires_at);

-- Opaque refresh tokens, bound to client and consent; rotated_at marks a used one (its reuse revokes the consent).
CREATE TABLE refresh_tokens (
    token_hash   TEXT PRIMARY KEY,
    client_id    TEXT        NOT NULL,
    consent_id   TEXT,
    customer_id  TEXT        NOT NULL,
    scopes       TEXT[]      NOT NULL,
    issued_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    rotated_at   TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_consent ON refresh_tokens (consent_id);
CREATE INDEX refresh_tokens_client ON refresh_tokens (client_id);

-- jti of every accepted client assertion until it expires: an assertion is accepted once.
CREATE TABLE used_client_assertion_jtis (
    client_id   TEXT        NOT NULL,
    jti         TEXT        NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (client_id, jti)
);
CREATE INDEX used_client_assertion_jtis_expiry ON used_client_assertion_jtis (expires_at);

-- Consents revoked or expired (from this service or from revocation events): their tokens are inactive.
CREATE TABLE revoked_consents (
    consent_id  TEXT PRIMARY KEY,
    revoked_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Access tokens revoked one by one (RFC 7009 or replayed codes), by jti.
CREATE TABLE revoked_access_tokens (
    jti         TEXT PRIMARY KEY,
    revoked_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
