package rules_test

import (
	"fmt"
	"slices"
	"testing"

	"rapport"
	"rapport/rules"
)

func TestRule11_Review(t *testing.T) {
	mk := func(cid int64, kind rapport.Kind, opts ...func(*rapport.Contact)) *rapport.Contact {
		c := person(opts...)
		c.ID, c.DisplayName, c.Kind = cid, fmt.Sprintf("C%d", cid), kind
		return c
	}
	sided := func(total, inbound int) func(*rapport.Contact) {
		return func(c *rapport.Contact) { c.Summary.Interactions, c.Summary.Inbound = total, inbound }
	}
	resolved := func(by rapport.PromiseBy, st rapport.PromiseState, n int) *rapport.Promise {
		p := promise(by, st, nil)
		p.ResolvedAt = ptr(ago(n))
		return p
	}
	fails := func(days ...int) []*rapport.Interaction {
		var is []*rapport.Interaction
		for _, d := range days {
			is = append(is, invite(d, rapport.OutcomeDeclined))
		}
		return is
	}
	hs := []rules.History{
		// colleague, only I reach out (5), overdue; an effort given up 15 days ago
		{Contact: mk(1, rapport.KindColleague, lastMet(40), sided(5, 0)), Efforts: []*rapport.Effort{effort(50)}, Interactions: fails(35, 25, 15)},
		// colleague, only I reach out (9); an effort started 100 days ago, succeeded 95 days ago
		{Contact: mk(2, rapport.KindColleague, lastMet(3), sided(9, 0)), Efforts: []*rapport.Effort{effort(100)}, Interactions: []*rapport.Interaction{met(95, rapport.Outbound)}},
		// client, only they reach out (4), dormant; trust lost
		{Contact: mk(3, rapport.KindClient, lastMet(200), sided(4, 4)), Trust: []*rapport.TrustEvent{breach(50), breach(5)}},
		// client, both ways; an active effort started in the period; promises
		{Contact: mk(4, rapport.KindClient, lastMet(3), sided(6, 3)), Efforts: []*rapport.Effort{effort(10)},
			Promises: []*rapport.Promise{
				resolved(rapport.ByMe, rapport.PromiseKept, 5), resolved(rapport.ByMe, rapport.PromiseKept, 50),
				resolved(rapport.ByMe, rapport.PromiseBroken, 5), resolved(rapport.ByThem, rapport.PromiseKept, 5),
				resolved(rapport.ByThem, rapport.PromiseBroken, 40), promise(rapport.ByThem, rapport.PromiseOpen, ptr(3))}},
		// a mentor, one breach; a succeeded effort in the period
		{Contact: mk(5, rapport.KindMentor, lastMet(2), sided(2, 1)), Trust: []*rapport.TrustEvent{breach(3)},
			Efforts: []*rapport.Effort{effort(20)}, Interactions: []*rapport.Interaction{met(2, rapport.Inbound)}},
		// in the trash: left out entirely
		{Contact: mk(6, rapport.KindClient, lastMet(400), sided(50, 0), func(c *rapport.Contact) { c.DeletedAt = ptr(ago(1)) })},
		// no contact: left out
		{},
	}
	r := rules.Review(hs, ago(30), defaults, now)

	if r.Contacts != 5 || r.InternalCustomers != 2 || r.ExternalCustomers != 2 || r.OtherContacts != 1 {
		t.Errorf("contacts %d: internal %d, external %d, others %d; want 5: 2, 2, 1", r.Contacts, r.InternalCustomers, r.ExternalCustomers, r.OtherContacts)
	}
	if r.ByKind[rapport.KindMentor] != 1 || r.ByKind[rapport.KindFriend] != 0 || len(r.ByKind) != len(rapport.Kinds) {
		t.Errorf("by kind = %v", r.ByKind)
	}
	wantEfforts := map[rules.EffortState]int{rules.EffortNone: 1, rules.EffortActive: 1, rules.EffortSucceeded: 2, rules.EffortGivenUp: 1}
	for st, n := range wantEfforts {
		if r.ByEffortState[st] != n {
			t.Errorf("by effort state = %v, want %v", r.ByEffortState, wantEfforts)
		}
	}
	wantTrust := map[rules.TrustState]int{rules.TrustGood: 2, rules.TrustSecondChance: 2, rules.TrustLost: 1} // contact 4 broke a promise
	for st, n := range wantTrust {
		if r.ByTrustState[st] != n {
			t.Errorf("by trust state = %v, want %v", r.ByTrustState, wantTrust)
		}
	}
	if r.Overdue != 2 || r.Dormant != 1 || r.ProfessionalOnly != 2 {
		t.Errorf("overdue %d, dormant %d, professional only %d; want 2, 1, 2", r.Overdue, r.Dormant, r.ProfessionalOnly)
	}
	ids := func(os []rules.OneSided) []int64 {
		out := []int64{}
		for _, o := range os {
			out = append(out, o.ContactID)
		}
		return out
	}
	if got := ids(r.OnlyIReachOut); !slices.Equal(got, []int64{2, 1}) || r.OnlyIReachOut[0].Outbound != 9 {
		t.Errorf("only I reach out = %+v, want contacts 2 (9 interactions) then 1", r.OnlyIReachOut)
	}
	if got := ids(r.OnlyTheyReachOut); !slices.Equal(got, []int64{3}) || r.OnlyTheyReachOut[0].Inbound != 4 {
		t.Errorf("only they reach out = %+v, want contact 3", r.OnlyTheyReachOut)
	}
	if want := (rules.PromiseCounts{MineKept: 1, MineBroken: 1, TheirsKept: 1, TheirsBroken: 0}); r.Promises != want {
		t.Errorf("promises = %+v, want %+v", r.Promises, want)
	}
	if want := (rules.EffortCounts{Started: 2, Succeeded: 1, GivenUp: 1}); r.Efforts != want {
		t.Errorf("efforts = %+v, want %+v", r.Efforts, want)
	}
	if r.Since == nil || !r.Since.Equal(ago(30)) || !r.Until.Equal(now) {
		t.Errorf("period %v – %v", r.Since, r.Until)
	}

	all := rules.Review(hs, ago(1000), defaults, now)
	if want := (rules.EffortCounts{Started: 4, Succeeded: 2, GivenUp: 1}); all.Efforts != want {
		t.Errorf("efforts since the beginning = %+v, want %+v", all.Efforts, want)
	}
	if want := (rules.PromiseCounts{MineKept: 2, MineBroken: 1, TheirsKept: 1, TheirsBroken: 1}); all.Promises != want {
		t.Errorf("promises since the beginning = %+v, want %+v", all.Promises, want)
	}
}

