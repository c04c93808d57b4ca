package app

import (
	"context"
	"slices"
	"sync"
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
	// TodayLimit. It is a lower bound: Today reads only the most overdue
	// and dormant contacts, as many as it takes to be sure of the first
	// TodayLimit; the review has the full counts.
	More map[rules.ItemKind]int `json:"more"`
}

// Today is the user's agenda: the items rules.Today gives over the whole
// history of every contact, with at most TodayLimit keep-in-touch and
// TodayLimit reconnect items. It reads only what can put a contact on the
// agenda, side by side: the open promises due and the promises they broke,
// each contact's latest effort with the live interactions since, the favors
// of the contacts owed a thank-you or an offer, the trust events, the
// birthdays in the window, and the most overdue and dormant contacts, a page
// at a time until no contact left unread can come before the last item
// shown. Only the contacts among these get a history.
func (s *Service) Today(ctx context.Context, acct int64) (TodayResult, error) {
	set, err := s.Store.Settings(ctx, acct)
	if err != nil {
		return TodayResult{}, err
	}
	now := s.now()
	a := newAgenda(s.Store, acct, set, now)
	if err := a.read(ctx); err != nil {
		return TodayResult{}, err
	}
	var items []rules.Item
	for {
		items = rules.Today(a.recs.histories(a.contacts), set, now)
		more := a.unsure(items)
		if len(more) == 0 {
			break
		}
		for _, st := range more {
			st.limit *= 4
		}
		if err := a.readStreams(ctx, more, nil); err != nil {
			return TodayResult{}, err
		}
	}
	// The items shown are kept in place: items is the agenda's own.
	res := TodayResult{Items: items[:0], More: map[rules.ItemKind]int{}}
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

// agenda is what Today reads: the candidate contacts, and the records that
// decide their items.
//
// The records are read by what they are, for every contact at once, so that
// any contact's history holds all that rules.Today reads of it: the open
// promises due (items) and the promises they broke (trust); the latest
// effort started and the live interactions since (rules.Today follows only
// the latest effort, and written interactions are never attempts nor
// reach-outs); all the favors of a contact owed a thank-you or an offer
// (no other contact's favors make an item); every trust event. The
// contacts are those the records name, the birthdays in the window, and
// the keep-in-touch streams. Of the contacts with an effort, only those
// whose effort is active are read for it: an effort that succeeded makes no
// item, and one given up only takes items away.
type agenda struct {
	st   rapport.Store
	acct int64
	set  rapport.Settings
	now  time.Time
	recs recordSet

	mu       sync.Mutex
	contacts map[int64]*rapport.Contact
	claimed  map[int64]bool // read, or being read

	birthdays []rapport.Birthday
	streams   []*keepStream
}

// keepStream is a list of contacts that keep-in-touch or reconnect items
// can come from, most overdue first, read a page at a time: every contact
// that can have such an item is in one of the streams of its kind.
type keepStream struct {
	kind rules.ItemKind
	// filter reads the stream through Store.ContactLists when set (its
	// Limit is limit), read otherwise.
	filter *rapport.ContactFilter
	read   func(ctx context.Context, limit int) ([]*rapport.Contact, error)
	// after: no contact the stream lists after last can have an item of
	// kind due at or before this.
	after func(last *rapport.Contact) time.Time
	limit int
	got   []*rapport.Contact
}

// streamPage is how many contacts each stream reads at first. The items
// shown are usually among them; a stream reads on, four times as many each
// time, while they may not be.
const streamPage = 3 * TodayLimit

// dayMargin is the slack of the streams' after bounds: the store orders
// contacts by an instant, and an item is due at a midnight in the user's
// time zone, a number of calendar days after the day of that instant. Three
// days cover the day the instant falls in, a day of 25 hours, and a day
// skipped by a change of time zone (as when Samoa crossed the date line).
const dayMargin = 3 * 24 * time.Hour

func newAgenda(store rapport.Store, acct int64, set rapport.Settings, now time.Time) *agenda {
	a := &agenda{st: store, acct: acct, set: set, now: now,
		contacts: map[int64]*rapport.Contact{}, claimed: map[int64]bool{},
		birthdays: birthdayWindow(now, set.BirthdayWindowDays)}
	// Each bound is a day wider than the rules' days; the rules have the
	// last word. A reference is dormant on day today−DormantDays or before:
	// notDormant is a day before the first day that is not, dormant a day
	// after the last day that is.
	today := day(now)
	notDormant := today.AddDate(0, 0, -set.DormantDays)
	dormant := today.AddDate(0, 0, -set.DormantDays+2)
	days := func(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }
	// Keeping in touch, for each tier's cadence: overdue (the reference on
	// day today−cadence−1 or before), not dormant, by reference.
	for _, tier := range rapport.Tiers {
		cadence := set.Cadence(&rapport.Contact{Tier: tier})
		a.streams = append(a.streams, &keepStream{kind: rules.ItemKeepInTouch,
			filter: &rapport.ContactFilter{Tier: tier, Bare: true, KeepFrom: notDormant, KeepTo: today.AddDate(0, 0, -cadence+1)},
			after:  func(c *rapport.Contact) time.Time { return keepReference(c).Add(days(cadence) - dayMargin) }})
	}
	// ... and for cadences of their own: due before today, by due date.
	a.streams = append(a.streams, &keepStream{kind: rules.ItemKeepInTouch,
		read: func(ctx context.Context, limit int) ([]*rapport.Contact, error) {
			return store.OwnCadenceDue(ctx, acct, notDormant, today.AddDate(0, 0, 2), limit)
		},
		after: func(c *rapport.Contact) time.Time { return keepReference(c).Add(days(c.CadenceDays) - dayMargin) }})
	// Reconnecting: dormant contacts of the inner and core tiers, whatever
	// their cadence, by reference.
	for _, tier := range []rapport.Tier{rapport.TierInner, rapport.TierCore} {
		a.streams = append(a.streams, &keepStream{kind: rules.ItemReconnect,
			read: func(ctx context.Context, limit int) ([]*rapport.Contact, error) {
				return store.DormantContacts(ctx, acct, tier, dormant, limit)
			},
			after: func(c *rapport.Contact) time.Time { return keepReference(c).Add(days(set.DormantDays) - dayMargin) }})
	}
	for _, s := range a.streams {
		s.limit = streamPage
	}
	return a
}

// keepReference is when keeping in touch with c counts from
// (rapport.Contact.KeepReference), as the store orders contacts by it.
func keepReference(c *rapport.Contact) time.Time {
	t, _ := c.KeepReference()
	return t
}

// read reads the records, the contacts they name, the birthdays and the
// first page of each stream, side by side.
func (a *agenda) read(ctx context.Context) error {
	today := day(a.now)
	g, gctx := errgroup.WithContext(ctx)
	// The interactions since the efforts, then the contacts whose effort is
	// active, take longest: they start first.
	effortIs := make(chan struct{})
	var effortIsErr error
	g.Go(func() error {
		defer close(effortIs)
		a.recs.effortIs, effortIsErr = a.st.LatestEffortInteractions(gctx, a.acct, a.now)
		return effortIsErr
	})
	g.Go(func() (err error) {
		// Due today at the latest, and a day of margin.
		if a.recs.promises, err = a.st.AgendaPromises(gctx, a.acct, today.AddDate(0, 0, 2)); err != nil {
			return err
		}
		var ids []int64
		for _, p := range a.recs.promises {
			if p.State == rapport.PromiseOpen {
				ids = append(ids, p.ContactID)
			}
		}
		return a.readContacts(gctx, ids)
	})
	g.Go(func() (err error) {
		if a.recs.efforts, err = a.st.LatestEfforts(gctx, a.acct, a.now); err != nil {
			return err
		}
		if <-effortIs; effortIsErr != nil {
			return nil // Wait returns it
		}
		// Of the contacts with an effort, only those whose effort is active
		// can have an item for it.
		var ids []int64
		for _, e := range a.recs.efforts {
			h := rules.History{Efforts: []*rapport.Effort{e}, Interactions: a.recs.effortIs[e.ContactID]}
			if rules.LatestEffort(h, a.set, a.now).State == rules.EffortActive {
				ids = append(ids, e.ContactID)
			}
		}
		return a.readContacts(gctx, ids)
	})
	g.Go(func() (err error) {
		if a.recs.favors, err = a.st.OwedFavors(gctx, a.acct, a.set.ReciprocityDeficit); err != nil {
			return err
		}
		ids := make([]int64, len(a.recs.favors))
		for k, f := range a.recs.favors {
			ids[k] = f.ContactID
		}
		return a.readContacts(gctx, ids)
	})
	g.Go(func() (err error) {
		a.recs.trust, err = a.st.TrustEvents(gctx, a.acct, rapport.RelationshipFilter{})
		return err
	})
	g.Go(func() error {
		var extra []rapport.ContactFilter
		if len(a.birthdays) > 0 {
			extra = append(extra, rapport.ContactFilter{BornOn: a.birthdays, Bare: true})
		}
		return a.readStreams(gctx, a.streams, extra)
	})
	return g.Wait()
}

// readContacts reads the contacts of ids that no one has read yet.
func (a *agenda) readContacts(ctx context.Context, ids []int64) error {
	a.mu.Lock()
	var want []int64
	for _, id := range ids {
		if !a.claimed[id] {
			a.claimed[id] = true
			want = append(want, id)
		}
	}
	a.mu.Unlock()
	if len(want) == 0 {
		return nil
	}
	cs, err := a.st.Contacts(ctx, a.acct, rapport.ContactFilter{IDs: want, Bare: true})
	if err != nil {
		return err
	}
	a.add(cs)
	return nil
}

func (a *agenda) add(cs []*rapport.Contact) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, c := range cs {
		a.contacts[c.ID] = c
		a.claimed[c.ID] = true
	}
}

