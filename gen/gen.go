// Package gen makes realistic, reproducible synthetic data for benchmarks and
// demos: contacts with English, Arabic and Polish names, every kind, tier,
// channel and outcome. It has no I/O: the caller stores what it makes.
package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"rapport"
)

// Generator makes contacts and interactions from a seed. The same seed and
// "now" always make the same data.
type Generator struct {
	rng *rand.Rand
	now time.Time
}

// New returns a generator seeded with seed, making data up to now.
func New(seed uint64, now time.Time) *Generator {
	return &Generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), now: now.UTC().Truncate(time.Millisecond)}
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// weighted picks an index with the given relative weights.
func weighted(r *rand.Rand, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// Contact makes one contact, created up to five years before now.
func (g *Generator) Contact() *rapport.Contact {
	r := g.rng
	cu := cultures[weighted(r, 5, 3, 3)]
	p := pick(r, cu.given)
	fi := r.IntN(len(cu.family))
	family := cu.family[fi]
	if p.gender == rapport.GenderFeminine && cu.familyFeminine != nil {
		family = cu.familyFeminine[fi]
	}
	c := &rapport.Contact{
		GivenName:  p.name,
		FamilyName: family,
		Kind:       rapport.Kinds[weighted(r, 30, 25, 10, 5, 25, 5)],
		Tier:       rapport.Tiers[weighted(r, 5, 20, 75)],
		Gender:     p.gender,
		Lang:       cu.lang,
		HowWeMet:   pick(r, howWeMet),
		CreatedAt:  g.now.Add(-time.Duration(r.Int64N(int64(5 * 365 * 24 * time.Hour)))),
	}
	c.DisplayName = c.GivenName + " " + c.FamilyName
	if r.IntN(10) < 8 {
		c.Org, c.Title = pick(r, cu.orgs), pick(r, titles)
	}
	if r.IntN(20) == 0 {
		c.CadenceDays = 7 * (1 + r.IntN(8))
	}
	c.Emails = []rapport.ContactPoint{{Label: "work", Value: g.email(c)}}
	if r.IntN(4) == 0 {
		c.Emails = append(c.Emails, rapport.ContactPoint{Label: "home", Value: fmt.Sprintf("p%d.%d@example.net", r.IntN(1e6), r.IntN(1e6))})
	}
	if r.IntN(3) > 0 {
		c.Phones = []rapport.ContactPoint{{Label: "mobile", Value: fmt.Sprintf("+%d %03d %03d %03d", pick(r, []int{44, 971, 48, 1}), r.IntN(1000), r.IntN(1000), r.IntN(1000))}}
	}
	if r.IntN(10) < 6 {
		year := 0
		if r.IntN(2) == 0 {
			year = 1955 + r.IntN(50)
		}
		c.Birthday = &rapport.Birthday{Year: year, Month: time.Month(1 + r.IntN(12)), Day: 1 + r.IntN(28)}
	}
	for range r.IntN(3) {
		c.Tags = append(c.Tags, pick(r, tags))
	}
	return c
}

// email makes a unique-enough address from a random number: ASCII only, so it
// is valid whatever the script of the name.
func (g *Generator) email(c *rapport.Contact) string {
	domain := "example.com"
	if c.Org != "" {
		domain = strings.ToLower(strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
				return r
			}
			return -1
		}, c.Org))
		if domain == "" {
			domain = "example"
		}
		domain += ".example"
	}
	return fmt.Sprintf("c%d@%s", g.rng.Uint32(), domain)
}

// Counts splits total interactions among contacts, closer tiers getting more.
func (g *Generator) Counts(contacts []*rapport.Contact, total int) []int {
	weights := make([]float64, len(contacts))
	sum := 0.0
	for i, c := range contacts {
		w := map[rapport.Tier]float64{rapport.TierInner: 6, rapport.TierCore: 3, rapport.TierWider: 1}[c.Tier]
		w *= 0.25 + 1.5*g.rng.Float64()
		weights[i] = w
		sum += w
	}
	counts := make([]int, len(contacts))
	given := 0
	for i, w := range weights {
		counts[i] = int(float64(total) * w / sum)
		given += counts[i]
	}
	for i := 0; given < total && len(counts) > 0; i++ {
		counts[i%len(counts)]++
		given++
	}
	return counts
}

