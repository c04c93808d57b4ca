package bench

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"rapport"
	"rapport/gen"
	"rapport/sqlstore"
)

var ctx = context.Background()

// open opens a fixture through the store, and the same file with the bare
// driver for the floor.
func open(b *testing.B, path string) (*sqlstore.DB, int64) {
	b.Helper()
	db, err := sqlstore.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	a, err := db.DefaultAccount(ctx)
	if err != nil {
		b.Fatal(err)
	}
	return db, a.ID
}

// batchSize is how many interactions one bulk insert writes.
const batchSize = 20_000

// batches makes n batches of interactions with the fixture's contacts, as
// `rapport gen` does (grouped by contact).
func batches(b *testing.B, db *sqlstore.DB, acct int64, n int) [][]*rapport.Interaction {
	b.Helper()
	cs, err := db.Contacts(ctx, acct, rapport.ContactFilter{})
	if err != nil {
		b.Fatal(err)
	}
	now, _ := time.Parse(time.RFC3339, Now)
	g := gen.New(99, now)
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	var out [][]*rapport.Interaction
	var cur []*rapport.Interaction
	for len(out) < n {
		for _, c := range cs {
			cur = append(cur, g.Interactions(c, 1+int(c.ID%3), ids)...)
			if len(cur) >= batchSize {
				out = append(out, cur[:batchSize])
				cur = nil
				if len(out) == n {
					break
				}
			}
		}
	}
	return out
}

func reportPer(b *testing.B, n int, unit string) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/"+unit)
}

// BenchmarkBulkInsertInteractions writes 20,000 interactions (with their
// contact links and each contact's summary) into the fixture, in one
// transaction. The floor writes the same rows with prepared single-row
// statements in one transaction.
func BenchmarkBulkInsertInteractions(b *testing.B) {
	path := Fixture(b, FixtureSize())
	b.Run("rapport", func(b *testing.B) {
		db, acct := open(b, Copy(b, path))
		work := batches(b, db, acct, b.N)
		b.ResetTimer()
		for i := range b.N {
			if err := db.CreateInteractions(ctx, acct, work[i]); err != nil {
				b.Fatal(err)
			}
		}
		reportPer(b, batchSize, "interaction")
	})
	b.Run("floor", func(b *testing.B) {
		db, acct := open(b, Copy(b, path))
		work := batches(b, db, acct, b.N)
		raw := db.SQL()
		var next int64
		if err := raw.QueryRow(`SELECT COALESCE(MAX(id), 0) + 1 FROM interactions WHERE account_id = ?`, acct).Scan(&next); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := range b.N {
			if err := floorInsert(raw, acct, &next, work[i]); err != nil {
				b.Fatal(err)
			}
		}
		reportPer(b, batchSize, "interaction")
	})
}

