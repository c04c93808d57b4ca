package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"rapport"
)

// Import, export, merge and backup (issue 8).

// interactionSourceColumns are interactionWriteColumns and the external key.
const (
	interactionSourceColumns = interactionWriteColumns + ", source_key"
	interactionSourceWidth   = interactionWriteWidth + 1
	contactSourceColumns     = "account_id, key, contact_id"
	noteColumns              = "account_id, id, contact_id, body, created_at"
	// progressRows is how many rows are written between two reports of
	// progress.
	progressRows = 5000
)

func (d *DB) ContactSources(ctx context.Context, acct int64) (map[string]int64, error) {
	return d.keys(ctx, d.q.ContactSources, acct)
}

func (d *DB) InteractionSources(ctx context.Context, acct int64) (map[string]int64, error) {
	return d.keys(ctx, d.q.InteractionSources, acct)
}

// keys reads a query of (key, id) rows into a map.
func (d *DB) keys(ctx context.Context, query string, acct int64) (map[string]int64, error) {
	out := map[string]int64{}
	err := d.query(ctx, query, []any{acct}, func(s scanner) error {
		var (
			key string
			id  int64
		)
		err := s.Scan(&key, &id)
		out[key] = id
		return err
	})
	return out, err
}

func (d *DB) Import(ctx context.Context, acct int64, b *rapport.ImportBatch) error {
	var created, changed []*rapport.Contact
	for i, ic := range b.Contacts {
		c := ic.Contact
		if c.ID == 0 || ic.Changed { // a contact that stays as it is is not checked again
			if err := prepareContact(c); err != nil {
				return withRecord(err, i, len(b.Contacts))
			}
		}
		if c.ID == 0 {
			c.Version, c.UpdatedAt, c.DeletedAt, c.Summary = 1, c.CreatedAt, nil, rapport.Summary{}
			created = append(created, c)
		} else if ic.Changed {
			changed = append(changed, c)
		}
		for _, n := range ic.Notes {
			if err := prepareNote(n); err != nil {
				return withRecord(err, i, len(b.Contacts))
			}
		}
	}
	for n, ii := range b.Interactions {
		i := ii.Interaction
		if err := prepareInteraction(i); err != nil {
			return withRecord(err, n, len(b.Interactions))
		}
		i.Version, i.UpdatedAt = 1, i.CreatedAt
	}
	total, done := len(created)+len(changed)+len(b.Interactions), 0
	report := func(n int) {
		done += n
		if b.Progress != nil {
			b.Progress(done, total)
		}
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		if len(created) > 0 {
			first, err := d.nextIDs(ctx, tx, acct, "contact", len(created))
			if err != nil {
				return err
			}
			for i, c := range created {
				c.ID = first + int64(i)
			}
			for start := 0; start < len(created); start += progressRows {
				chunk := created[start:min(start+progressRows, len(created))]
				if err := d.insertContacts(ctx, tx, acct, chunk); err != nil {
					return err
				}
				report(len(chunk))
			}
		}
		if err := d.updateContacts(ctx, tx, acct, changed, report); err != nil {
			return err
		}
		var sources [][]any
		var notes []*rapport.Note
		for _, ic := range b.Contacts {
			for _, key := range ic.Sources {
				sources = append(sources, []any{acct, key, ic.Contact.ID})
			}
			for _, n := range ic.Notes {
				n.ContactID = ic.Contact.ID
				notes = append(notes, n)
			}
		}
		if err := d.insertRows(ctx, tx, "contact_sources", contactSourceColumns, 3, sources); err != nil {
			return err
		}
		if err := d.insertNotes(ctx, tx, acct, notes, true); err != nil {
			return err
		}
		is := make([]*rapport.Interaction, len(b.Interactions))
		keys := make([]string, len(b.Interactions))
		for n, ii := range b.Interactions {
			is[n], keys[n] = ii.Interaction, ii.Source
		}
		if len(is) > 0 {
			first, err := d.nextIDs(ctx, tx, acct, "interaction", len(is))
			if err != nil {
				return err
			}
			for n, i := range is {
				i.ID = first + int64(n)
			}
		}
		deltas := map[int64]*rapport.Summary{}
		for start := 0; start < len(is); start += progressRows {
			end := min(start+progressRows, len(is))
			if err := d.insertInteractions(ctx, tx, acct, is[start:end], keys[start:end], deltas); err != nil {
				return err
			}
			report(end - start)
		}
		return d.writeSummaries(ctx, tx, d.q.AddToSummary, acct, deltas)
	})
}

