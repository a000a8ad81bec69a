-- Nothing a stranger sends may end a customer's grant (FAPI 2.0 §5.3.2.1 item 10, RFC 6749 §4.1.2).

-- Refresh tokens are not rotated unless a deployment turns rotation on; then rotated_at marks a used token and
-- replaced_by the hash of its successor, so that a retry within the grace window replaces the successor the lost
-- answer carried, and a later reuse is recognised (and refused, never revoking the consent).
ALTER TABLE refresh_tokens ADD COLUMN replaced_by TEXT;

-- The consent's expiry, known when the customer approved: the refresh token issued with the code lives until then.
ALTER TABLE authorization_codes ADD COLUMN consent_expires_at TIMESTAMPTZ;
