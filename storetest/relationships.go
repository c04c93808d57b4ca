package storetest

import (
	"reflect"
	"testing"
	"time"

	"rapport"
)

func testEffortsPromisesTrustFavors(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	other := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ben"})

	e := &rapport.Effort{ContactID: c.ID, Goal: " closer work on Q3 ", StartedAt: T0}
	must(t, s.CreateEffort(ctx, acct, e))
	es, err := s.Efforts(ctx, acct, rapport.RelationshipFilter{ContactID: c.ID})
	must(t, err)
	if len(es) != 1 || !reflect.DeepEqual(es[0], e) || e.Goal != "closer work on Q3" {
		t.Fatalf("efforts = %+v, want %+v", es, e)
	}

	due := T0.Add(days(3))
	mine := &rapport.Promise{ContactID: c.ID, By: rapport.ByMe, What: "send the deck", Due: &due, CreatedAt: T0}
	theirs := &rapport.Promise{ContactID: other.ID, By: rapport.ByThem, What: "intro to CFO", CreatedAt: T0}
	must(t, s.CreatePromise(ctx, acct, mine))
	must(t, s.CreatePromise(ctx, acct, theirs))
	if mine.State != rapport.PromiseOpen || mine.Version != 1 {
		t.Fatalf("new promise: %+v", mine)
	}
	stale := *mine
	must(t, mine.Resolve(rapport.PromiseKept, T0.Add(days(1))))
	must(t, s.UpdatePromise(ctx, acct, mine))
	must(t, stale.Resolve(rapport.PromiseBroken, T0))
	wantCode(t, s.UpdatePromise(ctx, acct, &stale), rapport.ECONFLICT)
	got, err := s.Promise(ctx, acct, mine.ID)
	must(t, err)
	if !reflect.DeepEqual(got, mine) {
		t.Fatalf("promise read back:\n got %+v\nwant %+v", got, mine)
	}
	open, _ := s.Promises(ctx, acct, rapport.RelationshipFilter{Open: true})
	if len(open) != 1 || open[0].ID != theirs.ID {
		t.Fatalf("open promises: %+v", open)
	}
	all, _ := s.Promises(ctx, acct, rapport.RelationshipFilter{})
	if len(all) != 2 || all[0].ID != mine.ID {
		t.Fatalf("promises, dated first: %+v", all)
	}

	must(t, s.AddTrustEvent(ctx, acct, &rapport.TrustEvent{ContactID: c.ID, Kind: rapport.TrustBreach, Note: "took credit", At: T0}))
	wantCode(t, s.AddTrustEvent(ctx, acct, &rapport.TrustEvent{ContactID: c.ID, Kind: rapport.TrustReset, At: T0}), rapport.EINVALID)
	must(t, s.AddTrustEvent(ctx, acct, &rapport.TrustEvent{ContactID: c.ID, Kind: rapport.TrustReset, Note: "apologised", At: T0.Add(time.Hour)}))
	ts, _ := s.TrustEvents(ctx, acct, rapport.RelationshipFilter{ContactID: c.ID})
	if len(ts) != 2 || ts[0].Kind != rapport.TrustBreach || ts[1].Note != "apologised" {
		t.Fatalf("trust events: %+v", ts)
	}

	given := &rapport.Favor{ContactID: c.ID, Dir: rapport.FavorGiven, Kind: rapport.FavorIntro, About: "to a designer", At: T0}
	ask := &rapport.Favor{ContactID: c.ID, Dir: rapport.FavorAsked, Kind: rapport.FavorAdvice, About: "pricing", Outcome: rapport.FavorPartial, At: T0.Add(time.Hour)}
	must(t, s.AddFavor(ctx, acct, given))
	must(t, s.AddFavor(ctx, acct, ask))
	wantCode(t, s.AddFavor(ctx, acct, &rapport.Favor{ContactID: c.ID, Dir: "sideways", Kind: rapport.FavorIntro, At: T0}), rapport.EINVALID)
	favors, _ := s.Favors(ctx, acct, rapport.RelationshipFilter{ContactID: c.ID})
	if len(favors) != 2 || !reflect.DeepEqual(favors[0], given) || !reflect.DeepEqual(favors[1], ask) {
		t.Fatalf("favors, oldest first: %+v", favors)
	}
	staleFavor := *ask
	ask.Thanked = true
	must(t, s.UpdateFavor(ctx, acct, ask))
	staleFavor.About = "changed"
	wantCode(t, s.UpdateFavor(ctx, acct, &staleFavor), rapport.ECONFLICT)
	fv, _ := s.Favor(ctx, acct, ask.ID)
	if !fv.Thanked || fv.Version != 2 || fv.About != "pricing" {
		t.Fatalf("after thanks: favor %+v", fv)
	}

	// Records about a contact in the trash, or of no contact, are refused.
	must(t, s.DeleteContact(ctx, acct, other.ID, T0))
	wantCode(t, s.CreateEffort(ctx, acct, &rapport.Effort{ContactID: other.ID, StartedAt: T0}), rapport.EINVALID)
	wantCode(t, s.AddFavor(ctx, acct, &rapport.Favor{ContactID: 999, Dir: rapport.FavorGiven, Kind: rapport.FavorTime, At: T0}), rapport.ENOTFOUND)
}