// prepareNote tidies a note before a write, as AddNote does.
func prepareNote(n *rapport.Note) error {
	n.Body = strings.TrimSpace(n.Body)
	if n.Body == "" {
		return rapport.Invalid("note", n.Body, "a note needs some text").Keyed("error.invalid.note_text", nil)
	}
	n.CreatedAt = n.CreatedAt.UTC().Truncate(time.Millisecond)
	return nil
}

// insertNotes writes notes: with new ids when fresh, else with their own (a
// restore).
func (d *DB) insertNotes(ctx context.Context, tx *sql.Tx, acct int64, ns []*rapport.Note, fresh bool) error {
	if len(ns) == 0 {
		return nil
	}
	if fresh {
		first, err := d.nextIDs(ctx, tx, acct, "note", len(ns))
		if err != nil {
			return err
		}
		for i, n := range ns {
			n.ID = first + int64(i)
		}
	}
	rows := make([][]any, len(ns))
	for i, n := range ns {
		rows[i] = []any{acct, n.ID, n.ContactID, n.Body, ms(n.CreatedAt)}
	}
	return d.insertRows(ctx, tx, "notes", noteColumns, 5, rows)
}

// updateContacts stores changed contacts at the versions they were read at,
// as UpdateContact does for one, with one statement of each kind prepared
// for all and their emails, phones and tags written together.
func (d *DB) updateContacts(ctx context.Context, tx *sql.Tx, acct int64, cs []*rapport.Contact, report func(int)) error {
	if len(cs) == 0 {
		return nil
	}
	var stmts [3]*sql.Stmt
	for k, q := range []string{d.q.UpdateContact, d.q.DeletePoints, d.q.DeleteTags} {
		s, err := tx.PrepareContext(ctx, q)
		if err != nil {
			return err
		}
		defer s.Close()
		stmts[k] = s
	}
	for _, c := range cs {
		a := contactArgs(acct, c)
		args := append([]any{acct, c.ID, c.Version}, a[2:18]...)
		res, err := stmts[0].ExecContext(ctx, append(args, ms(c.UpdatedAt))...)
		if err != nil {
			return err
		}
		if err := d.checkVersion(ctx, tx, res, "contact", "contacts", acct, c.ID, c.Version); err != nil {
			return err
		}
		for _, s := range stmts[1:] {
			if _, err := s.ExecContext(ctx, acct, c.ID); err != nil {
				return err
			}
		}
		report(1)
	}
	if err := d.insertContactDetails(ctx, tx, acct, cs); err != nil {
		return err
	}
	for _, c := range cs {
		c.Version++
	}
	return nil
}

// insertInteractions writes interactions that have their ids, with their
// external keys (nil or "" for none) and their links, and folds each into
// deltas, the summaries to add to their contacts.
func (d *DB) insertInteractions(ctx context.Context, tx *sql.Tx, acct int64, is []*rapport.Interaction, keys []string, deltas map[int64]*rapport.Summary) error {
	rows := make([][]any, len(is))
	var links [][]any
	for n, i := range is {
		var key sql.NullString
		if n < len(keys) && keys[n] != "" {
			key = sql.NullString{String: keys[n], Valid: true}
		}
		rows[n] = []any{acct, i.ID, ms(i.At), i.Channel, i.Direction, i.Invitation, i.Outcome, i.Note, ms(i.CreatedAt), ms(i.UpdatedAt), i.Version, key}
		for _, c := range i.ContactIDs {
			links = append(links, []any{acct, c, ms(i.At), i.ID})
			if deltas[c] == nil {
				deltas[c] = &rapport.Summary{}
			}
			deltas[c].Add(i)
		}
	}
	if err := d.insertRows(ctx, tx, "interactions", interactionSourceColumns, interactionSourceWidth, rows); err != nil {
		return err
	}
	return d.insertRows(ctx, tx, "interaction_contacts", "account_id, contact_id, at, interaction_id", 4, links)
}