func TestRule11_Review_AnEffortEndsWhereTheNextStarts(t *testing.T) {
	// The first effort failed twice and was left active when the second
	// started; the second's failures are not the first's third.
	h := history(person(lastMet(1)), invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined),
		invite(10, rapport.OutcomeDeclined), invite(5, rapport.OutcomeDeclined))
	h.Efforts = []*rapport.Effort{effort(60), effort(15)}
	r := rules.Review([]rules.History{h}, ago(1000), defaults, now)
	if want := (rules.EffortCounts{Started: 2}); r.Efforts != want || r.ByEffortState[rules.EffortActive] != 1 {
		t.Fatalf("efforts = %+v, by state %v; want two started, none given up, the latest active", r.Efforts, r.ByEffortState)
	}
}

func TestRule11_Review_UnknownKindsAreOthers(t *testing.T) {
	r := rules.Review([]rules.History{{Contact: person(func(c *rapport.Contact) { c.Kind = "boss" })}}, now, defaults, now)
	if r.Contacts != 1 || r.OtherContacts != 1 || r.ExternalCustomers != 0 {
		t.Fatalf("review = %+v", r)
	}
}

func TestRule11_Review_TopOneSided(t *testing.T) {
	var hs []rules.History
	for k := range 3 * rules.ReviewTop {
		c := person()
		c.ID = int64(k + 1)
		c.Summary.Interactions = k%7 + 1 // ties broken by id
		hs = append(hs, rules.History{Contact: c})
	}
	top := rules.Review(hs, now, defaults, now).OnlyIReachOut
	if len(top) != rules.ReviewTop {
		t.Fatalf("%d one-sided listed, want %d", len(top), rules.ReviewTop)
	}
	if !slices.IsSortedFunc(top, func(a, b rules.OneSided) int {
		if a.Outbound != b.Outbound {
			return b.Outbound - a.Outbound
		}
		return int(a.ContactID - b.ContactID)
	}) || top[0].Outbound != 7 || top[0].ContactID != 7 {
		t.Fatalf("top = %+v: want the most interactions first, then by id", top)
	}
}

