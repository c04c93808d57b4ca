package bench

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the time zones below, wherever the test runs

	"rapport"
	"rapport/app"
	"rapport/rules"
	"rapport/sqlstore"
	"rapport/sqlstore/sqltest"
)

// TestTodayMatchesReference checks that Today, which reads only what can put
// a contact on the agenda, gives exactly the agenda of the plain way: read
// every contact and every record, run rules.Today over all the histories,
// keep TodayLimit keep-in-touch and reconnect items. It runs on data from
// `rapport gen` (several seeds, both engines), with contacts in the trash,
// at several times, time zones and settings; and with most contacts' trust
// lost, so that Today must read more than the first page of overdue and
// dormant contacts.
func TestTodayMatchesReference(t *testing.T) {
	if testing.Short() {
		t.Skip("generates data")
	}
	for _, engine := range sqltest.Engines {
		t.Run(engine, func(t *testing.T) {
			sqltest.Require(t, engine)
			for _, seed := range []int{1, 2, 3} {
				t.Run("seed "+strconv.Itoa(seed), func(t *testing.T) {
					dsn := sqltest.DSN(t, engine)
					for _, args := range [][]string{{"init"}, {"gen", "--contacts", "2000", "--interactions", "30000", "--seed", strconv.Itoa(seed)}} {
						if err := RunCLI(dsn, args...); err != nil {
							t.Fatal(err)
						}
					}
					db, err := sqlstore.Open(ctx, dsn)
					if err != nil {
						t.Fatal(err)
					}
					defer db.Close()
					a, err := db.DefaultAccount(ctx)
					if err != nil {
						t.Fatal(err)
					}
					st := &countingStore{Store: db}
					distrust := seed == 3
					prepareReference(t, db, a.ID, distrust)
					kinds := map[rules.ItemKind]bool{}
					for _, v := range todayVariants(t) {
						t.Run(v.name, func(t *testing.T) {
							if err := db.SaveSettings(ctx, a.ID, v.set); err != nil {
								t.Fatal(err)
							}
							st.lists = 0
							svc := &app.Service{Store: st, Now: func() time.Time { return v.now }}
							got, err := svc.Today(ctx, a.ID)
							if err != nil {
								t.Fatal(err)
							}
							want := referenceToday(t, db, a.ID, v.now)
							compareToday(t, got, want)
							for _, it := range want.Items {
								kinds[it.Kind] = true
							}
							if distrust && v.name == "defaults" && st.lists == 0 {
								t.Errorf("Today read only the first page of overdue contacts; this case is meant to make it read on")
							}
						})
					}
					if len(kinds) != len(rules.ItemKinds) {
						t.Errorf("the reference agendas have items of only %d kinds (%v): the data should exercise them all", len(kinds), kinds)
					}
				})
			}
		})
	}
}

// countingStore counts the pages beyond the first that Today reads of the
// keep-in-touch streams it reads by filter.
type countingStore struct {
	rapport.Store
	mu    sync.Mutex
	lists int
}

func (s *countingStore) ContactLists(ctx context.Context, acct int64, fs []rapport.ContactFilter) ([][]*rapport.Contact, error) {
	for _, f := range fs {
		if f.Limit > 3*app.TodayLimit {
			s.mu.Lock()
			s.lists++
			s.mu.Unlock()
		}
	}
	return s.Store.ContactLists(ctx, acct, fs)
}

// prepareReference puts every 37th contact in the trash; with distrust, it
// records two breaches (trust lost: no invitation item) for fifteen
// contacts in sixteen.
func prepareReference(t *testing.T, db *sqlstore.DB, acct int64, distrust bool) {
	t.Helper()
	now, _ := time.Parse(time.RFC3339, Now)
	cs, err := db.Contacts(ctx, acct, rapport.ContactFilter{Bare: true})
	if err != nil {
		t.Fatal(err)
	}
	var recs rapport.Records
	for _, c := range cs {
		if distrust && c.ID%16 != 0 {
			for k := range 2 {
				recs.Trust = append(recs.Trust, &rapport.TrustEvent{ContactID: c.ID, Kind: rapport.TrustBreach,
					Note: "broke a confidence", At: now.AddDate(0, 0, -30*(k+1))})
			}
		}
	}
	if err := db.CreateRecords(ctx, acct, recs); err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.ID%37 == 0 {
			if err := db.DeleteContact(ctx, acct, c.ID, now); err != nil {
				t.Fatal(err)
			}
		}
	}
}

type todayVariant struct {
	name string
	set  rapport.Settings
	now  time.Time
}

