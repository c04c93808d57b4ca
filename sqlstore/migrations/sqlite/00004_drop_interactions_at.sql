-- No command lists all of an account's interactions by time: timelines read
-- interaction_contacts, whose key leads with the contact. Keeping this index
-- cost every interaction insert a random B-tree write: `rapport gen` of
-- 2,000,000 interactions took 53 s with it and 32 s without (SQLite).

-- +goose Up
DROP INDEX interactions_at;

-- +goose Down
CREATE INDEX interactions_at ON interactions (account_id, at);
