-- Indexes for Today's reads (app.Service.Today), which read only the contacts
-- and records that can put a contact on the agenda:
--
-- contacts_keep now holds every live contact, whatever its cadence, with the
-- id after the keep-in-touch reference: the most overdue of a tier with the
-- tier's cadence, and the dormant of a tier with any cadence
-- (DormantContacts), are read from it in order, a page at a time.
-- contacts_own_due orders the contacts with a cadence of their own by when
-- keeping in touch comes due, the reference plus the cadence (OwnCadenceDue);
-- the reference comes last so that the not-yet-dormant are told apart
-- without reading the rows. favors_ledger holds what a favor balance is
-- computed from, so that finding the contacts owed a thank-you or an offer
-- (OwedFavors) reads no row of favors.
--
-- The expressions must read exactly as the queries write them after
-- rebinding, or the planner will not use the indexes.

-- +goose Up
DROP INDEX contacts_keep;
CREATE INDEX contacts_keep ON contacts (account_id, tier,
    (COALESCE(last_meaningful_at, LEAST(created_at, COALESCE(first_at, created_at)))), id)
    WHERE deleted_at IS NULL;
CREATE INDEX contacts_own_due ON contacts (account_id,
    (COALESCE(last_meaningful_at, LEAST(created_at, COALESCE(first_at, created_at))) + cadence_days * 86400000), id,
    (COALESCE(last_meaningful_at, LEAST(created_at, COALESCE(first_at, created_at)))))
    WHERE deleted_at IS NULL AND cadence_days > 0;
CREATE INDEX favors_ledger ON favors (account_id, contact_id, dir, outcome, thanked);

-- +goose Down
DROP INDEX favors_ledger;
DROP INDEX contacts_own_due;
DROP INDEX contacts_keep;
CREATE INDEX contacts_keep ON contacts (account_id, tier,
    (COALESCE(last_meaningful_at, LEAST(created_at, COALESCE(first_at, created_at)))))
    WHERE deleted_at IS NULL AND cadence_days = 0;
