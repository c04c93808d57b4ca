package rules_test

import (
	"encoding/json"
	"testing"

	"rapport"
	"rapport/rules"
)

func TestRule9_Health(t *testing.T) {
	healthy := func() rules.History {
		c := person(tier(rapport.TierInner), lastMet(3))
		c.Summary.Interactions, c.Summary.Inbound = 10, 5
		h := rules.History{Contact: c}
		h.Promises = []*rapport.Promise{promise(rapport.ByMe, rapport.PromiseKept, nil), promise(rapport.ByThem, rapport.PromiseKept, nil)}
		h.Favors = []*rapport.Favor{favor(rapport.FavorGiven, "", false)}
		return h
	}
	type change func(*rules.History, *rapport.Settings)
	for _, tc := range []struct {
		name   string
		change change
		score  int
		factor rules.FactorCode
		points int
	}{
		{"a healthy relationship scores 100", nil, 100, rules.FactorRecency, 40},
		{"overdue halfway to dormancy loses half the recency", func(h *rules.History, _ *rapport.Settings) {
			lastMet(97)(h.Contact) // inner: cadence 14, dormant 180: (180-97)/(180-14) = 1/2
			h.Contact.Summary.Interactions, h.Contact.Summary.Inbound = 10, 5
		}, 80, rules.FactorRecency, 20},
		{"dormant: no recency", func(h *rules.History, _ *rapport.Settings) {
			lastMet(180)(h.Contact)
			h.Contact.Summary.Interactions, h.Contact.Summary.Inbound = 10, 5
		}, 60, rules.FactorRecency, 0},
		{"never met: no recency", func(h *rules.History, _ *rapport.Settings) {
			h.Contact.Summary.LastMeaningfulAt = nil
		}, 60, rules.FactorRecency, 0},
		{"they start one interaction in five", func(h *rules.History, _ *rapport.Settings) { h.Contact.Summary.Inbound = 2 }, 88, rules.FactorTwoWay, 8},
		{"only I reach out", func(h *rules.History, _ *rapport.Settings) { h.Contact.Summary.Inbound = 0 }, 80, rules.FactorTwoWay, 0},
		{"no interactions at all", func(h *rules.History, _ *rapport.Settings) {
			h.Contact.Summary = rapport.Summary{}
			lastMet(3)(h.Contact)
			h.Contact.Summary.Interactions = 0
		}, 80, rules.FactorTwoWay, 0},
		{"one favor behind: half the reciprocity", func(h *rules.History, _ *rapport.Settings) {
			h.Favors = []*rapport.Favor{favor(rapport.FavorReceived, "", true)}
		}, 90, rules.FactorReciprocity, 10},
		{"a reciprocity deficit: none", func(h *rules.History, _ *rapport.Settings) {
			h.Favors = []*rapport.Favor{favor(rapport.FavorReceived, "", true), favor(rapport.FavorReceived, "", true)}
		}, 80, rules.FactorReciprocity, 0},
		{"ReciprocityDeficit -4: two behind is half", func(h *rules.History, s *rapport.Settings) {
			h.Favors = []*rapport.Favor{favor(rapport.FavorReceived, "", true), favor(rapport.FavorReceived, "", true)}
			s.ReciprocityDeficit = -4
		}, 90, rules.FactorReciprocity, 10},
		{"a thank-you owed", func(h *rules.History, _ *rapport.Settings) {
			h.Favors = append(h.Favors, favor(rapport.FavorReceived, "", false))
		}, 95, rules.FactorThankYou, -5},
		{"half the promises broken", func(h *rules.History, _ *rapport.Settings) {
			h.Promises = append(h.Promises, promise(rapport.ByMe, rapport.PromiseBroken, nil), promise(rapport.ByThem, rapport.PromiseBroken, nil))
		}, 75, rules.FactorPromises, 10}, // and their broken promise is a breach: second chance
		{"a promise of mine past due counts against", func(h *rules.History, _ *rapport.Settings) {
			h.Promises = append(h.Promises, promise(rapport.ByMe, rapport.PromiseOpen, ptr(3)), promise(rapport.ByMe, rapport.PromiseOpen, ptr(0)), promise(rapport.ByMe, rapport.PromiseOpen, ptr(-3)))
		}, 93, rules.FactorPromises, 13},
		{"no promises: nothing against", func(h *rules.History, _ *rapport.Settings) { h.Promises = nil }, 100, rules.FactorPromises, 20},
		{"second chance", func(h *rules.History, _ *rapport.Settings) { h.Trust = []*rapport.TrustEvent{breach(3)} }, 85, rules.FactorTrust, -15},
		{"trust lost", func(h *rules.History, _ *rapport.Settings) { h.Trust = []*rapport.TrustEvent{breach(9), breach(3)} }, 60, rules.FactorTrust, -40},
		{"given up", func(h *rules.History, _ *rapport.Settings) {
			h.Efforts = []*rapport.Effort{effort(60)}
			h.Interactions = []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined), invite(30, rapport.OutcomeDeclined)}
		}, 80, rules.FactorEffort, -20},
		{"given up, and they reached out since", func(h *rules.History, _ *rapport.Settings) {
			h.Efforts = []*rapport.Effort{effort(60)}
			h.Interactions = []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined), invite(30, rapport.OutcomeDeclined), met(3, rapport.Inbound)}
		}, 100, rules.FactorEffort, 0},
		{"an active effort", func(h *rules.History, _ *rapport.Settings) { h.Efforts = []*rapport.Effort{effort(2)} }, 100, rules.FactorEffort, 0},
		{"a succeeded effort", func(h *rules.History, _ *rapport.Settings) {
			h.Efforts = []*rapport.Effort{effort(20)}
			h.Interactions = []*rapport.Interaction{met(3, rapport.Outbound)}
		}, 100, rules.FactorEffort, 0},
		{"everything wrong: clamped to 0", func(h *rules.History, _ *rapport.Settings) {
			h.Contact.Summary = rapport.Summary{}
			h.Trust = []*rapport.TrustEvent{breach(9), breach(3)}
			h.Favors = []*rapport.Favor{favor(rapport.FavorReceived, "", false), favor(rapport.FavorReceived, "", false)}
			h.Promises = []*rapport.Promise{promise(rapport.ByMe, rapport.PromiseBroken, nil)}
		}, 0, rules.FactorTrust, -40},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, s := healthy(), defaults
			if tc.change != nil {
				tc.change(&h, &s)
			}
			hl := rules.Evaluate(h, s, now).Health
			if hl.Score != tc.score {
				t.Errorf("score = %d, want %d; factors %+v", hl.Score, tc.score, hl.Factors)
			}
			sum, found := 0, false
			seen := map[rules.FactorCode]bool{}
			for _, f := range hl.Factors {
				sum += f.Points
				seen[f.Code] = true
				if f.Words == "" || f.Words == f.Key || f.Key == "" {
					t.Errorf("factor %s has no words: %+v", f.Code, f)
				}
				if f.Points > f.Max || (f.Max == 0 && f.Points > 0) {
					t.Errorf("factor %s: %d points of at most %d", f.Code, f.Points, f.Max)
				}
				if f.Code == tc.factor {
					found = true
					if f.Points != tc.points {
						t.Errorf("factor %s = %d points (%s), want %d", f.Code, f.Points, f.Words, tc.points)
					}
				}
			}
			if !found || len(seen) != 7 {
				t.Errorf("factors %v: want all seven, %s among them", seen, tc.factor)
			}
			if sum != hl.Score && !(sum < 0 && hl.Score == 0) {
				t.Errorf("factors add up to %d, score %d", sum, hl.Score)
			}
		})
	}
}

