-- Failed sign-ins per source address (whatever the user name), so that a source guessing passwords is slowed down
-- without locking the customer out: see LoginConfig.Throttle. Rows older than the window are pruned on a schedule.
create table sign_in_source_failures (
    source           text primary key,
    failed_count     int not null,
    last_failure_at  timestamptz not null
);
create index sign_in_source_failures_last on sign_in_source_failures (last_failure_at);
create index login_attempts_last_failure on login_attempts (last_failure_at);
