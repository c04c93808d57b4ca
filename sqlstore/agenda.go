package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"time"

	"golang.org/x/sync/errgroup"

	"rapport"
)

// Today's candidates: a page of each kind, most urgent first (queries.go).

func (d *DB) DuePromiseContacts(ctx context.Context, acct int64, by rapport.PromiseBy, before time.Time, limit int) (rapport.Candidates, error) {
	return d.candidates(ctx, d.q.DuePromiseContacts, acct, by, ms(before), limit)
}

func (d *DB) UnthankedContacts(ctx context.Context, acct int64, limit int) (rapport.Candidates, error) {
	return d.candidates(ctx, d.q.UnthankedContacts, acct, limit)
}

func (d *DB) DeficitContacts(ctx context.Context, acct int64, deficit, limit int) (rapport.Candidates, error) {
	return d.candidates(ctx, d.q.DeficitContacts, acct, deficit, limit)
}

func (d *DB) EffortContacts(ctx context.Context, acct int64, now time.Time, limit int) ([]rapport.Candidate, error) {
	cs, err := d.candidates(ctx, d.q.EffortContacts, acct, ms(now), limit)
	return cs.List, err
}

// candidates reads rows of contact_id, from and the count of all rows (0
// where the read does not count them).
func (d *DB) candidates(ctx context.Context, query string, args ...any) (rapport.Candidates, error) {
	var out rapport.Candidates
	err := d.query(ctx, query, args, func(s scanner) error {
		var c rapport.Candidate
		var from int64
		err := s.Scan(&c.ContactID, &from, &out.Total)
		c.From = fromMs(from)
		out.List = append(out.List, c)
		return err
	})
	return out, err
}

func (d *DB) BornOn(ctx context.Context, acct int64, days []rapport.Birthday) ([]rapport.ContactBirthday, error) {
	if len(days) == 0 {
		return nil, nil
	}
	var out []rapport.ContactBirthday
	err := d.query(ctx, d.sql(fmt.Sprintf(agendaBirthdays, birthdayValues(days))), []any{acct}, func(s scanner) error {
		var c rapport.ContactBirthday
		var year sql.NullInt64
		var month int
		err := s.Scan(&c.ContactID, &year, &month, &c.Birthday.Day)
		c.Birthday.Year, c.Birthday.Month = int(year.Int64), time.Month(month)
		out = append(out, c)
		return err
	})
	return out, err
}

// AgendaRecords reads the five kinds of record side by side, as many at
// once as the process has processors (as app.Today does its reads: more
// only queue for the same cores, and each needs a connection).
func (d *DB) AgendaRecords(ctx context.Context, acct int64, ids []int64, now time.Time) (rapport.Records, map[int64][]*rapport.Interaction, error) {
	var (
		recs rapport.Records
		is   = map[int64][]*rapport.Interaction{}
	)
	if len(ids) == 0 {
		return recs, is, nil
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	rows := func(query string, scan func(s scanner) error) func() error {
		return func() error {
			return d.forIDChunks(ids, query, []any{acct}, func(q string, args []any) error { return d.query(gctx, q, args, scan) })
		}
	}
	g.Go(rows(agendaEfforts, into(&recs.Efforts, scanEffort)))
	g.Go(rows(agendaPromises, into(&recs.Promises, scanPromise)))
	g.Go(rows(agendaFavors, into(&recs.Favors, scanFavor)))
	g.Go(rows(agendaTrust, into(&recs.Trust, scanTrustEvent)))
	g.Go(func() error {
		return d.forIDChunks(ids, agendaInteractions, []any{acct, ms(now)}, func(q string, args []any) error {
			return d.effortInteractions(gctx, q, args, is)
		})
	})
	if err := g.Wait(); err != nil {
		return rapport.Records{}, nil, err
	}
	return recs, is, nil
}

// into returns a row scanner that appends what scan reads to dst.
func into[T any](dst *[]T, scan func(scanner) (T, error)) func(scanner) error {
	return func(s scanner) error {
		v, err := scan(s)
		*dst = append(*dst, v)
		return err
	}
}

// forIDChunks calls run with query, whose %s is an id list, and its
// arguments (lead, then the ids), for inListMax ids at a time.
func (d *DB) forIDChunks(ids []int64, query string, lead []any, run func(query string, args []any) error) error {
	for start := 0; start < len(ids); start += inListMax {
		chunk := ids[start:min(start+inListMax, len(ids))]
		args := append(make([]any, 0, len(lead)+len(chunk)), lead...)
		for _, id := range chunk {
			args = append(args, id)
		}
		if err := run(d.sql(fmt.Sprintf(query, idList(len(chunk), len(lead)+1))), args); err != nil {
			return err
		}
	}
	return nil
}