func TestRule12_StatusJSON(t *testing.T) {
	for _, tc := range []struct {
		name  string
		h     rules.History
		check map[string]any // dotted path: value (nil: JSON null)
	}{
		{"a contact never met", rules.History{Contact: person(func(c *rapport.Contact) { c.CreatedAt = ago(3) })}, map[string]any{
			"effort.state": "none", "effort.failed_attempts": 0.0, "effort.attempts": 0.0, "effort.max_attempts": 3.0,
			"effort.goal": "", "effort.id": 0.0, "effort.next_attempt": 0.0,
			"trust.state": "good", "trust.breaches": 0.0,
			"reciprocity.balance": 0.0, "reciprocity.given": 0.0, "reciprocity.received": 0.0, "reciprocity.thank_you_pending": false,
			"overdue": false, "dormant": false, "days_since_contact": nil, "cadence_days": 30.0,
			"professional_only": false, "advice": "", "health.score": 40.0,
		}},
		{"a given-up contact", func() rules.History {
			h := rules.History{Contact: person(lastMet(31)), Interactions: []*rapport.Interaction{
				invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeNoResponse), invite(30, rapport.OutcomeCancelled)}}
			h.Efforts = []*rapport.Effort{{ID: 7, Goal: "lunch", StartedAt: ago(60)}}
			h.Favors = []*rapport.Favor{favor(rapport.FavorReceived, "", false), favor(rapport.FavorReceived, "", true)}
			h.Trust = []*rapport.TrustEvent{breach(3)}
			return h
		}(), map[string]any{
			"effort.state": "given_up", "effort.failed_attempts": 3.0, "effort.attempts": 3.0, "effort.id": 7.0, "effort.goal": "lunch",
			"trust.state": "second_chance", "trust.breaches": 1.0,
			"reciprocity.balance": -2.0, "reciprocity.received": 2.0, "reciprocity.thank_you_pending": true, "reciprocity.deficit": true,
			"overdue": true, "dormant": false, "days_since_contact": 31.0,
			"professional_only": true, "advice": "Professional only: include in necessary meetings and communications; stop inviting.",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(rules.Evaluate(tc.h, defaults, now))
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			for path, want := range tc.check {
				got, ok := lookup(m, path)
				if !ok || got != want {
					t.Errorf("%s = %v (present %v), want %v", path, got, ok, want)
				}
			}
			factors, _ := lookup(m, "health.factors")
			fs, _ := factors.([]any)
			if len(fs) == 0 {
				t.Fatalf("health.factors = %v", factors)
			}
			for _, f := range fs {
				f := f.(map[string]any)
				for _, k := range []string{"code", "points", "words"} {
					if _, ok := f[k]; !ok {
						t.Errorf("factor %v has no %s", f, k)
					}
				}
			}
		})
	}
}

