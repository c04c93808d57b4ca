-- Sign-in, sessions, API tokens, invites, and what several servers on one
-- database share (sign-in throttling, scheduled job runs).

-- +goose Up
-- Logins map an email, unique in the installation, to its user. Like
-- accounts, it is installation-wide (a reference table on Citus).
CREATE TABLE logins (
    email         TEXT    NOT NULL PRIMARY KEY, -- lower-cased
    account_id    BIGINT NOT NULL,
    user_id       BIGINT NOT NULL,
    password_hash TEXT    NOT NULL,
    FOREIGN KEY (account_id, user_id) REFERENCES users (account_id, id)
);

-- Secrets are stored hashed; the credential carries account and id, so every
-- lookup is by primary key.
CREATE TABLE sessions (
    account_id  BIGINT NOT NULL,
    id          BIGINT NOT NULL,
    user_id     BIGINT NOT NULL,
    secret_hash BYTEA   NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, user_id) REFERENCES users (account_id, id)
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    account_id  BIGINT NOT NULL,
    id          BIGINT NOT NULL,
    user_id     BIGINT NOT NULL,
    name        TEXT    NOT NULL,
    scope       TEXT    NOT NULL,
    secret_hash BYTEA   NOT NULL,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT,
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, user_id) REFERENCES users (account_id, id)
);
CREATE INDEX api_tokens_user ON api_tokens (account_id, user_id);

CREATE TABLE invites (
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    id          BIGINT NOT NULL,
    role        TEXT    NOT NULL,
    email       TEXT    NOT NULL,
    created_by  BIGINT NOT NULL,
    secret_hash BYTEA   NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    PRIMARY KEY (account_id, id)
);

-- Failed sign-ins by key ("addr:192.0.2.1", "email:a@b.c"), for throttling
-- that holds across servers.
CREATE TABLE signin_failures (
    key TEXT    NOT NULL,
    at  BIGINT NOT NULL
);
CREATE INDEX signin_failures_key ON signin_failures (key, at);

-- One row per run of a scheduled job and slot of time: the primary key lets
-- exactly one server claim it.
CREATE TABLE job_runs (
    job     TEXT    NOT NULL,
    slot    BIGINT NOT NULL,
    holder  TEXT    NOT NULL,
    claimed BIGINT NOT NULL,
    PRIMARY KEY (job, slot)
);

-- Scheduled invitations are few; the job that expires them reads only these.
CREATE INDEX interactions_scheduled ON interactions (account_id, at) WHERE outcome = 'scheduled';

-- +goose Down
DROP INDEX interactions_scheduled;
DROP TABLE job_runs;
DROP TABLE signin_failures;
DROP TABLE invites;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE logins;
