package app

import (
	"context"
	"time"

	"golang.org/x/sync/errgroup"

	"rapport"
	"rapport/rules"
)

// TodayLimit is how many keep-in-touch and how many reconnect items Today
// shows: an agenda of thousands of overdue contacts is no agenda. The most
// overdue come first; the review counts the rest.
const TodayLimit = 10

// TodayResult is the agenda and what it left out.
type TodayResult struct {
	Items []rules.Item `json:"items"`
	// More counts keep-in-touch and reconnect items left out beyond
	// TodayLimit. It is a lower bound: Today reads at most 3×TodayLimit
	// candidates of each tier; the review has the full counts.
	More map[rules.ItemKind]int `json:"more"`
}

// Today is the user's agenda. It reads only the contacts that can produce an
// item — those with open promises, efforts, favors, a birthday in the window,
// an own cadence, and the most overdue of each tier — and lets the rules
// decide and rank.
func (s *Service) Today(ctx context.Context, acct int64) (TodayResult, error) {
	set, err := s.Store.Settings(ctx, acct)
	if err != nil {
		return TodayResult{}, err
	}
	now := s.now()
	// The candidates by filter and every record (broken promises and
	// breaches matter to trust too) are read side by side.
	var filters []rapport.ContactFilter
	filters = append(filters, rapport.ContactFilter{OwnCadence: true, Bare: true})
	if days := birthdayWindow(now, set.BirthdayWindowDays); len(days) > 0 {
		filters = append(filters, rapport.ContactFilter{BornOn: days, Bare: true})
	}
	// A day of margin on each side: the rules count calendar days in the
	// user's time zone, the store compares instants.
	today := day(now)
	dormant := today.AddDate(0, 0, -set.DormantDays+1)
	for _, tier := range rapport.Tiers {
		cadence := set.Cadence(&rapport.Contact{Tier: tier})
		filters = append(filters, rapport.ContactFilter{Tier: tier, Bare: true, Limit: 3 * TodayLimit,
			KeepFrom: dormant.AddDate(0, 0, -2), KeepTo: today.AddDate(0, 0, -cadence+1)})
		if tier != rapport.TierWider {
			filters = append(filters, rapport.ContactFilter{Tier: tier, Bare: true, Limit: 3 * TodayLimit,
				KeepFrom: time.Unix(0, 0).AddDate(-100, 0, 0), KeepTo: dormant})
		}
	}
	var recs recordSet
	contacts := map[int64]*rapport.Contact{}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return recs.read(gctx, s.Store, acct) })
	g.Go(func() error {
		for _, f := range filters {
			cs, err := s.Store.Contacts(gctx, acct, f)
			if err != nil {
				return err
			}
			for _, c := range cs {
				contacts[c.ID] = c
			}
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return TodayResult{}, err
	}
	ids := map[int64]bool{}
	for _, p := range recs.promises {
		if p.State == rapport.PromiseOpen {
			ids[p.ContactID] = true
		}
	}
	for _, e := range recs.efforts {
		ids[e.ContactID] = true
	}
	// Of the contacts with favors, only those owed a thank-you or in
	// deficit can have an item.
	favors := map[int64][]*rapport.Favor{}
	for _, f := range recs.favors {
		favors[f.ContactID] = append(favors[f.ContactID], f)
	}
	for id, fs := range favors {
		if r := rules.Reciprocity(fs, set); r.ThankYouPending || r.Deficit {
			ids[id] = true
		}
	}
	var rest []int64
	for id := range ids {
		if contacts[id] == nil {
			rest = append(rest, id)
		}
	}
	if len(rest) > 0 {
		cs, err := s.Store.Contacts(ctx, acct, rapport.ContactFilter{IDs: rest, Bare: true})
		if err != nil {
			return TodayResult{}, err
		}
		for _, c := range cs {
			contacts[c.ID] = c
		}
	}
	items := rules.Today(recs.histories(contacts), set, now)
	res := TodayResult{Items: make([]rules.Item, 0, len(items)), More: map[rules.ItemKind]int{}}
	shown := map[rules.ItemKind]int{}
	for _, it := range items {
		if it.Kind == rules.ItemKeepInTouch || it.Kind == rules.ItemReconnect {
			if shown[it.Kind] == TodayLimit {
				res.More[it.Kind]++
				continue
			}
			shown[it.Kind]++
		}
		res.Items = append(res.Items, it)
	}
	return res, nil
}

// birthdayWindow lists the days of the year from today to window days
// ahead. 29 February is added when 28 February is in the window of a common
// year, since that is when its birthdays fall.
func birthdayWindow(now time.Time, window int) []rapport.Birthday {
	var days []rapport.Birthday
	for d := range window + 1 {
		t := day(now).AddDate(0, 0, d)
		days = append(days, rapport.Birthday{Month: t.Month(), Day: t.Day()})
		if t.Month() == time.February && t.Day() == 28 && t.AddDate(0, 0, 1).Month() == time.March {
			days = append(days, rapport.Birthday{Month: time.February, Day: 29})
		}
	}
	return days
}

// Review is the look back at how the user builds relationships, since a day
// (zero: since the beginning). It reads every contact, without details.
func (s *Service) Review(ctx context.Context, acct int64, since time.Time) (rules.ReviewResult, error) {
	set, err := s.Store.Settings(ctx, acct)
	if err != nil {
		return rules.ReviewResult{}, err
	}
	// The contacts and the records are read side by side, on two connections.
	var (
		recs recordSet
		cs   []*rapport.Contact
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return recs.read(gctx, s.Store, acct) })
	g.Go(func() (err error) {
		cs, err = s.Store.Contacts(gctx, acct, rapport.ContactFilter{Bare: true})
		return err
	})
	if err := g.Wait(); err != nil {
		return rules.ReviewResult{}, err
	}
	contacts := make(map[int64]*rapport.Contact, len(cs))
	for _, c := range cs {
		contacts[c.ID] = c
	}
	return rules.Review(recs.histories(contacts), since, set, s.now()), nil
}

