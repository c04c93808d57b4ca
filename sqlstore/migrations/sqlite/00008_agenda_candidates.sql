-- Indexes for Today's candidates (Store.DuePromiseContacts, EffortContacts,
-- UnthankedContacts, DeficitContacts, BornOn), each read a page at a time,
-- most urgent first:
--
-- efforts_started gives the efforts in the order they started, so that the
-- latest efforts not known to have ended are read in that order and the
-- read stops at its limit. favors_ledger gains the favor's time, so that the
-- latest favor received is found from the index alone, as the balance
-- already was; favors_unthanked holds only the favors received and not
-- thanked, with the oldest first for each contact. contacts_deleted holds
-- the contacts in the trash, usually few: each candidate is looked up in it,
-- where joining the live contacts read thousands of rows. contacts_birthday
-- gains what BornOn reads, so that no contact row is read for birthdays.
--
-- The partial indexes' conditions must read exactly as the queries write
-- them, or the planners will not use them.

-- +goose Up
CREATE INDEX efforts_started ON efforts (account_id, started_at, contact_id);
DROP INDEX favors_ledger;
CREATE INDEX favors_ledger ON favors (account_id, contact_id, dir, outcome, thanked, at);
CREATE INDEX contacts_deleted ON contacts (account_id, id) WHERE deleted_at IS NOT NULL;
CREATE INDEX favors_unthanked ON favors (account_id, contact_id, at, dir, outcome, thanked)
    WHERE NOT thanked AND (dir = 'received' OR (dir = 'asked' AND outcome IN ('granted', 'partial')));
DROP INDEX contacts_birthday;
CREATE INDEX contacts_birthday ON contacts (account_id, birthday_month, birthday_day, birthday_year, id, deleted_at);

-- +goose Down
DROP INDEX contacts_birthday;
CREATE INDEX contacts_birthday ON contacts (account_id, birthday_month, birthday_day);
DROP INDEX favors_unthanked;
DROP INDEX contacts_deleted;
DROP INDEX favors_ledger;
CREATE INDEX favors_ledger ON favors (account_id, contact_id, dir, outcome, thanked);
DROP INDEX efforts_started;