func todayVariants(t *testing.T) []todayVariant {
	t.Helper()
	now, _ := time.Parse(time.RFC3339, Now)
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	tight := rapport.DefaultSettings()
	tight.CadenceInnerDays, tight.CadenceCoreDays, tight.CadenceWiderDays, tight.DormantDays = 7, 14, 30, 60
	tight.MaxAttempts, tight.NoResponseDays, tight.BirthdayWindowDays, tight.ReciprocityDeficit = 1, 3, 30, -1
	loose := rapport.DefaultSettings()
	loose.CadenceInnerDays, loose.CadenceCoreDays, loose.CadenceWiderDays, loose.DormantDays = 120, 400, 900, 100
	loose.MaxAttempts, loose.ReciprocityDeficit = 5, -4
	return []todayVariant{
		{"defaults", rapport.DefaultSettings(), now},
		{"defaults in Auckland", rapport.DefaultSettings(), now.In(zone("Pacific/Auckland"))},
		{"defaults in Warsaw, 90 days earlier", rapport.DefaultSettings(), now.AddDate(0, 0, -90).In(zone("Europe/Warsaw"))},
		{"tight in Sao Paulo, 40 days later", tight, now.AddDate(0, 0, 40).In(zone("America/Sao_Paulo"))},
		{"loose in New York, a year later", loose, now.AddDate(1, 0, 0).In(zone("America/New_York"))},
	}
}

// referenceToday is Today done the plain way.
func referenceToday(t *testing.T, st rapport.Store, acct int64, now time.Time) app.TodayResult {
	t.Helper()
	now = now.Truncate(time.Millisecond)
	set, err := st.Settings(ctx, acct)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := st.Contacts(ctx, acct, rapport.ContactFilter{Bare: true})
	if err != nil {
		t.Fatal(err)
	}
	var all rapport.RelationshipFilter
	es, err1 := st.Efforts(ctx, acct, all)
	ps, err2 := st.Promises(ctx, acct, all)
	fs, err3 := st.Favors(ctx, acct, all)
	ts, err4 := st.TrustEvents(ctx, acct, all)
	is, err5 := st.EffortInteractions(ctx, acct)
	for _, err := range []error{err1, err2, err3, err4, err5} {
		if err != nil {
			t.Fatal(err)
		}
	}
	at := map[int64]int{}
	hs := make([]rules.History, len(cs))
	for k, c := range cs {
		at[c.ID] = k
		hs[k] = rules.History{Contact: c, Interactions: is[c.ID]}
	}
	// Records of contacts in the trash have no history to go to.
	history := func(id int64) *rules.History {
		if k, ok := at[id]; ok {
			return &hs[k]
		}
		return &rules.History{}
	}
	for _, e := range es {
		h := history(e.ContactID)
		h.Efforts = append(h.Efforts, e)
	}
	for _, p := range ps {
		h := history(p.ContactID)
		h.Promises = append(h.Promises, p)
	}
	for _, f := range fs {
		h := history(f.ContactID)
		h.Favors = append(h.Favors, f)
	}
	for _, x := range ts {
		h := history(x.ContactID)
		h.Trust = append(h.Trust, x)
	}
	items, more := rules.Top(rules.Today(hs, set, now), app.TodayLimit)
	return app.TodayResult{Items: items, More: more}
}

// compareToday wants the same items, and the same More for the kinds it is
// exact for; for the others, no greater than the reference's (Today's is a
// lower bound).
func compareToday(t *testing.T, got, want app.TodayResult) {
	t.Helper()
	if !reflect.DeepEqual(got.Items, want.Items) {
		for k := range max(len(got.Items), len(want.Items)) {
			var g, w string
			if k < len(got.Items) {
				g = describeItem(got.Items[k])
			}
			if k < len(want.Items) {
				w = describeItem(want.Items[k])
			}
			if g != w || (k < len(got.Items) && k < len(want.Items) && !reflect.DeepEqual(got.Items[k], want.Items[k])) {
				t.Fatalf("%d items, the reference %d; item %d is\n  %s\nnot\n  %s", len(got.Items), len(want.Items), k, g, w)
			}
		}
	}
	for _, kind := range rules.ItemKinds {
		switch kind {
		case rules.ItemAttempt, rules.ItemKeepInTouch, rules.ItemReconnect:
			if got.More[kind] > want.More[kind] {
				t.Errorf("More[%s] = %d, beyond the %d there are", kind, got.More[kind], want.More[kind])
			}
		default:
			if got.More[kind] != want.More[kind] {
				t.Errorf("More[%s] = %d, not the %d there are", kind, got.More[kind], want.More[kind])
			}
		}
	}
}

func describeItem(it rules.Item) string {
	return fmt.Sprintf("%s contact %d (%s) due %s promise %d effort %d count %d: %s",
		it.Kind, it.ContactID, it.ContactName, it.Due.Format(time.RFC3339), it.PromiseID, it.EffortID, it.Count, it.Reason)
}