// Interactions makes n interactions with contact ids[self], spread between
// the contact's creation and now; about one in twenty also involves another
// contact of ids, as a meeting does.
func (g *Generator) Interactions(c *rapport.Contact, n int, ids []int64) []*rapport.Interaction {
	r := g.rng
	out := make([]*rapport.Interaction, 0, n)
	span := g.now.Sub(c.CreatedAt)
	if span < time.Hour {
		span = time.Hour
	}
	for range n {
		i := &rapport.Interaction{
			At:         c.CreatedAt.Add(time.Duration(r.Int64N(int64(span)))).Truncate(time.Minute),
			Channel:    rapport.Channels[weighted(r, 15, 20, 20, 30, 10, 5)],
			Direction:  rapport.Directions[weighted(r, 65, 35)],
			ContactIDs: []int64{c.ID},
			Note:       pick(r, notes),
			CreatedAt:  g.now,
		}
		if i.Channel.Live() {
			i.Invitation = r.IntN(3) == 0
			if i.Invitation {
				i.Outcome = []rapport.Outcome{rapport.OutcomeHeld, rapport.OutcomeDeclined, rapport.OutcomeNoResponse, rapport.OutcomeCancelled, rapport.OutcomeScheduled}[weighted(r, 60, 10, 15, 10, 5)]
			} else {
				i.Outcome = rapport.OutcomeHeld
			}
			if r.IntN(20) == 0 && len(ids) > 1 {
				other := ids[r.IntN(len(ids))]
				if other != c.ID {
					i.ContactIDs = append(i.ContactIDs, other)
				}
			}
		} else {
			i.Outcome = []rapport.Outcome{rapport.OutcomeSent, rapport.OutcomeReplied}[weighted(r, 60, 40)]
			i.Invitation = r.IntN(10) == 0
		}
		out = append(out, i)
	}
	return out
}

// Records makes the efforts, promises, favors and trust events of a contact
// that has been stored (c.ID is set): about one contact in twenty has an
// effort, one in eight a promise, one in six a favor, one in fifty a breach.
func (g *Generator) Records(c *rapport.Contact) rapport.Records {
	r := g.rng
	var out rapport.Records
	ago := func(maxDays int) time.Time {
		return g.now.Add(-time.Duration(r.Int64N(int64(maxDays)*24)+1) * time.Hour)
	}
	if r.IntN(20) == 0 {
		out.Efforts = append(out.Efforts, &rapport.Effort{ContactID: c.ID, Goal: pick(r, goals), StartedAt: ago(120)})
	}
	if r.IntN(8) == 0 {
		p := &rapport.Promise{ContactID: c.ID, By: rapport.PromiseBys[r.IntN(2)], What: pick(r, promises), CreatedAt: ago(90), State: rapport.PromiseOpen}
		if r.IntN(3) > 0 {
			due := p.CreatedAt.AddDate(0, 0, 3+r.IntN(40))
			p.Due = &due
		}
		// Most promises past their due date were resolved, as in life; a
		// few are still open, and some without a date were resolved too.
		overdue := p.Due != nil && p.Due.Before(g.now.AddDate(0, 0, -3))
		if (overdue && r.IntN(20) > 0) || (p.Due == nil && r.IntN(2) == 0 && p.CreatedAt.Before(g.now.AddDate(0, 0, -7))) {
			resolved := p.CreatedAt.AddDate(0, 0, 5)
			p.State, p.ResolvedAt = []rapport.PromiseState{rapport.PromiseKept, rapport.PromiseKept, rapport.PromiseBroken}[r.IntN(3)], &resolved
		}
		out.Promises = append(out.Promises, p)
	}
	for range weighted(r, 80, 12, 5, 3) {
		f := &rapport.Favor{ContactID: c.ID, Dir: rapport.FavorDirs[r.IntN(3)], Kind: pick(r, rapport.FavorKinds), About: pick(r, favorTopics), At: ago(700)}
		if f.Dir == rapport.FavorAsked {
			f.Outcome = rapport.FavorOutcomes[r.IntN(4)]
		}
		f.Thanked = f.Received() && r.IntN(4) > 0
		out.Favors = append(out.Favors, f)
	}
	if r.IntN(50) == 0 {
		out.Trust = append(out.Trust, &rapport.TrustEvent{ContactID: c.ID, Kind: rapport.TrustBreach, Note: "took credit for shared work", At: ago(400)})
	}
	return out
}
