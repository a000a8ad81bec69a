-- Customers and their identity, as the bank's core systems know them.
create table customer (
    customer_id    text primary key,
    first_name     text        not null,
    last_name      text        not null,
    email          text,
    phone          text,
    address_line1  text,
    city           text,
    region         text,
    postal_code    text,
    country        text,
    updated_at     timestamptz not null default now()
);

create table account (
    account_id     text primary key,
    account_type   text        not null check (account_type in ('CARD', 'SAVINGS', 'CHECKING')),
    nickname       text,
    product_name   text,
    masked_number  text        not null,
    currency       char(3)     not null,
    status         text        not null check (status in ('OPEN', 'CLOSED', 'PENDINGOPEN', 'RESTRICTED')),
    updated_at     timestamptz not null default now()
);

-- An account may have several owners (joint accounts); a customer several accounts.
create table account_owner (
    account_id   text not null references account (account_id) on delete cascade,
    customer_id  text not null references customer (customer_id) on delete cascade,
    primary key (account_id, customer_id)
);
create index account_owner_customer on account_owner (customer_id);

-- Credit limit and statement balance for cards, interest rate for savings.
create table balance (
    account_id         text primary key references account (account_id) on delete cascade,
    current_balance    numeric(19, 2) not null,
    available_balance  numeric(19, 2),
    credit_limit       numeric(19, 2),
    statement_balance  numeric(19, 2),
    interest_rate      numeric(7, 4),
    as_of              timestamptz    not null
);

-- Full account and routing numbers of deposit accounts: shown only under ACCOUNT_PAYMENTS.
create table payment_network (
    account_id      text not null references account (account_id) on delete cascade,
    network_type    text not null default 'US_ACH',
    routing_number  text not null,
    account_number  text not null,
    transfer_in     boolean not null default true,
    transfer_out    boolean not null default true,
    primary key (account_id, network_type)
);

-- Transactions are paged newest first on (transaction_time, transaction_id): transaction_time never changes
-- when a pending transaction posts, so a cursor on it is stable.
create table account_transaction (
    account_id              text           not null references account (account_id) on delete cascade,
    transaction_id          text           not null,
    transaction_time        timestamptz    not null,
    posted_time             timestamptz,
    amount                  numeric(19, 2) not null check (amount >= 0),
    debit_credit            text           not null check (debit_credit in ('DEBIT', 'CREDIT')),
    currency                char(3)        not null,
    description             text           not null,
    merchant                text,
    merchant_category_code  text,
    category                text,
    status                  text           not null check (status in ('PENDING', 'POSTED')),
    primary key (account_id, transaction_id)
);
create index account_transaction_keyset on account_transaction (account_id, transaction_time desc, transaction_id desc);

-- Who read what, when: one row per provider request.
create table access_log (
    id           bigserial primary key,
    at           timestamptz not null,
    consent_id   text,
    provider_id  text,
    customer_id  text,
    endpoint     text        not null,
    account_id   text,
    status       int         not null
);
create index access_log_consent on access_log (consent_id, at desc);
create index access_log_customer on access_log (customer_id, at desc);

-- The negative half of the local consent view, kept across restarts: what the revocation events ended.
create table revoked_consent (
    consent_id   text primary key,
    status       text        not null check (status in ('REVOKED', 'EXPIRED')),
    effective_at timestamptz not null
);

create table revoked_token (
    token_id     text primary key,
    consent_id   text,
    revoked_at   timestamptz not null
);

create table suspended_provider (
    provider_id  text primary key,
    effective_at timestamptz not null
);
