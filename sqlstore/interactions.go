package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"rapport"
)

func (d *DB) CreateInteraction(ctx context.Context, acct int64, i *rapport.Interaction) error {
	return d.createInteractions(ctx, acct, []*rapport.Interaction{i}, true)
}

// CreateInteractions stores a batch in one transaction. Unlike
// CreateInteraction it does not look each contact up first: the foreign keys
// refuse an unknown contact, and the whole batch with it.
func (d *DB) CreateInteractions(ctx context.Context, acct int64, is []*rapport.Interaction) error {
	return d.createInteractions(ctx, acct, is, false)
}

func (d *DB) createInteractions(ctx context.Context, acct int64, is []*rapport.Interaction, checkContacts bool) error {
	for n, i := range is {
		if err := prepareInteraction(i); err != nil {
			return withRecord(err, n, len(is))
		}
		i.Version = 1
		i.UpdatedAt = i.CreatedAt
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		if checkContacts {
			if err := d.checkLiveContacts(ctx, tx, acct, is[0].ContactIDs); err != nil {
				return err
			}
		}
		first, err := d.nextIDs(ctx, tx, acct, "interaction", len(is))
		if err != nil {
			return err
		}
		rows := make([][]any, len(is))
		var links [][]any
		deltas := map[int64]*rapport.Summary{}
		for n, i := range is {
			i.ID = first + int64(n)
			rows[n] = []any{acct, i.ID, ms(i.At), i.Channel, i.Direction, i.Invitation, i.Outcome, i.Note, ms(i.CreatedAt), ms(i.UpdatedAt), i.Version}
			for _, c := range i.ContactIDs {
				links = append(links, []any{acct, c, ms(i.At), i.ID})
				if deltas[c] == nil {
					deltas[c] = &rapport.Summary{}
				}
				deltas[c].Add(i)
			}
		}
		if err := d.insertRows(ctx, tx, "interactions", interactionWriteColumns, interactionWriteWidth, rows); err != nil {
			return err
		}
		if err := d.insertRows(ctx, tx, "interaction_contacts", "account_id, contact_id, at, interaction_id", 4, links); err != nil {
			return err
		}
		return d.writeSummaries(ctx, tx, d.q.AddToSummary, acct, deltas)
	})
}

func prepareInteraction(i *rapport.Interaction) error {
	i.Normalize()
	if err := i.Validate(); err != nil {
		return err
	}
	if i.CreatedAt.IsZero() {
		return rapport.Internal(errors.New("interaction written without CreatedAt"))
	}
	i.At = i.At.UTC().Truncate(time.Millisecond)
	i.CreatedAt = i.CreatedAt.UTC().Truncate(time.Millisecond)
	i.UpdatedAt = i.UpdatedAt.UTC().Truncate(time.Millisecond)
	return nil
}

// checkLiveContacts refuses contacts that are not in the account or are in
// the trash, naming the first one.
func (d *DB) checkLiveContacts(ctx context.Context, q queryer, acct int64, ids []int64) error {
	args := []any{acct}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := q.QueryContext(ctx, d.sql("SELECT id, deleted_at FROM contacts WHERE account_id = $1 AND id IN ("+idList(len(ids), 2)+")"), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	found := map[int64]bool{}
	for rows.Next() {
		var (
			id      int64
			deleted sql.NullInt64
		)
		if err := rows.Scan(&id, &deleted); err != nil {
			return err
		}
		if deleted.Valid {
			return rapport.Invalid("contact", id, "is in the trash: restore it first").Keyed("error.invalid.in_trash", nil)
		}
		found[id] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if !found[id] {
			return rapport.NotFound("contact", id)
		}
	}
	return nil
}

// writeSummaries applies one summary per contact with query: AddToSummary
// folds a delta in, SetSummary replaces the summary.
func (d *DB) writeSummaries(ctx context.Context, tx *sql.Tx, query string, acct int64, sums map[int64]*rapport.Summary) error {
	if len(sums) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(sums))
	for id := range sums {
		ids = append(ids, id)
	}
	slices.Sort(ids) // a fixed order, so concurrent writers lock rows alike
	stmt, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, id := range ids {
		s := sums[id]
		res, err := stmt.ExecContext(ctx, acct, id, s.Interactions, nullMs(s.FirstAt), nullMs(s.LastAt), nullMs(s.LastMeaningfulAt), s.Inbound, s.HeldLive)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return rapport.NotFound("contact", id)
		}
	}
	return nil
}