func (d *DB) MergeContacts(ctx context.Context, acct int64, keep, drop *rapport.Contact, now time.Time) (rapport.MergeCounts, error) {
	var counts rapport.MergeCounts
	if keep.ID == drop.ID {
		return counts, rapport.Invalid("contact", keep.ID, "cannot be merged into itself").Keyed("error.import.merge_self", nil)
	}
	if err := prepareContact(keep); err != nil {
		return counts, err
	}
	now = now.UTC().Truncate(time.Millisecond)
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		// Lock both rows (PostgreSQL; SQLite has one writer), in id order,
		// and check both are live and drop is as it was read.
		rows, err := tx.QueryContext(ctx, d.q.LockContactPair+d.eng.forUpdate, acct, keep.ID, drop.ID)
		if err != nil {
			return err
		}
		found := map[int64]bool{}
		for rows.Next() {
			var (
				id, version int64
				deleted     sql.NullInt64
			)
			if err := rows.Scan(&id, &deleted, &version); err != nil {
				rows.Close()
				return err
			}
			found[id] = true
			if deleted.Valid {
				rows.Close()
				return rapport.Invalid("contact", id, "is in the trash: restore it first").Keyed("error.invalid.in_trash", nil)
			}
			if id == drop.ID && version != drop.Version {
				rows.Close()
				return rapport.StaleVersion("contact", id, version, drop.Version)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range []int64{keep.ID, drop.ID} {
			if !found[id] {
				return rapport.NotFound("contact", id)
			}
		}
		if err := d.updateContacts(ctx, tx, acct, []*rapport.Contact{keep}, func(int) {}); err != nil {
			return err
		}
		moves := []struct {
			query string
			n     *int
		}{
			{d.q.MergeTouchInteractions, &counts.Interactions},
			{d.q.MergeDropSharedLinks, nil},
			{d.q.MergeMoveLinks, nil},
			{d.q.MergeMoveNotes, &counts.Notes},
			{d.q.MergeMoveEfforts, &counts.Efforts},
			{d.q.MergeMovePromises, &counts.Promises},
			{d.q.MergeMoveFavors, &counts.Favors},
			{d.q.MergeMoveTrustEvents, &counts.TrustEvents},
			{d.q.MergeMoveSources, nil},
		}
		for _, m := range moves {
			third := any(keep.ID)
			if m.query == d.q.MergeTouchInteractions {
				third = ms(now)
			}
			res, err := tx.ExecContext(ctx, m.query, acct, drop.ID, third)
			if err != nil {
				return err
			}
			if m.n != nil {
				n, err := res.RowsAffected()
				if err != nil {
					return err
				}
				*m.n = int(n)
			}
		}
		if _, err := tx.ExecContext(ctx, d.q.DeleteContact, acct, drop.ID, ms(now)); err != nil {
			return err
		}
		drop.Version++
		drop.DeletedAt, drop.UpdatedAt = &now, now
		drop.Summary = rapport.Summary{}
		if err := d.writeSummaries(ctx, tx, d.q.SetSummary, acct, map[int64]*rapport.Summary{drop.ID: {}}); err != nil {
			return err
		}
		return d.resummarize(ctx, tx, acct, []int64{keep.ID})
	})
	return counts, err
}

