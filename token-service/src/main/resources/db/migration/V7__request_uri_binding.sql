-- A link prefetch must not use up a request_uri (FAPI 2.0 with RFC 9126): a pushed request is no longer consumed by
-- opening it, but bound to the browser session in which the customer first signs in (bound_to = that session's
-- binding value), and deleted when the customer decides.
ALTER TABLE pushed_requests ADD COLUMN bound_to TEXT;

-- The pushed request a session was opened from, and the session's binding value, which stays the same when the
-- session id is renewed at sign-in or the customer signs out with "Not you?".
ALTER TABLE authorization_sessions ADD COLUMN request_uri_hash TEXT;
ALTER TABLE authorization_sessions ADD COLUMN binding TEXT;
CREATE INDEX authorization_sessions_request ON authorization_sessions (request_uri_hash);
