-- DPoP (RFC 9449). Per provider, whether its access tokens must be DPoP-bound (the RFC 9449 §5.2 client metadata
-- dpop_bound_access_tokens): providers onboarded before keep working as they did, new ones default to required
-- (FAPI 2.0 sender-constrained tokens).
ALTER TABLE clients ADD COLUMN dpop_bound_access_tokens BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE clients ALTER COLUMN dpop_bound_access_tokens SET DEFAULT true;

-- The key a refresh token is bound to (JWK SHA-256 thumbprint, RFC 7638); null for an unbound token.
ALTER TABLE refresh_tokens ADD COLUMN dpop_jkt TEXT;

-- The key a pushed authorization request was bound to (dpop_jkt, or the key of the proof sent to /par), found again
-- at /token through the request's PKCE challenge, which the session and the code carry unchanged.
CREATE TABLE dpop_code_bindings (
    client_id      TEXT        NOT NULL,
    code_challenge TEXT        NOT NULL,
    jkt            TEXT        NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (client_id, code_challenge)
);
CREATE INDEX dpop_code_bindings_expiry ON dpop_code_bindings (expires_at);