// snapshot runs fn on reads that all see the database as of one moment:
// a read-only repeatable-read transaction on PostgreSQL, and on SQLite a
// deferred one (the pool's transactions take the write lock at once, which
// would hold writers back for the whole read).
func (d *DB) snapshot(ctx context.Context, fn func(q queryer) error) error {
	if d.eng.name != "sqlite" {
		tx, err := d.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return d.fail(err)
		}
		defer tx.Rollback()
		return d.fail(fn(tx))
	}
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return d.fail(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return d.fail(err)
	}
	err = fn(conn)
	// A read transaction ends the same either way; a rollback cannot fail
	// to leave the connection as it found it.
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); rerr != nil && err == nil {
		err = rerr
	}
	return d.fail(err)
}

// queryRows runs a read on q and scans each row.
func queryRows(ctx context.Context, q queryer, query string, args []any, scan func(s scanner) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (d *DB) ReadArchive(ctx context.Context, acct int64) (*rapport.Archive, error) {
	a := &rapport.Archive{
		Contacts: []*rapport.Contact{}, Notes: []*rapport.Note{}, Interactions: []*rapport.Interaction{},
		Efforts: []*rapport.Effort{}, Promises: []*rapport.Promise{}, TrustEvents: []*rapport.TrustEvent{},
		Favors: []*rapport.Favor{}, ContactSources: []rapport.ContactSource{}, InteractionSources: []rapport.InteractionSource{},
	}
	err := d.snapshot(ctx, func(q queryer) error {
		a.Settings = rapport.DefaultSettings()
		var text string
		switch err := q.QueryRowContext(ctx, d.q.Settings, acct).Scan(&text); {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		default:
			if err := json.Unmarshal([]byte(text), &a.Settings); err != nil {
				return rapport.Internal(err)
			}
		}
		args := []any{acct}
		byID := map[int64]*rapport.Contact{}
		err := queryRows(ctx, q, d.q.ArchiveContacts, args, func(s scanner) error {
			c, err := scanContact(s)
			if err == nil {
				a.Contacts = append(a.Contacts, c)
				byID[c.ID] = c
			}
			return err
		})
		if err != nil {
			return err
		}
		if err := d.fillDetails(ctx, q, byID, d.q.AllPoints, d.q.AllTags, acct); err != nil {
			return err
		}
		err = queryRows(ctx, q, d.q.ArchiveNotes, args, func(s scanner) error {
			n := &rapport.Note{}
			var created int64
			err := s.Scan(&n.ID, &n.ContactID, &n.Body, &created)
			n.CreatedAt = fromMs(created)
			a.Notes = append(a.Notes, n)
			return err
		})
		if err != nil {
			return err
		}
		interactions := map[int64]*rapport.Interaction{}
		err = queryRows(ctx, q, d.q.ArchiveInteractions, args, func(s scanner) error {
			var key sql.NullString
			i := &rapport.Interaction{ContactIDs: []int64{}}
			var at, created, updated int64
			err := s.Scan(&i.ID, &at, &i.Channel, &i.Direction, &i.Invitation, &i.Outcome, &i.Note, &created, &updated, &i.Version, &key)
			if err != nil {
				return err
			}
			i.At, i.CreatedAt, i.UpdatedAt = fromMs(at), fromMs(created), fromMs(updated)
			a.Interactions = append(a.Interactions, i)
			interactions[i.ID] = i
			if key.Valid {
				a.InteractionSources = append(a.InteractionSources, rapport.InteractionSource{Key: key.String, InteractionID: i.ID})
			}
			return nil
		})
		if err != nil {
			return err
		}
		err = queryRows(ctx, q, d.q.ArchiveLinks, args, func(s scanner) error {
			var iid, cid int64
			if err := s.Scan(&iid, &cid); err != nil {
				return err
			}
			if i := interactions[iid]; i != nil {
				i.ContactIDs = append(i.ContactIDs, cid)
			}
			return nil
		})
		if err != nil {
			return err
		}
		err = queryRows(ctx, q, d.q.ArchiveEfforts, args, func(s scanner) error {
			e, err := scanEffort(s)
			a.Efforts = append(a.Efforts, e)
			return err
		})
		if err != nil {
			return err
		}
		err = queryRows(ctx, q, d.q.ArchivePromises, args, func(s scanner) error {
			p, err := scanPromise(s)
			a.Promises = append(a.Promises, p)
			return err
		})
		if err != nil {
			return err
		}
		err = queryRows(ctx, q, d.q.ArchiveFavors, args, func(s scanner) error {
			f, err := scanFavor(s)
			a.Favors = append(a.Favors, f)
			return err
		})
		if err != nil {
			return err
		}
		err = queryRows(ctx, q, d.q.ArchiveTrustEvents, args, func(s scanner) error {
			t := &rapport.TrustEvent{}
			var at int64
			err := s.Scan(&t.ID, &t.ContactID, &t.Kind, &t.Note, &at)
			t.At = fromMs(at)
			a.TrustEvents = append(a.TrustEvents, t)
			return err
		})
		if err != nil {
			return err
		}
		return queryRows(ctx, q, d.q.ContactSources, args, func(s scanner) error {
			var cs rapport.ContactSource
			err := s.Scan(&cs.Key, &cs.ContactID)
			a.ContactSources = append(a.ContactSources, cs)
			return err
		})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

func (d *DB) RestoreArchive(ctx context.Context, acct int64, a *rapport.Archive) error {
	if err := a.Settings.Validate(); err != nil {
		return err
	}
	if err := positiveIDs(a); err != nil {
		return err
	}
	// Each record is checked as a new one would be, keeping what the
	// archive says of ids, versions and times.
	for i, c := range a.Contacts {
		deleted, version, updated := c.DeletedAt, c.Version, c.UpdatedAt
		if err := prepareContact(c); err != nil {
			return withRecord(err, i, len(a.Contacts))
		}
		if deleted != nil {
			t := deleted.UTC().Truncate(time.Millisecond)
			deleted = &t
		}
		c.DeletedAt, c.Version, c.UpdatedAt = deleted, max(version, 1), updated.UTC().Truncate(time.Millisecond)
		c.Summary = rapport.Summary{}
	}
	for i, n := range a.Notes {
		if err := prepareNote(n); err != nil {
			return withRecord(err, i, len(a.Notes))
		}
	}
	for n, i := range a.Interactions {
		version, updated := i.Version, i.UpdatedAt
		if err := prepareInteraction(i); err != nil {
			return withRecord(err, n, len(a.Interactions))
		}
		i.Version, i.UpdatedAt = max(version, 1), updated.UTC().Truncate(time.Millisecond)
	}
	recs := rapport.Records{Efforts: a.Efforts, Promises: a.Promises, Favors: a.Favors, Trust: a.TrustEvents}
	if err := prepareRecords(recs); err != nil {
		return err
	}
	sources := map[int64]string{}
	for _, s := range a.InteractionSources {
		sources[s.InteractionID] = s.Key
	}
	settings, err := json.Marshal(a.Settings)
	if err != nil {
		return rapport.Internal(err)
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		var one int64
		switch err := tx.QueryRowContext(ctx, d.q.AnyContact, acct).Scan(&one); {
		case err == nil:
			return rapport.Errorf(rapport.ECONFLICT, "the account already holds contacts: restore an export into an empty account (a new database: rapport --db NEW.db init)").
				Keyed("error.import.not_empty", nil)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if _, err := tx.ExecContext(ctx, d.q.SaveSettings, acct, string(settings)); err != nil {
			return err
		}
		if err := d.insertContacts(ctx, tx, acct, a.Contacts); err != nil {
			return err
		}
		if err := d.insertNotes(ctx, tx, acct, a.Notes, false); err != nil {
			return err
		}
		keys := make([]string, len(a.Interactions))
		for n, i := range a.Interactions {
			keys[n] = sources[i.ID]
		}
		sums := map[int64]*rapport.Summary{}
		if err := d.insertInteractions(ctx, tx, acct, a.Interactions, keys, sums); err != nil {
			return err
		}
		if err := d.writeSummaries(ctx, tx, d.q.SetSummary, acct, sums); err != nil {
			return err
		}
		for _, c := range a.Contacts {
			if s := sums[c.ID]; s != nil {
				c.Summary = *s
			}
		}
		var rows [][]any
		for _, s := range a.ContactSources {
			rows = append(rows, []any{acct, s.Key, s.ContactID})
		}
		if err := d.insertRows(ctx, tx, "contact_sources", contactSourceColumns, 3, rows); err != nil {
			return err
		}
		if err := d.insertRecords(ctx, tx, acct, recs); err != nil {
			return err
		}
		// The counters move past the ids restored, so the next ones follow.
		last := map[string]int64{}
		for _, c := range a.Contacts {
			last["contact"] = max(last["contact"], c.ID)
		}
		for _, n := range a.Notes {
			last["note"] = max(last["note"], n.ID)
		}
		for _, i := range a.Interactions {
			last["interaction"] = max(last["interaction"], i.ID)
		}
		for _, e := range a.Efforts {
			last["effort"] = max(last["effort"], e.ID)
		}
		for _, p := range a.Promises {
			last["promise"] = max(last["promise"], p.ID)
		}
		for _, f := range a.Favors {
			last["favor"] = max(last["favor"], f.ID)
		}
		for _, t := range a.TrustEvents {
			last["trust_event"] = max(last["trust_event"], t.ID)
		}
		for entity, id := range last {
			if _, err := tx.ExecContext(ctx, d.q.SetIDFloor, acct, entity, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// positiveIDs refuses an archive with an id that no store would have made.
func positiveIDs(a *rapport.Archive) error {
	bad := func(what string, id int64) error {
		return rapport.Invalid(what, id, "not an id: ids are whole numbers").Keyed("error.invalid.not_id", nil)
	}
	for _, c := range a.Contacts {
		if c.ID < 1 {
			return bad("contact", c.ID)
		}
	}
	for _, n := range a.Notes {
		if n.ID < 1 {
			return bad("note", n.ID)
		}
	}
	for _, i := range a.Interactions {
		if i.ID < 1 {
			return bad("interaction", i.ID)
		}
	}
	for _, e := range a.Efforts {
		if e.ID < 1 {
			return bad("effort", e.ID)
		}
	}
	for _, p := range a.Promises {
		if p.ID < 1 {
			return bad("promise", p.ID)
		}
	}
	for _, f := range a.Favors {
		if f.ID < 1 {
			return bad("favor", f.ID)
		}
	}
	for _, t := range a.TrustEvents {
		if t.ID < 1 {
			return bad("trust_event", t.ID)
		}
	}
	return nil
}

// prepareRecords tidies and checks relationship records before a restore,
// as CreateRecords does, keeping their versions.
func prepareRecords(r rapport.Records) error {
	for i, e := range r.Efforts {
		e.Goal = strings.TrimSpace(e.Goal)
		if err := e.Validate(); err != nil {
			return withRecord(err, i, len(r.Efforts))
		}
		e.StartedAt = e.StartedAt.UTC().Truncate(time.Millisecond)
	}
	for i, p := range r.Promises {
		if err := preparePromise(p); err != nil {
			return withRecord(err, i, len(r.Promises))
		}
		p.Version = max(p.Version, 1)
	}
	for i, f := range r.Favors {
		if err := prepareFavor(f); err != nil {
			return withRecord(err, i, len(r.Favors))
		}
		f.Version = max(f.Version, 1)
	}
	for i, t := range r.Trust {
		t.Note = strings.TrimSpace(t.Note)
		if err := t.Validate(); err != nil {
			return withRecord(err, i, len(r.Trust))
		}
		t.At = t.At.UTC().Truncate(time.Millisecond)
	}
	return nil
}

// insertRecords writes relationship records with their own ids.
func (d *DB) insertRecords(ctx context.Context, tx *sql.Tx, acct int64, r rapport.Records) error {
	var rows [][]any
	for _, e := range r.Efforts {
		rows = append(rows, effortRow(acct, e))
	}
	if err := d.insertRows(ctx, tx, "efforts", effortInsert, 5, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, p := range r.Promises {
		rows = append(rows, promiseRow(acct, p))
	}
	if err := d.insertRows(ctx, tx, "promises", promiseInsert, 10, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, f := range r.Favors {
		rows = append(rows, favorRow(acct, f))
	}
	if err := d.insertRows(ctx, tx, "favors", favorInsert, 10, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, t := range r.Trust {
		rows = append(rows, trustEventRow(acct, t))
	}
	return d.insertRows(ctx, tx, "trust_events", trustEventInsert, 6, rows)
}

// Backup writes a consistent copy of a SQLite database to path, which must
// not exist, while others may be writing (VACUUM INTO reads one snapshot,
// and the copy is compact). PostgreSQL is backed up with its own tools.
func (d *DB) Backup(ctx context.Context, path string) error {
	if d.eng.name != "sqlite" {
		return rapport.Errorf(rapport.EINVALID, "rapport backup copies SQLite databases only: back up PostgreSQL with pg_dump --format=custom, and restore it with pg_restore (see the README)").
			Keyed("error.import.backup_postgres", nil)
	}
	if path == "" {
		return rapport.Invalid("FILE", path, "name the file to write the backup to").Keyed("error.import.backup_path", nil)
	}
	if _, err := os.Stat(path); err == nil {
		return rapport.Invalid("FILE", path, "already exists: name a new file").Keyed("error.import.backup_exists", nil)
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return rapport.Invalid("FILE", path, "its folder does not exist").Keyed("error.import.backup_folder", nil)
	}
	if _, err := d.db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return &rapport.Error{Code: rapport.EINTERNAL, Message: fmt.Sprintf("backup to %s failed", path), Err: err}
	}
	return nil
}

// BackupCheck is what CheckBackup found in a backup.
type BackupCheck struct {
	Bytes        int64 `json:"bytes"`
	Contacts     int64 `json:"contacts"`
	Interactions int64 `json:"interactions"`
}

// CheckBackup opens a backup Backup wrote and checks it as SQLite checks a
// database (PRAGMA integrity_check, then the foreign keys), counting the
// contacts and interactions it holds, in every account.
func CheckBackup(ctx context.Context, path string) (BackupCheck, error) {
	var c BackupCheck
	st, err := os.Stat(path)
	if err != nil {
		return c, rapport.Internal(err)
	}
	c.Bytes = st.Size()
	d, err := Open(ctx, path)
	if err != nil {
		return c, err
	}
	defer d.Close()
	broken := func(what string) error {
		return rapport.Errorf(rapport.ECONFLICT, "the backup %s failed SQLite's check: %s", path, what).
			Keyed("error.import.backup_broken", map[string]any{"path": path, "cause": what})
	}
	var results []string
	err = queryRows(ctx, d.db, "PRAGMA integrity_check", nil, func(s scanner) error {
		var r string
		err := s.Scan(&r)
		results = append(results, r)
		return err
	})
	if err != nil {
		return c, d.fail(err)
	}
	if len(results) != 1 || results[0] != "ok" {
		return c, broken(strings.Join(results, "; "))
	}
	var dangling int
	err = queryRows(ctx, d.db, "PRAGMA foreign_key_check", nil, func(scanner) error { dangling++; return nil })
	if err != nil {
		return c, d.fail(err)
	}
	if dangling > 0 {
		return c, broken(fmt.Sprintf("%d rows refer to rows that are not there", dangling))
	}
	err = d.db.QueryRowContext(ctx, "SELECT (SELECT COUNT(*) FROM contacts), (SELECT COUNT(*) FROM interactions)").Scan(&c.Contacts, &c.Interactions)
	return c, d.fail(err)
}