func floorInsert(raw *sql.DB, acct int64, next *int64, is []*rapport.Interaction) error {
	tx, err := raw.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.Prepare(`INSERT INTO interactions (account_id, id, at, channel, direction, invitation, outcome, note, created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,1)`)
	if err != nil {
		return err
	}
	link, err := tx.Prepare(`INSERT INTO interaction_contacts (account_id, contact_id, at, interaction_id) VALUES (?,?,?,?)`)
	if err != nil {
		return err
	}
	sum, err := tx.Prepare(`UPDATE contacts SET n_interactions = n_interactions + ?3,
		first_at = MIN(COALESCE(first_at, ?4), COALESCE(?4, first_at)), last_at = MAX(COALESCE(last_at, ?5), COALESCE(?5, last_at)),
		last_meaningful_at = MAX(COALESCE(last_meaningful_at, ?6), COALESCE(?6, last_meaningful_at)),
		n_inbound = n_inbound + ?7, n_held_live = n_held_live + ?8 WHERE account_id = ?1 AND id = ?2`)
	if err != nil {
		return err
	}
	deltas := map[int64]*rapport.Summary{}
	for _, i := range is {
		id := *next
		*next++
		at := i.At.UnixMilli()
		if _, err := ins.Exec(acct, id, at, i.Channel, i.Direction, i.Invitation, i.Outcome, i.Note, at, at); err != nil {
			return err
		}
		for _, c := range i.ContactIDs {
			if _, err := link.Exec(acct, c, at, id); err != nil {
				return err
			}
			if deltas[c] == nil {
				deltas[c] = &rapport.Summary{}
			}
			deltas[c].Add(i)
		}
	}
	ms := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return t.UnixMilli()
	}
	for c, s := range deltas {
		if _, err := sum.Exec(acct, c, s.Interactions, ms(s.FirstAt), ms(s.LastAt), ms(s.LastMeaningfulAt), s.Inbound, s.HeldLive); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// BenchmarkListContacts lists every live contact, sorted, with every field,
// emails, phones and tags. The floor runs the same three queries and scans
// the same columns into plain variables.
func BenchmarkListContacts(b *testing.B) {
	db, acct := open(b, Fixture(b, FixtureSize()))
	b.Run("rapport", func(b *testing.B) {
		for range b.N {
			cs, err := db.Contacts(ctx, acct, rapport.ContactFilter{})
			if err != nil || len(cs) == 0 {
				b.Fatal(err, len(cs))
			}
		}
	})
	b.Run("floor", func(b *testing.B) {
		raw := db.SQL()
		for range b.N {
			if err := floorList(raw, acct); err != nil {
				b.Fatal(err)
			}
		}
	})
}

type floorContact struct {
	id, cadence, created, updated, version, n, inbound, held            int64
	name, given, family, kind, tier, org, title, lang, gender, howWeMet string
	by, bm, bd, deleted, first, last, lastMeaningful                    sql.NullInt64
	points, tags                                                        []string
}

func floorList(raw *sql.DB, acct int64) error {
	rows, err := raw.Query(`SELECT id, display_name, given_name, family_name, kind, tier, cadence_days,
		org, title, lang, gender, birthday_year, birthday_month, birthday_day, how_we_met,
		created_at, updated_at, deleted_at, version,
		n_interactions, first_at, last_at, last_meaningful_at, n_inbound, n_held_live
		FROM contacts WHERE account_id = ? AND deleted_at IS NULL ORDER BY sort_key, id`, acct)
	if err != nil {
		return err
	}
	var cs []*floorContact
	byID := map[int64]*floorContact{}
	for rows.Next() {
		c := &floorContact{}
		if err := rows.Scan(&c.id, &c.name, &c.given, &c.family, &c.kind, &c.tier, &c.cadence,
			&c.org, &c.title, &c.lang, &c.gender, &c.by, &c.bm, &c.bd, &c.howWeMet,
			&c.created, &c.updated, &c.deleted, &c.version,
			&c.n, &c.first, &c.last, &c.lastMeaningful, &c.inbound, &c.held); err != nil {
			return err
		}
		cs = append(cs, c)
		byID[c.id] = c
	}
	rows.Close()
	if len(cs) == 0 {
		return fmt.Errorf("no contacts")
	}
	for _, q := range []struct {
		query string
		into  func(c *floorContact) *[]string
	}{
		{`SELECT contact_id, value FROM contact_points WHERE account_id = ? ORDER BY contact_id, medium, position`, func(c *floorContact) *[]string { return &c.points }},
		{`SELECT contact_id, tag FROM contact_tags WHERE account_id = ? ORDER BY contact_id, tag`, func(c *floorContact) *[]string { return &c.tags }},
	} {
		rows, err := raw.Query(q.query, acct)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var v string
			if err := rows.Scan(&id, &v); err != nil {
				return err
			}
			if c := byID[id]; c != nil {
				list := q.into(c)
				*list = append(*list, v)
			}
		}
		rows.Close()
	}
	return nil
}

// BenchmarkLastInteractionPerContact computes when each contact was last in
// touch. Rapport reads the summary it keeps on each contact; the floor is one
// grouped query over the interaction links.
func BenchmarkLastInteractionPerContact(b *testing.B) {
	db, acct := open(b, Fixture(b, FixtureSize()))
	b.Run("rapport", func(b *testing.B) {
		for range b.N {
			last, err := db.LastInteractions(ctx, acct)
			if err != nil || len(last) == 0 {
				b.Fatal(err)
			}
		}
	})
	b.Run("floor", func(b *testing.B) {
		raw := db.SQL()
		for range b.N {
			rows, err := raw.Query(`SELECT contact_id, MAX(at) FROM interaction_contacts WHERE account_id = ? GROUP BY contact_id`, acct)
			if err != nil {
				b.Fatal(err)
			}
			last := map[int64]int64{}
			for rows.Next() {
				var id, at int64
				if err := rows.Scan(&id, &at); err != nil {
					b.Fatal(err)
				}
				last[id] = at
			}
			rows.Close()
		}
	})
}

// TestFixtureMatchesStore checks, on a small fixture, that the floor of the
// last-interaction benchmark computes what the store keeps: otherwise the
// comparison would be meaningless.
func TestFixtureMatchesStore(t *testing.T) {
	t.Setenv("RAPPORT_BENCH_DIR", t.TempDir())
	path := Fixture(t, Size{Contacts: 200, Interactions: 3000})
	db, err := sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, _ := db.DefaultAccount(ctx)
	last, err := db.LastInteractions(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL().Query(`SELECT contact_id, MAX(at) FROM interaction_contacts WHERE account_id = ? GROUP BY contact_id`, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id, at int64
		rows.Scan(&id, &at)
		if got := last[id]; got.UnixMilli() != at {
			t.Fatalf("contact %d: store says %v, interactions say %v", id, got, time.UnixMilli(at))
		}
		n++
	}
	if n != len(last) || n == 0 {
		t.Fatalf("%d contacts with interactions, store knows %d", n, len(last))
	}
}
