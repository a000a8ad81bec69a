-- An authorization in progress in one browser, between /authorize and the redirect back to the client.
-- The key is the SHA-256 of the random value in the browser's cookie, so a copy of this table opens no session.
create table authorization_sessions (
    id_hash        text primary key,
    csrf_token     text not null,
    client_id      text not null,
    redirect_uri   text not null,
    state          text,
    nonce          text,
    code_challenge text not null,
    scopes         text[] not null,
    data_clusters  text[] not null,
    duration_days  int not null,
    first_party    boolean not null,
    login_id       uuid,
    customer_id    text,
    auth_time      timestamptz,
    consent_id     text,
    notice         text,
    created_at     timestamptz not null default now(),
    expires_at     timestamptz not null
);
create index authorization_sessions_expiry on authorization_sessions (expires_at);