func lookup(m map[string]any, path string) (any, bool) {
	var cur any = m
	for _, k := range splitDots(path) {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = obj[k]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func splitDots(s string) []string {
	var out []string
	start := 0
	for k := 0; k < len(s); k++ {
		if s[k] == '.' {
			out = append(out, s[start:k])
			start = k + 1
		}
	}
	return append(out, s[start:])
}

func TestEvaluateWithoutAContact(t *testing.T) {
	st := rules.Evaluate(rules.History{}, defaults, now)
	if st.Effort.State != rules.EffortNone || st.Trust.State != rules.TrustGood || st.Overdue || st.Dormant || st.DueAt != nil {
		t.Fatalf("status of nothing = %+v", st)
	}
}

func TestRule5_Promises(t *testing.T) {
	h := rules.History{Contact: person(lastMet(1)), Promises: []*rapport.Promise{
		promise(rapport.ByMe, rapport.PromiseOpen, ptr(0)),   // due today
		promise(rapport.ByMe, rapport.PromiseOpen, ptr(4)),   // overdue
		promise(rapport.ByMe, rapport.PromiseOpen, ptr(-2)),  // due later
		promise(rapport.ByMe, rapport.PromiseOpen, nil),      // undated
		promise(rapport.ByMe, rapport.PromiseKept, nil),      //
		promise(rapport.ByMe, rapport.PromiseBroken, nil),    //
		promise(rapport.ByThem, rapport.PromiseOpen, ptr(1)), // overdue
		promise(rapport.ByThem, rapport.PromiseOpen, ptr(0)), // due today: not overdue
		promise(rapport.ByThem, rapport.PromiseKept, nil),
	}}
	got := rules.Evaluate(h, defaults, now).Promises
	want := rules.PromiseStatus{MineOpen: 4, MineDue: 2, MineOverdue: 1, MineKept: 1, MineBroken: 1, TheirsOpen: 2, TheirsOverdue: 1, TheirsKept: 1}
	if got != want {
		t.Fatalf("promises = %+v, want %+v", got, want)
	}
	items := rules.Today([]rules.History{h}, defaults, now)
	if k := kinds(items); len(k) != 3 || k[0] != rules.ItemPromiseDue || k[1] != rules.ItemPromiseDue || k[2] != rules.ItemFollowUp || items[0].PromiseID == 0 {
		t.Fatalf("Today = %+v", items)
	}
}