// recordSet is every relationship record of an account, and the
// interactions since each effort.
type recordSet struct {
	efforts  []*rapport.Effort
	promises []*rapport.Promise
	favors   []*rapport.Favor
	trust    []*rapport.TrustEvent
	effortIs map[int64][]*rapport.Interaction
}

func (r *recordSet) read(ctx context.Context, st rapport.Store, acct int64) error {
	var (
		f   rapport.RelationshipFilter
		err error
	)
	if r.efforts, err = st.Efforts(ctx, acct, f); err != nil {
		return err
	}
	if r.promises, err = st.Promises(ctx, acct, f); err != nil {
		return err
	}
	if r.favors, err = st.Favors(ctx, acct, f); err != nil {
		return err
	}
	if r.trust, err = st.TrustEvents(ctx, acct, f); err != nil {
		return err
	}
	r.effortIs, err = st.EffortInteractions(ctx, acct)
	return err
}

// histories builds a history for each contact, with its records.
func (r *recordSet) histories(contacts map[int64]*rapport.Contact) []rules.History {
	at := make(map[int64]int, len(contacts))
	hs := make([]rules.History, 0, len(contacts))
	for id, c := range contacts {
		at[id] = len(hs)
		hs = append(hs, rules.History{Contact: c, Interactions: r.effortIs[id]})
	}
	for _, e := range r.efforts {
		if k, ok := at[e.ContactID]; ok {
			hs[k].Efforts = append(hs[k].Efforts, e)
		}
	}
	for _, p := range r.promises {
		if k, ok := at[p.ContactID]; ok {
			hs[k].Promises = append(hs[k].Promises, p)
		}
	}
	for _, f := range r.favors {
		if k, ok := at[f.ContactID]; ok {
			hs[k].Favors = append(hs[k].Favors, f)
		}
	}
	for _, t := range r.trust {
		if k, ok := at[t.ContactID]; ok {
			hs[k].Trust = append(hs[k].Trust, t)
		}
	}
	return hs
}
