-- Imports (issue 8) are idempotent: what a file brought in is remembered by
-- the file's own key, so importing the same file again adds nothing.
--
-- interactions.source_key holds a calendar event's key (its UID and the
-- start of the occurrence), unique in the account; interactions logged by
-- hand have none. contact_sources maps the keys of imported people (a vCard
-- UID, a LinkedIn profile, or a digest of a record without one) to the
-- contact they were imported into; a merge moves them along.

-- +goose Up
ALTER TABLE interactions ADD COLUMN source_key TEXT;
CREATE UNIQUE INDEX interactions_source ON interactions (account_id, source_key) WHERE source_key IS NOT NULL;

CREATE TABLE contact_sources (
    account_id INTEGER NOT NULL,
    key        TEXT    NOT NULL,
    contact_id INTEGER NOT NULL,
    PRIMARY KEY (account_id, key),
    FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id)
) WITHOUT ROWID;
CREATE INDEX contact_sources_contact ON contact_sources (account_id, contact_id);

-- +goose Down
DROP TABLE contact_sources;
DROP INDEX interactions_source;
ALTER TABLE interactions DROP COLUMN source_key;