// readStreams reads the next page of streams, with the contacts of extra
// filters: the streams read by filter, and extra, in one round trip.
func (a *agenda) readStreams(ctx context.Context, streams []*keepStream, extra []rapport.ContactFilter) error {
	g, gctx := errgroup.WithContext(ctx)
	fs := slices.Clone(extra)
	var byFilter []*keepStream
	for _, s := range streams {
		if s.filter == nil {
			g.Go(func() (err error) {
				if s.got, err = s.read(gctx, s.limit); err == nil {
					a.add(s.got)
				}
				return err
			})
			continue
		}
		s.filter.Limit = s.limit
		fs = append(fs, *s.filter)
		byFilter = append(byFilter, s)
	}
	g.Go(func() error {
		lists, err := a.st.ContactLists(gctx, a.acct, fs)
		if err != nil {
			return err
		}
		for k, cs := range lists {
			if n := k - len(extra); n >= 0 {
				byFilter[n].got = cs
			}
			a.add(cs)
		}
		return nil
	})
	return g.Wait()
}

// unsure lists the streams that may hold a contact, not read yet, whose
// item would be among the first TodayLimit of its kind: those that read a
// full page, when the TodayLimit-th item of the kind (if any) is not due
// before whatever they list next.
func (a *agenda) unsure(items []rules.Item) []*keepStream {
	count := map[rules.ItemKind]int{}
	last := map[rules.ItemKind]time.Time{} // of the first TodayLimit items
	for _, it := range items {
		if count[it.Kind]++; count[it.Kind] == TodayLimit {
			last[it.Kind] = it.Due
		}
	}
	var out []*keepStream
	for _, s := range a.streams {
		if len(s.got) < s.limit {
			continue // read to its end
		}
		if due, ok := last[s.kind]; ok && s.after(s.got[len(s.got)-1]).After(due) {
			continue
		}
		out = append(out, s)
	}
	return out
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

// recordSet is relationship records of an account, and the interactions
// since the efforts: every record for the review; for Today, those that can
// make an item (see agenda).
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
