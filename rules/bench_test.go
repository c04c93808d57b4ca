package rules_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"rapport"
	"rapport/rules"
)

// synthetic returns n histories shaped like `rapport gen` data: every
// contact with a summary, a third with a birthday, a tenth with an effort
// and its interactions (newest first, as the store returns them), a fifth
// with promises, a fifth with favors, a few with trust events.
func synthetic(n int) []rules.History {
	r := rand.New(rand.NewPCG(1, 2))
	tiers := []rapport.Tier{rapport.TierInner, rapport.TierCore, rapport.TierWider, rapport.TierWider}
	hs := make([]rules.History, n)
	for k := range hs {
		c := &rapport.Contact{
			ID: int64(k + 1), DisplayName: "Contact", Kind: rapport.Kinds[r.IntN(len(rapport.Kinds))],
			Tier: tiers[r.IntN(len(tiers))], CreatedAt: ago(400 + r.IntN(400)),
		}
		total := 1 + r.IntN(40)
		c.Summary = rapport.Summary{
			Interactions: total, Inbound: r.IntN(total + 1), HeldLive: r.IntN(total + 1),
			FirstAt: ptr(ago(700)), LastAt: ptr(ago(r.IntN(300))), LastMeaningfulAt: ptr(ago(r.IntN(400))),
		}
		if r.IntN(3) == 0 {
			c.Birthday = &rapport.Birthday{Month: time.Month(1 + r.IntN(12)), Day: 1 + r.IntN(28)}
		}
		h := rules.History{Contact: c}
		if r.IntN(10) == 0 {
			start := 30 + r.IntN(100)
			h.Efforts = []*rapport.Effort{{ID: int64(k), ContactID: c.ID, Goal: "lunch", StartedAt: ago(start)}}
			outcomes := []rapport.Outcome{rapport.OutcomeDeclined, rapport.OutcomeNoResponse, rapport.OutcomeScheduled, rapport.OutcomeHeld}
			for d := 1; d < start; d += 5 + r.IntN(20) {
				h.Interactions = append([]*rapport.Interaction{{
					ID: int64(d), At: ago(start - d), Channel: rapport.Channels[r.IntN(len(rapport.Channels))],
					Direction: rapport.Outbound, Invitation: true, Outcome: outcomes[r.IntN(len(outcomes))],
				}}, h.Interactions...)
			}
		}
		if r.IntN(5) == 0 {
			due := ago(r.IntN(20) - 10)
			h.Promises = []*rapport.Promise{{ID: int64(k), By: []rapport.PromiseBy{rapport.ByMe, rapport.ByThem}[r.IntN(2)], What: "the deck", State: rapport.PromiseOpen, Due: &due}}
		}
		if r.IntN(5) == 0 {
			for range 1 + r.IntN(4) {
				h.Favors = append(h.Favors, &rapport.Favor{Dir: rapport.FavorDirs[r.IntN(3)], Kind: rapport.FavorAdvice, Outcome: rapport.FavorOutcomes[r.IntN(4)], Thanked: r.IntN(2) == 0, At: ago(r.IntN(200))})
			}
		}
		if r.IntN(30) == 0 {
			h.Trust = []*rapport.TrustEvent{{Kind: rapport.TrustBreach, At: ago(50)}, {Kind: rapport.TrustBreach, At: ago(r.IntN(40))}}
		}
		hs[k] = h
	}
	return hs
}

func BenchmarkToday(b *testing.B) {
	hs := synthetic(100_000)
	b.ReportAllocs()
	var items int
	for b.Loop() {
		items = len(rules.Today(hs, defaults, now))
	}
	b.ReportMetric(float64(items), "items")
}

func BenchmarkReview(b *testing.B) {
	hs := synthetic(100_000)
	b.ReportAllocs()
	for b.Loop() {
		rules.Review(hs, ago(90), defaults, now)
	}
}

func BenchmarkEvaluate(b *testing.B) {
	hs := synthetic(1000)
	b.ReportAllocs()
	for b.Loop() {
		for k := range hs {
			rules.Evaluate(hs[k], defaults, now)
		}
	}
}
