-- Indexes for Today's candidates: birthdays by day, and contacts by their
-- keep-in-touch reference (the last meaningful contact, else when the user
-- first knew them). The expression must read exactly as contactWhere writes
-- it after rebinding, or SQLite will not use the index.

-- +goose Up
CREATE INDEX contacts_birthday ON contacts (account_id, birthday_month, birthday_day);
CREATE INDEX contacts_keep ON contacts (account_id, tier,
    COALESCE(last_meaningful_at, MIN(created_at, COALESCE(first_at, created_at))))
    WHERE deleted_at IS NULL AND cadence_days = 0;

-- +goose Down
DROP INDEX contacts_keep;
DROP INDEX contacts_birthday;
