package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"rapport"
)

// The relationship tables' insert columns; each xRow function returns a row's
// values in that order, for single and bulk inserts alike.
const (
	effortInsert     = "account_id, id, contact_id, goal, started_at"
	promiseInsert    = "account_id, id, contact_id, promiser, what, due_at, state, created_at, resolved_at, version"
	favorInsert      = "account_id, id, contact_id, dir, kind, about, outcome, thanked, at, version"
	trustEventInsert = "account_id, id, contact_id, kind, note, at"
)

func effortRow(acct int64, e *rapport.Effort) []any {
	return []any{acct, e.ID, e.ContactID, e.Goal, ms(e.StartedAt)}
}

func promiseRow(acct int64, p *rapport.Promise) []any {
	return []any{acct, p.ID, p.ContactID, p.By, p.What, nullMs(p.Due), p.State, ms(p.CreatedAt), nullMs(p.ResolvedAt), p.Version}
}

func favorRow(acct int64, f *rapport.Favor) []any {
	return []any{acct, f.ID, f.ContactID, f.Dir, f.Kind, f.About, f.Outcome, f.Thanked, ms(f.At), f.Version}
}

func trustEventRow(acct int64, t *rapport.TrustEvent) []any {
	return []any{acct, t.ID, t.ContactID, t.Kind, t.Note, ms(t.At)}
}

// createFor inserts one row about a live contact of the account, with a new
// id of entity passed to args, in one transaction.
func (d *DB) createFor(ctx context.Context, acct, contactID int64, entity, table, columns string, id *int64, row func() []any) error {
	return d.inTx(ctx, func(tx *sql.Tx) error {
		if err := d.checkLiveContacts(ctx, tx, acct, []int64{contactID}); err != nil {
			return err
		}
		var err error
		if *id, err = d.nextIDs(ctx, tx, acct, entity, 1); err != nil {
			return err
		}
		r := row()
		_, err = tx.ExecContext(ctx, d.insertSQL(table, columns, 1, len(r)), r...)
		return err
	})
}

// list runs a query of the relationship tables: by account, or by account
// and contact, with an optional extra condition, and scans each row.
func (d *DB) list(ctx context.Context, table, columns, order string, acct int64, f rapport.RelationshipFilter, open string, scan func(s scanner) error) error {
	query := "SELECT " + columns + " FROM " + table + " WHERE account_id = $1"
	args := []any{acct}
	if f.ContactID != 0 {
		query += " AND contact_id = $2"
		args = append(args, f.ContactID)
	}
	if f.Open && open != "" {
		query += " AND " + open
	}
	rows, err := d.db.QueryContext(ctx, d.sql(query+" ORDER BY "+order), args...)
	if err != nil {
		return d.fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return d.fail(err)
		}
	}
	return d.fail(rows.Err())
}

// updateVersioned runs an UPDATE ... AND version = $3 and reports a stale
// version or a missing row as such.
func (d *DB) updateVersioned(ctx context.Context, what, table string, acct, id, version int64, query string, args ...any) error {
	res, err := d.db.ExecContext(ctx, query, append([]any{acct, id, version}, args...)...)
	if err != nil {
		return d.fail(err)
	}
	return d.fail(d.checkVersion(ctx, d.db, res, what, table, acct, id, version))
}

func (d *DB) CreateEffort(ctx context.Context, acct int64, e *rapport.Effort) error {
	e.Goal = strings.TrimSpace(e.Goal)
	if err := e.Validate(); err != nil {
		return err
	}
	e.StartedAt = e.StartedAt.UTC().Truncate(time.Millisecond)
	return d.createFor(ctx, acct, e.ContactID, "effort", "efforts", effortInsert, &e.ID, func() []any { return effortRow(acct, e) })
}

func (d *DB) Efforts(ctx context.Context, acct int64, f rapport.RelationshipFilter) ([]*rapport.Effort, error) {
	var out []*rapport.Effort
	err := d.list(ctx, "efforts", "id, contact_id, goal, started_at", "started_at, id", acct, f, "", func(s scanner) error {
		e, err := scanEffort(s)
		out = append(out, e)
		return err
	})
	return out, err
}

