-- Customer logins of the bank's product sites. Each login has its own credentials; linking never merges them.
create table logins (
    id            uuid primary key,
    username      text not null unique,
    site          text not null check (site in ('CARD', 'SAVINGS')),
    customer_id   text not null,
    password_hash text not null,
    created_at    timestamptz not null default now()
);

-- A login belongs to at most one link group; the account picker shows the accounts of every customer in the group.
create table login_links (
    login_id   uuid primary key references logins (id) on delete cascade,
    link_group uuid not null,
    linked_at  timestamptz not null default now()
);
create index login_links_group on login_links (link_group);

-- Failed sign-ins per user name as typed (normalised), whether or not a login exists with that name, so that
-- lockout behaves the same for unknown names and does not reveal which names exist.
create table login_attempts (
    username          text primary key,
    failed_count      int not null,
    last_failure_at   timestamptz not null,
    locked_until      timestamptz
);