func TestRule11_Review_Empty(t *testing.T) {
	r := rules.Review(nil, ago(30), defaults, now)
	if r.Contacts != 0 || r.OnlyIReachOut == nil || r.OnlyTheyReachOut == nil || len(r.ByEffortState) != 4 || len(r.ByTrustState) != 3 {
		t.Fatalf("empty review = %+v: want zero counts and empty (not null) lists", r)
	}
	if r := rules.Review(nil, ago(0).AddDate(-100, 0, 0), defaults, now); r.Since == nil {
		t.Fatal("since dropped")
	}
}

// TestRule11_Review_HealthBandsAndReciprocity: the review counts the
// contacts by health score (rule 9) in bands of 20 points, each contact in
// the band of the score its status gives, and the favor ledger (rule 7):
// favors exchanged in the period, and contacts by balance.
func TestRule11_Review_HealthBandsAndReciprocity(t *testing.T) {
	mk := func(cid int64, opts ...func(*rapport.Contact)) *rapport.Contact {
		c := person(opts...)
		c.ID, c.DisplayName = cid, fmt.Sprintf("C%d", cid)
		return c
	}
	old := func(f *rapport.Favor) *rapport.Favor { f.At = ago(60); return f } // before the period
	hs := []rules.History{
		{Contact: mk(1, lastMet(3))}, // no favors: counted in no balance
		{Contact: mk(2, lastMet(3)), Favors: []*rapport.Favor{favor(rapport.FavorGiven, "", false)}},                                                // ahead
		{Contact: mk(3, lastMet(200)), Favors: []*rapport.Favor{favor(rapport.FavorGiven, "", false), old(favor(rapport.FavorReceived, "", true))}}, // even
		{Contact: mk(4, lastMet(40)), Favors: []*rapport.Favor{favor(rapport.FavorReceived, "", false)}},                                            // behind, thanks pending
		{Contact: mk(5, lastMet(3)), Favors: []*rapport.Favor{favor(rapport.FavorReceived, "", true), favor(rapport.FavorAsked, rapport.FavorGranted, true),
			favor(rapport.FavorAsked, rapport.FavorDeclined, true)}}, // deficit (−2)
		{Contact: mk(6, lastMet(3)), Trust: []*rapport.TrustEvent{breach(50), breach(5)}}, // trust lost
	}
	r := rules.Review(hs, ago(30), defaults, now)

	want := make([]int, 100/rules.HealthBand)
	for k := range hs {
		score := rules.Evaluate(hs[k], defaults, now).Health.Score
		want[min(score/rules.HealthBand, len(want)-1)]++
	}
	if !slices.Equal(r.ByHealth, want) {
		t.Errorf("by health = %v, want %v (from each contact's status)", r.ByHealth, want)
	}
	if n := want[0] + want[1] + want[2] + want[3] + want[4]; n != len(hs) || want[len(want)-1] == 0 || want[len(want)-1] == len(hs) {
		t.Errorf("bands %v: the histories should spread over more than one band", want)
	}
	wantRec := rules.ReciprocityCounts{Given: 2, Received: 3, Ahead: 1, Even: 1, Behind: 1, Deficit: 1, ThankYouPending: 1}
	if r.Reciprocity != wantRec {
		t.Errorf("reciprocity = %+v, want %+v", r.Reciprocity, wantRec)
	}
}