// scanEffort reads id, contact_id, goal, started_at.
func scanEffort(s scanner) (*rapport.Effort, error) {
	e := &rapport.Effort{}
	var started int64
	if err := s.Scan(&e.ID, &e.ContactID, &e.Goal, &started); err != nil {
		return nil, err
	}
	e.StartedAt = fromMs(started)
	return e, nil
}

func (d *DB) LatestEfforts(ctx context.Context, acct int64, now time.Time) ([]*rapport.Effort, error) {
	var es []*rapport.Effort
	err := d.query(ctx, d.q.LatestEfforts, []any{acct, ms(now)}, func(s scanner) error {
		e, err := scanEffort(s)
		if err != nil {
			return err
		}
		if n := len(es); n > 0 && es[n-1].ContactID == e.ContactID {
			es[n-1] = e // a later one of the same contact
		} else {
			es = append(es, e)
		}
		return nil
	})
	return es, err
}

func (d *DB) LatestEffortInteractions(ctx context.Context, acct int64, now time.Time) (map[int64][]*rapport.Interaction, error) {
	is := map[int64][]*rapport.Interaction{}
	return is, d.effortInteractions(ctx, d.q.LatestEffortInteractions, []any{acct, ms(now)}, is)
}

// effortInteractions reads rows of contact_id and interaction columns into
// is, by contact, each list oldest first.
func (d *DB) effortInteractions(ctx context.Context, query string, args []any, is map[int64][]*rapport.Interaction) error {
	err := d.query(ctx, query, args, func(s scanner) error {
		var contact int64
		i, err := scanInteraction(s, &contact)
		if err == nil {
			is[contact] = append(is[contact], i)
		}
		return err
	})
	if err != nil {
		return err
	}
	// Oldest first; the rows mostly come so already.
	oldestFirst := func(a, b *rapport.Interaction) int { return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID)) }
	for _, list := range is {
		if !slices.IsSortedFunc(list, oldestFirst) {
			slices.SortFunc(list, oldestFirst)
		}
	}
	return nil
}

// query runs a read and scans each row.
func (d *DB) query(ctx context.Context, query string, args []any, scan func(s scanner) error) error {
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return d.fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return d.fail(err)
		}
	}
	return d.fail(rows.Err())
}

const promiseColumns = "id, contact_id, promiser, what, due_at, state, created_at, resolved_at, version"

func scanPromise(s scanner) (*rapport.Promise, error) {
	p := &rapport.Promise{}
	var (
		due, resolved sql.NullInt64
		created       int64
	)
	if err := s.Scan(&p.ID, &p.ContactID, &p.By, &p.What, &due, &p.State, &created, &resolved, &p.Version); err != nil {
		return nil, err
	}
	p.Due, p.CreatedAt, p.ResolvedAt = fromNullMs(due), fromMs(created), fromNullMs(resolved)
	return p, nil
}

func preparePromise(p *rapport.Promise) error {
	p.What = strings.TrimSpace(p.What)
	if p.State == "" {
		p.State = rapport.PromiseOpen
	}
	if err := p.Validate(); err != nil {
		return err
	}
	p.CreatedAt = p.CreatedAt.UTC().Truncate(time.Millisecond)
	for _, t := range []*time.Time{p.Due, p.ResolvedAt} {
		if t != nil {
			*t = t.UTC().Truncate(time.Millisecond)
		}
	}
	return nil
}

func (d *DB) CreatePromise(ctx context.Context, acct int64, p *rapport.Promise) error {
	if err := preparePromise(p); err != nil {
		return err
	}
	p.Version = 1
	return d.createFor(ctx, acct, p.ContactID, "promise", "promises", promiseInsert, &p.ID, func() []any { return promiseRow(acct, p) })
}