func testSettings(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	other := newAccount(t, s, "b")
	got, err := s.Settings(ctx, acct)
	must(t, err)
	if got != rapport.DefaultSettings() {
		t.Fatalf("settings of a new account = %+v, want the defaults", got)
	}
	mine := rapport.DefaultSettings()
	mine.CadenceInnerDays, mine.MaxAttempts = 7, 2
	must(t, s.SaveSettings(ctx, acct, mine))
	bad := mine
	bad.DormantDays = 0
	wantCode(t, s.SaveSettings(ctx, acct, bad), rapport.EINVALID)
	got, _ = s.Settings(ctx, acct)
	theirs, _ := s.Settings(ctx, other)
	if got != mine || theirs != rapport.DefaultSettings() {
		t.Fatalf("settings: mine %+v, theirs %+v", got, theirs)
	}
}

// testRelationshipIsolation proves one account cannot read or change
// another's efforts, promises, trust events or favors.
func testRelationshipIsolation(t *testing.T, s rapport.Store) {
	mine := newAccount(t, s, "mine")
	theirs := newAccount(t, s, "theirs")
	addContact(t, s, mine, &rapport.Contact{DisplayName: "Mine"})
	c := addContact(t, s, theirs, &rapport.Contact{DisplayName: "Theirs"})
	p := &rapport.Promise{ContactID: c.ID, By: rapport.ByThem, What: "secret", CreatedAt: T0}
	f := &rapport.Favor{ContactID: c.ID, Dir: rapport.FavorReceived, Kind: rapport.FavorReferral, At: T0}
	must(t, s.CreatePromise(ctx, theirs, p))
	must(t, s.AddFavor(ctx, theirs, f))
	must(t, s.CreateEffort(ctx, theirs, &rapport.Effort{ContactID: c.ID, StartedAt: T0}))
	must(t, s.AddTrustEvent(ctx, theirs, &rapport.TrustEvent{ContactID: c.ID, Kind: rapport.TrustBreach, At: T0}))

	_, err := s.Promise(ctx, mine, p.ID)
	wantCode(t, err, rapport.ENOTFOUND)
	_, err = s.Favor(ctx, mine, f.ID)
	wantCode(t, err, rapport.ENOTFOUND)
	pp, ff := *p, *f
	pp.State = rapport.PromiseBroken
	ff.Thanked = true
	wantCode(t, s.UpdatePromise(ctx, mine, &pp), rapport.ENOTFOUND)
	wantCode(t, s.UpdateFavor(ctx, mine, &ff), rapport.ENOTFOUND)
	for _, filter := range []rapport.RelationshipFilter{{}, {ContactID: c.ID}, {Open: true}} {
		ps, _ := s.Promises(ctx, mine, filter)
		fs, _ := s.Favors(ctx, mine, filter)
		es, _ := s.Efforts(ctx, mine, filter)
		ts, _ := s.TrustEvents(ctx, mine, filter)
		if len(ps)+len(fs)+len(es)+len(ts) != 0 {
			t.Fatalf("filter %+v shows their records: %d promises, %d favors, %d efforts, %d trust events", filter, len(ps), len(fs), len(es), len(ts))
		}
	}
	got, _ := s.Promise(ctx, theirs, p.ID)
	if got.State != rapport.PromiseOpen {
		t.Fatalf("their promise was changed: %+v", got)
	}
}
