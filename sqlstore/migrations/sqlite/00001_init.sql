-- Rapport's schema for SQLite. Every table is keyed by account_id first, and
-- every index leads with it, as in the PostgreSQL schema of the same version.
-- Times are Unix milliseconds (UTC).

-- +goose Up
CREATE TABLE accounts (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

-- Per-account id counters, so ids are small and readable in each account
-- ("contact 12") and never collide across accounts. account_id 0 holds the
-- installation-wide counter of accounts.
CREATE TABLE id_sequences (
    account_id INTEGER NOT NULL,
    entity     TEXT    NOT NULL,
    last_id    INTEGER NOT NULL,
    PRIMARY KEY (account_id, entity)
) WITHOUT ROWID;

CREATE TABLE users (
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    id           INTEGER NOT NULL,
    email        TEXT    NOT NULL,
    display_name TEXT    NOT NULL,
    lang         TEXT    NOT NULL,
    gender       TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (account_id, id)
);
CREATE UNIQUE INDEX users_email ON users (account_id, email) WHERE email <> '';

CREATE TABLE contacts (
    account_id         INTEGER NOT NULL REFERENCES accounts (id),
    id                 INTEGER NOT NULL,
    display_name       TEXT    NOT NULL,
    sort_key           TEXT    NOT NULL, -- display name folded by rapport.FoldSearch
    search_text        TEXT    NOT NULL, -- rapport.Contact.SearchText
    given_name         TEXT    NOT NULL,
    family_name        TEXT    NOT NULL,
    kind               TEXT    NOT NULL,
    tier               TEXT    NOT NULL,
    cadence_days       INTEGER NOT NULL,
    org                TEXT    NOT NULL,
    title              TEXT    NOT NULL,
    lang               TEXT    NOT NULL,
    gender             TEXT    NOT NULL,
    birthday_year      INTEGER,
    birthday_month     INTEGER,
    birthday_day       INTEGER,
    how_we_met         TEXT    NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    deleted_at         INTEGER,
    version            INTEGER NOT NULL,
    -- rapport.Summary, kept by the store on every interaction write.
    n_interactions     INTEGER NOT NULL DEFAULT 0,
    first_at           INTEGER,
    last_at            INTEGER,
    last_meaningful_at INTEGER,
    n_inbound          INTEGER NOT NULL DEFAULT 0,
    n_held_live        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, id)
);
CREATE INDEX contacts_sort ON contacts (account_id, sort_key, id);

-- Emails and phones, in the order the user gave them.
CREATE TABLE contact_points (
    account_id INTEGER NOT NULL,
    contact_id INTEGER NOT NULL,
    medium     TEXT    NOT NULL, -- 'email' or 'phone'
    position   INTEGER NOT NULL,
    label      TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    PRIMARY KEY (account_id, contact_id, medium, position),
    FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id)
) WITHOUT ROWID;
CREATE INDEX contact_points_value ON contact_points (account_id, value);

CREATE TABLE contact_tags (
    account_id INTEGER NOT NULL,
    contact_id INTEGER NOT NULL,
    tag        TEXT    NOT NULL,
    PRIMARY KEY (account_id, contact_id, tag),
    FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id)
) WITHOUT ROWID;
CREATE INDEX contact_tags_tag ON contact_tags (account_id, tag, contact_id);

CREATE TABLE notes (
    account_id INTEGER NOT NULL,
    id         INTEGER NOT NULL,
    contact_id INTEGER NOT NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id)
);
CREATE INDEX notes_contact ON notes (account_id, contact_id, created_at);

CREATE TABLE interactions (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    id         INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    channel    TEXT    NOT NULL,
    direction  TEXT    NOT NULL,
    invitation BOOLEAN NOT NULL,
    outcome    TEXT    NOT NULL,
    note       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (account_id, id)
) WITHOUT ROWID; -- small rows: the key is the table, one B-tree fewer per insert
CREATE INDEX interactions_at ON interactions (account_id, at);

-- Which contacts took part in an interaction; "at" is copied here so that a
-- contact's timeline and last interaction are read from this index alone.
CREATE TABLE interaction_contacts (
    account_id     INTEGER NOT NULL,
    contact_id     INTEGER NOT NULL,
    at             INTEGER NOT NULL,
    interaction_id INTEGER NOT NULL,
    PRIMARY KEY (account_id, contact_id, at, interaction_id),
    FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id),
    FOREIGN KEY (account_id, interaction_id) REFERENCES interactions (account_id, id)
) WITHOUT ROWID;
CREATE INDEX interaction_contacts_interaction ON interaction_contacts (account_id, interaction_id);

-- +goose Down
DROP TABLE interaction_contacts;
DROP TABLE interactions;
DROP TABLE notes;
DROP TABLE contact_tags;
DROP TABLE contact_points;
DROP TABLE contacts;
DROP TABLE users;
DROP TABLE id_sequences;
DROP TABLE accounts;