func (d *DB) Promise(ctx context.Context, acct, id int64) (*rapport.Promise, error) {
	p, err := scanPromise(d.db.QueryRowContext(ctx, d.q.Promise, acct, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rapport.NotFound("promise", id)
	}
	return p, d.fail(err)
}

func (d *DB) UpdatePromise(ctx context.Context, acct int64, p *rapport.Promise) error {
	if err := preparePromise(p); err != nil {
		return err
	}
	if err := d.updateVersioned(ctx, "promise", "promises", acct, p.ID, p.Version, d.q.UpdatePromise,
		p.What, nullMs(p.Due), p.State, nullMs(p.ResolvedAt)); err != nil {
		return err
	}
	p.Version++
	return nil
}

func (d *DB) Promises(ctx context.Context, acct int64, f rapport.RelationshipFilter) ([]*rapport.Promise, error) {
	var out []*rapport.Promise
	err := d.list(ctx, "promises", promiseColumns, "due_at IS NULL, due_at, id", acct, f, "state = 'open'", func(s scanner) error {
		p, err := scanPromise(s)
		out = append(out, p)
		return err
	})
	return out, err
}

func (d *DB) AgendaPromises(ctx context.Context, acct int64, dueBefore time.Time) ([]*rapport.Promise, error) {
	var out []*rapport.Promise
	err := d.query(ctx, d.q.AgendaPromises, []any{acct, ms(dueBefore)}, func(s scanner) error {
		p, err := scanPromise(s)
		out = append(out, p)
		return err
	})
	return out, err
}

func (d *DB) AddTrustEvent(ctx context.Context, acct int64, t *rapport.TrustEvent) error {
	t.Note = strings.TrimSpace(t.Note)
	if err := t.Validate(); err != nil {
		return err
	}
	t.At = t.At.UTC().Truncate(time.Millisecond)
	return d.createFor(ctx, acct, t.ContactID, "trust_event", "trust_events", trustEventInsert, &t.ID, func() []any { return trustEventRow(acct, t) })
}

func (d *DB) TrustEvents(ctx context.Context, acct int64, f rapport.RelationshipFilter) ([]*rapport.TrustEvent, error) {
	var out []*rapport.TrustEvent
	err := d.list(ctx, "trust_events", "id, contact_id, kind, note, at", "at, id", acct, f, "", func(s scanner) error {
		t, err := scanTrustEvent(s)
		out = append(out, t)
		return err
	})
	return out, err
}

// scanTrustEvent reads id, contact_id, kind, note, at.
func scanTrustEvent(s scanner) (*rapport.TrustEvent, error) {
	t := &rapport.TrustEvent{}
	var at int64
	if err := s.Scan(&t.ID, &t.ContactID, &t.Kind, &t.Note, &at); err != nil {
		return nil, err
	}
	t.At = fromMs(at)
	return t, nil
}

const favorColumns = "id, contact_id, dir, kind, about, outcome, thanked, at, version"

func scanFavor(s scanner) (*rapport.Favor, error) {
	f := &rapport.Favor{}
	var at int64
	if err := s.Scan(&f.ID, &f.ContactID, &f.Dir, &f.Kind, &f.About, &f.Outcome, &f.Thanked, &at, &f.Version); err != nil {
		return nil, err
	}
	f.At = fromMs(at)
	return f, nil
}

func prepareFavor(f *rapport.Favor) error {
	f.About = strings.TrimSpace(f.About)
	if err := f.Validate(); err != nil {
		return err
	}
	f.At = f.At.UTC().Truncate(time.Millisecond)
	return nil
}

func (d *DB) AddFavor(ctx context.Context, acct int64, f *rapport.Favor) error {
	if err := prepareFavor(f); err != nil {
		return err
	}
	f.Version = 1
	return d.createFor(ctx, acct, f.ContactID, "favor", "favors", favorInsert, &f.ID, func() []any { return favorRow(acct, f) })
}

func (d *DB) Favor(ctx context.Context, acct, id int64) (*rapport.Favor, error) {
	f, err := scanFavor(d.db.QueryRowContext(ctx, d.q.Favor, acct, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rapport.NotFound("favor", id)
	}
	return f, d.fail(err)
}

func (d *DB) UpdateFavor(ctx context.Context, acct int64, f *rapport.Favor) error {
	if err := prepareFavor(f); err != nil {
		return err
	}
	if err := d.updateVersioned(ctx, "favor", "favors", acct, f.ID, f.Version, d.q.UpdateFavor,
		f.Kind, f.About, f.Outcome, f.Thanked); err != nil {
		return err
	}
	f.Version++
	return nil
}

func (d *DB) Favors(ctx context.Context, acct int64, f rapport.RelationshipFilter) ([]*rapport.Favor, error) {
	var out []*rapport.Favor
	err := d.list(ctx, "favors", favorColumns, "at, id", acct, f, "", func(s scanner) error {
		fv, err := scanFavor(s)
		out = append(out, fv)
		return err
	})
	return out, err
}

func (d *DB) Settings(ctx context.Context, acct int64) (rapport.Settings, error) {
	s := rapport.DefaultSettings()
	var text string
	err := d.db.QueryRowContext(ctx, d.q.Settings, acct).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, d.fail(err)
	}
	if err := json.Unmarshal([]byte(text), &s); err != nil {
		return s, rapport.Internal(err)
	}
	return s, nil
}

func (d *DB) SaveSettings(ctx context.Context, acct int64, s rapport.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	text, err := json.Marshal(s)
	if err != nil {
		return rapport.Internal(err)
	}
	_, err = d.db.ExecContext(ctx, d.q.SaveSettings, acct, string(text))
	return d.fail(err)
}

func (d *DB) CreateRecords(ctx context.Context, acct int64, r rapport.Records) error {
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
		p.Version = 1
	}
	for i, f := range r.Favors {
		if err := prepareFavor(f); err != nil {
			return withRecord(err, i, len(r.Favors))
		}
		f.Version = 1
	}
	for i, t := range r.Trust {
		t.Note = strings.TrimSpace(t.Note)
		if err := t.Validate(); err != nil {
			return withRecord(err, i, len(r.Trust))
		}
		t.At = t.At.UTC().Truncate(time.Millisecond)
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		// ids reserves n ids of entity and returns them in order.
		ids := func(entity string, n int) (func() int64, error) {
			if n == 0 {
				return nil, nil
			}
			next, err := d.nextIDs(ctx, tx, acct, entity, n)
			return func() int64 { next++; return next - 1 }, err
		}
		var rows [][]any
		id, err := ids("effort", len(r.Efforts))
		if err != nil {
			return err
		}
		for _, e := range r.Efforts {
			e.ID = id()
			rows = append(rows, effortRow(acct, e))
		}
		if err := d.insertRows(ctx, tx, "efforts", effortInsert, 5, rows); err != nil {
			return err
		}
		rows = rows[:0]
		if id, err = ids("promise", len(r.Promises)); err != nil {
			return err
		}
		for _, p := range r.Promises {
			p.ID = id()
			rows = append(rows, promiseRow(acct, p))
		}
		if err := d.insertRows(ctx, tx, "promises", promiseInsert, 10, rows); err != nil {
			return err
		}
		rows = rows[:0]
		if id, err = ids("favor", len(r.Favors)); err != nil {
			return err
		}
		for _, f := range r.Favors {
			f.ID = id()
			rows = append(rows, favorRow(acct, f))
		}
		if err := d.insertRows(ctx, tx, "favors", favorInsert, 10, rows); err != nil {
			return err
		}
		rows = rows[:0]
		if id, err = ids("trust_event", len(r.Trust)); err != nil {
			return err
		}
		for _, t := range r.Trust {
			t.ID = id()
			rows = append(rows, trustEventRow(acct, t))
		}
		return d.insertRows(ctx, tx, "trust_events", trustEventInsert, 6, rows)
	})
}
