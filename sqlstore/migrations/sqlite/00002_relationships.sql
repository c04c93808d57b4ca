-- The relationship rules' records: efforts, promises, trust events, favors,
-- and each account's thresholds. Keyed by account first, like everything.

-- +goose Up
CREATE TABLE efforts (
    account_id INTEGER NOT NULL,
    id         INTEGER NOT NULL,
    contact_id INTEGER NOT NULL,
    goal       TEXT    NOT NULL,
    started_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id)
);
CREATE INDEX efforts_contact ON efforts (account_id, contact_id, started_at);

CREATE TABLE promises (
    account_id  INTEGER NOT NULL,
    id          INTEGER NOT NULL,
    contact_id  INTEGER NOT NULL,
    promiser    TEXT    NOT NULL, -- 'me' or 'them'
    what        TEXT    NOT NULL,
    due_at      INTEGER,
    state       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    resolved_at INTEGER,
    version     INTEGER NOT NULL,
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id)
);
CREATE INDEX promises_contact ON promises (account_id, contact_id);
CREATE INDEX promises_open ON promises (account_id, state, due_at);

CREATE TABLE trust_events (
    account_id INTEGER NOT NULL,
    id         INTEGER NOT NULL,
    contact_id INTEGER NOT NULL,
    kind       TEXT    NOT NULL, -- 'breach' or 'reset'
    note       TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id)
);
CREATE INDEX trust_events_contact ON trust_events (account_id, contact_id, at);

CREATE TABLE favors (
    account_id INTEGER NOT NULL,
    id         INTEGER NOT NULL,
    contact_id INTEGER NOT NULL,
    dir        TEXT    NOT NULL, -- 'given', 'received' or 'asked'
    kind       TEXT    NOT NULL,
    about      TEXT    NOT NULL,
    outcome    TEXT    NOT NULL, -- '' while an ask is pending
    thanked    BOOLEAN NOT NULL,
    at         INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id)
);
CREATE INDEX favors_contact ON favors (account_id, contact_id, at);

-- rapport.Settings as JSON: fields added later read as their defaults.
CREATE TABLE account_settings (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
    settings   TEXT    NOT NULL
);

-- +goose Down
DROP TABLE account_settings;
DROP TABLE favors;
DROP TABLE trust_events;
DROP TABLE promises;
DROP TABLE efforts;