func (d *DB) Interaction(ctx context.Context, acct, id int64) (*rapport.Interaction, error) {
	i, err := d.interaction(ctx, d.db, acct, id)
	return i, d.fail(err)
}

func (d *DB) interaction(ctx context.Context, q queryer, acct, id int64) (*rapport.Interaction, error) {
	rows, err := q.QueryContext(ctx, d.q.Interaction, acct, id)
	if err != nil {
		return nil, err
	}
	is, err := d.scanInteractions(ctx, q, acct, rows)
	if err != nil {
		return nil, err
	}
	if len(is) == 0 {
		return nil, rapport.NotFound("interaction", id)
	}
	return is[0], nil
}

// scanInteractions reads interactions from rows (closing them), then their contacts.
func (d *DB) scanInteractions(ctx context.Context, q queryer, acct int64, rows *sql.Rows) ([]*rapport.Interaction, error) {
	var is []*rapport.Interaction
	for rows.Next() {
		i, err := scanInteraction(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		is = append(is, i)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return is, d.fillContactIDs(ctx, q, acct, is)
}

// scanInteraction reads the interactionColumns, after any leading dest.
func scanInteraction(s scanner, lead ...any) (*rapport.Interaction, error) {
	i := &rapport.Interaction{ContactIDs: []int64{}}
	var at, created, updated int64
	dest := append(lead, &i.ID, &at, &i.Channel, &i.Direction, &i.Invitation, &i.Outcome, &i.Note, &created, &updated, &i.Version)
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	i.At, i.CreatedAt, i.UpdatedAt = fromMs(at), fromMs(created), fromMs(updated)
	return i, nil
}

// fillContactIDs reads the contacts of each interaction, once per distinct id.
func (d *DB) fillContactIDs(ctx context.Context, q queryer, acct int64, all []*rapport.Interaction) error {
	byID := make(map[int64][]*rapport.Interaction, len(all))
	var is []*rapport.Interaction
	for _, i := range all {
		if byID[i.ID] == nil {
			is = append(is, i)
		}
		byID[i.ID] = append(byID[i.ID], i)
	}
	for start := 0; start < len(is); start += inListMax {
		chunk := is[start:min(start+inListMax, len(is))]
		args := []any{acct}
		for _, i := range chunk {
			args = append(args, i.ID)
		}
		links, err := q.QueryContext(ctx, d.sql("SELECT interaction_id, contact_id FROM interaction_contacts WHERE account_id = $1 AND interaction_id IN ("+
			idList(len(chunk), 2)+") ORDER BY interaction_id, contact_id"), args...)
		if err != nil {
			return err
		}
		for links.Next() {
			var iid, cid int64
			if err := links.Scan(&iid, &cid); err != nil {
				links.Close()
				return err
			}
			for _, i := range byID[iid] {
				i.ContactIDs = append(i.ContactIDs, cid)
			}
		}
		links.Close()
		if err := links.Err(); err != nil {
			return err
		}
	}
	return nil
}

func (d *DB) EffortInteractions(ctx context.Context, acct int64) (map[int64][]*rapport.Interaction, error) {
	rows, err := d.db.QueryContext(ctx, d.q.EffortInteractions, acct)
	if err != nil {
		return nil, d.fail(err)
	}
	out := map[int64][]*rapport.Interaction{}
	var all []*rapport.Interaction
	for rows.Next() {
		var contact int64
		i, err := scanInteraction(rows, &contact)
		if err != nil {
			rows.Close()
			return nil, d.fail(err)
		}
		out[contact] = append(out[contact], i)
		all = append(all, i)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, d.fail(err)
	}
	return out, d.fail(d.fillContactIDs(ctx, d.db, acct, all))
}

func (d *DB) Interactions(ctx context.Context, acct int64, f rapport.InteractionFilter) ([]*rapport.Interaction, error) {
	is, err := d.interactions(ctx, d.db, acct, f)
	return is, d.fail(err)
}

func (d *DB) interactions(ctx context.Context, q queryer, acct int64, f rapport.InteractionFilter) ([]*rapport.Interaction, error) {
	since, until := int64(math.MinInt64), int64(math.MaxInt64)
	if !f.Since.IsZero() {
		since = ms(f.Since)
	}
	if !f.Until.IsZero() {
		until = ms(f.Until)
	}
	query, args := d.q.InteractionsAll, []any{acct, since, until}
	if f.ContactID != 0 {
		query, args = d.q.InteractionsOfContact, []any{acct, f.ContactID, since, until}
	}
	if f.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return d.scanInteractions(ctx, q, acct, rows)
}

func (d *DB) UpdateInteraction(ctx context.Context, acct int64, i *rapport.Interaction) error {
	if err := prepareInteraction(i); err != nil {
		return err
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		old, err := d.interaction(ctx, tx, acct, i.ID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, d.q.UpdateInteraction, acct, i.ID, i.Version,
			ms(i.At), i.Channel, i.Direction, i.Invitation, i.Outcome, i.Note, ms(i.UpdatedAt))
		if err != nil {
			return err
		}
		if err := d.checkVersion(ctx, tx, res, "interaction", "interactions", acct, i.ID, i.Version); err != nil {
			return err
		}
		if !old.At.Equal(i.At) {
			if _, err := tx.ExecContext(ctx, d.q.MoveInteractionLinks, acct, i.ID, ms(i.At)); err != nil {
				return err
			}
		}
		// The contacts of an interaction do not change; keep the stored ones.
		i.ContactIDs = old.ContactIDs
		i.Version++
		return d.resummarize(ctx, tx, acct, old.ContactIDs)
	})
}

// resummarize recomputes the summaries of contacts from all their
// interactions, after an edit that may have changed what counts.
//
// The contacts' rows are locked first, so that an interaction another
// transaction adds meanwhile is either seen here or folded in after this
// write, never lost (PostgreSQL; SQLite has one writer at a time).
func (d *DB) resummarize(ctx context.Context, tx *sql.Tx, acct int64, contactIDs []int64) error {
	if d.eng.forUpdate != "" {
		ids := slices.Sorted(slices.Values(contactIDs))
		args := []any{acct}
		for _, id := range ids {
			args = append(args, id)
		}
		rows, err := tx.QueryContext(ctx, d.sql("SELECT id FROM contacts WHERE account_id = $1 AND id IN ("+
			idList(len(ids), 2)+") ORDER BY id"+d.eng.forUpdate), args...)
		if err != nil {
			return err
		}
		rows.Close()
	}
	sums := map[int64]*rapport.Summary{}
	for _, c := range contactIDs {
		is, err := d.interactions(ctx, tx, acct, rapport.InteractionFilter{ContactID: c})
		if err != nil {
			return err
		}
		s := &rapport.Summary{}
		for _, i := range is {
			s.Add(i)
		}
		sums[c] = s
	}
	return d.writeSummaries(ctx, tx, d.q.SetSummary, acct, sums)
}

func (d *DB) LastInteractions(ctx context.Context, acct int64) (map[int64]time.Time, error) {
	rows, err := d.db.QueryContext(ctx, d.q.LastInteractions, acct)
	if err != nil {
		return nil, d.fail(err)
	}
	defer rows.Close()
	last := map[int64]time.Time{}
	for rows.Next() {
		var id, at int64
		if err := rows.Scan(&id, &at); err != nil {
			return nil, d.fail(err)
		}
		last[id] = fromMs(at)
	}
	return last, d.fail(rows.Err())
}

func (d *DB) AddNote(ctx context.Context, acct int64, n *rapport.Note) error {
	n.Body = strings.TrimSpace(n.Body)
	if n.Body == "" {
		return rapport.Invalid("note", n.Body, "a note needs some text").Keyed("error.invalid.note_text", nil)
	}
	n.CreatedAt = n.CreatedAt.UTC().Truncate(time.Millisecond)
	return d.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := d.contact(ctx, tx, acct, n.ContactID); err != nil {
			return err
		}
		id, err := d.nextIDs(ctx, tx, acct, "note", 1)
		if err != nil {
			return err
		}
		n.ID = id
		_, err = tx.ExecContext(ctx, d.q.InsertNote, acct, id, n.ContactID, n.Body, ms(n.CreatedAt))
		return err
	})
}

func (d *DB) Notes(ctx context.Context, acct, contactID int64) ([]*rapport.Note, error) {
	rows, err := d.db.QueryContext(ctx, d.q.Notes, acct, contactID)
	if err != nil {
		return nil, d.fail(err)
	}
	defer rows.Close()
	var ns []*rapport.Note
	for rows.Next() {
		n := &rapport.Note{}
		var created int64
		if err := rows.Scan(&n.ID, &n.ContactID, &n.Body, &created); err != nil {
			return nil, d.fail(err)
		}
		n.CreatedAt = fromMs(created)
		ns = append(ns, n)
	}
	return ns, d.fail(rows.Err())
}
