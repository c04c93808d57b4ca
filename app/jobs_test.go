package app_test

import (
	"sync"
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/password"
	"rapport/sqlstore"
	"rapport/sqlstore/sqltest"
)

// TestScheduledWorkRunsExactlyOnceAcrossServers runs the scheduled work
// from several servers on one PostgreSQL database at the same moment: one
// claims the slot and expires the stale invitations; the others do nothing.
func TestScheduledWorkRunsExactlyOnceAcrossServers(t *testing.T) {
	for _, engine := range sqltest.Engines {
		t.Run(engine, func(t *testing.T) {
			sqltest.Require(t, engine)
			dsn := sqltest.DSN(t, engine)
			now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
			clock := func() time.Time { return now }
			// Each "server" has its own connections to the database.
			var svcs []*app.Service
			for range 4 {
				db, err := sqlstore.Open(t.Context(), dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				svcs = append(svcs, &app.Service{Store: db, Now: clock, Passwords: password.Fast})
			}
			in, err := svcs[0].SignUp(t.Context(), app.SignUpRequest{DisplayName: "Maya", Email: "maya@acme.example", Password: "a long password 1"})
			if err != nil {
				t.Fatal(err)
			}
			acct := in.Principal.Account.ID
			c := &rapport.Contact{DisplayName: "Omar"}
			if err := svcs[0].AddContact(t.Context(), acct, c); err != nil {
				t.Fatal(err)
			}
			// Two invitations long past the no-response delay, one recent, one answered.
			var ids []int64
			for _, tc := range []struct {
				daysAgo int
				outcome rapport.Outcome
			}{{30, ""}, {20, ""}, {1, ""}, {30, rapport.OutcomeDeclined}} {
				i := &rapport.Interaction{ContactIDs: []int64{c.ID}, Channel: rapport.ChannelCall, Invitation: true,
					Outcome: tc.outcome, At: now.AddDate(0, 0, -tc.daysAgo)}
				if err := svcs[0].Log(t.Context(), acct, i); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, i.ID)
			}

			results := make([]app.JobResult, len(svcs))
			var wg sync.WaitGroup
			for k, svc := range svcs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					res, err := svc.RunScheduledWork(t.Context(), "server-"+string(rune('a'+k)))
					if err != nil {
						t.Error(err)
					}
					results[k] = res
				}()
			}
			wg.Wait()
			claimed, expired := 0, 0
			for _, r := range results {
				if r.Claimed {
					claimed++
				}
				expired += r.Expired
			}
			if claimed != 1 || expired != 2 {
				t.Fatalf("servers claimed %d runs and expired %d invitations; want 1 run expiring 2 (%+v)", claimed, expired, results)
			}
			want := []struct {
				outcome rapport.Outcome
				version int64
			}{{rapport.OutcomeNoResponse, 2}, {rapport.OutcomeNoResponse, 2}, {rapport.OutcomeScheduled, 1}, {rapport.OutcomeDeclined, 1}}
			for k, id := range ids {
				i, err := svcs[1].Store.Interaction(t.Context(), acct, id)
				if err != nil {
					t.Fatal(err)
				}
				if i.Outcome != want[k].outcome || i.Version != want[k].version {
					t.Errorf("invitation %d: %s v%d, want %s v%d", id, i.Outcome, i.Version, want[k].outcome, want[k].version)
				}
			}
			// The next slot is claimed again, and finds nothing left to do.
			now = now.Add(app.JobInterval)
			res, err := svcs[2].RunScheduledWork(t.Context(), "server-c")
			if err != nil || !res.Claimed || res.Expired != 0 {
				t.Fatalf("next slot: %+v, %v", res, err)
			}
		})
	}
}
