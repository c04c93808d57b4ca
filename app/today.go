package app

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"rapport"
	"rapport/rules"
)

// TodayLimit is how many items of each kind Today shows: an agenda of
// thousands of overdue contacts is no agenda. The most urgent come first;
// More counts the rest, and the review has the whole picture.
const TodayLimit = 10

// TodayResult is the agenda and what it left out.
type TodayResult struct {
	Items []rules.Item `json:"items"`
	// More counts, by kind, the items left out beyond TodayLimit (only
	// kinds with some). It is exact for the kinds that only records decide
	// (promises, thank-yous, offers, birthdays), and a lower bound for the
	// invitations (attempt, keep_in_touch, reconnect), which a contact who is
	// professional only does not get: Today reads only as many of those
	// contacts as it takes to be sure of the first TodayLimit.
	More map[rules.ItemKind]int `json:"more"`
}

// Today is the user's agenda: the first TodayLimit items of each kind that
// rules.Today gives over the whole history of every contact.
//
// It reads candidates, not everyone: for each kind, a stream lists the
// contacts that may have such an item, ordered by a lower bound of its due
// date, a page at a time. Only the contacts listed get a history, read
// whole; the rules decide their items. A stream reads on, four times as many
// each time, while a contact it has not listed yet could still come before
// the TodayLimit-th item of its kind.
func (s *Service) Today(ctx context.Context, acct int64) (TodayResult, error) {
	set, err := s.Store.Settings(ctx, acct)
	if err != nil {
		return TodayResult{}, err
	}
	now := s.now()
	a := newAgenda(s.Store, acct, set, now)
	streams := a.streams
	for {
		if err := a.read(ctx, streams); err != nil {
			return TodayResult{}, err
		}
		items, more := rules.Top(rules.Today(a.histories(), set, now), TodayLimit)
		if streams = a.unsure(items); len(streams) == 0 {
			// Where the candidates are the items, their count is exact.
			shown := map[rules.ItemKind]int{}
			for _, it := range items {
				shown[it.Kind]++
			}
			for _, st := range a.streams {
				if st.exact && st.got.Total > shown[st.kind] {
					more[st.kind] = st.got.Total - shown[st.kind]
				}
			}
			return TodayResult{Items: items, More: more}, nil
		}
		for _, st := range streams {
			st.limit *= 4
		}
	}
}

// agenda is what Today reads: the candidates of each kind, then the
// contacts they name, each with the records that decide its items.
type agenda struct {
	st      rapport.Store
	acct    int64
	set     rapport.Settings
	now     time.Time
	streams []*stream

	mu       sync.Mutex // guards contacts, which streams add to side by side
	contacts map[int64]*rapport.Contact
	// recorded: the contacts whose records are in recs, or being read into it.
	recorded map[int64]bool
	recs     recordSet
}

// stream lists the contacts that may have an item of kind, by From, a
// lower bound of its due date: every contact with such an item is in a
// stream of its kind.
type stream struct {
	kind rules.ItemKind
	read func(ctx context.Context, limit int) (rapport.Candidates, error)
	// exact: each candidate has exactly one item of kind, and Total counts
	// them all.
	exact bool
	limit int
	got   rapport.Candidates
}

// streamPage is how many candidates each stream reads at first. The items
// shown are usually among them.
const streamPage = 3 * TodayLimit

// dayMargin is the slack of the keep-in-touch streams' bounds: the store
// orders contacts by an instant, and an item is due at a midnight in the
// user's time zone, a number of calendar days after the day of that instant.
// Three days cover the day the instant falls in, a day of 25 hours, and a
// day skipped by a change of time zone (as when Samoa crossed the date line).
const dayMargin = 3 * 24 * time.Hour

func newAgenda(store rapport.Store, acct int64, set rapport.Settings, now time.Time) *agenda {
	a := &agenda{st: store, acct: acct, set: set, now: now,
		contacts: map[int64]*rapport.Contact{}, recorded: map[int64]bool{},
		recs: recordSet{effortIs: map[int64][]*rapport.Interaction{}}}
	today := day(now)
	add := func(kind rules.ItemKind, exact bool, read func(ctx context.Context, limit int) (rapport.Candidates, error)) {
		a.streams = append(a.streams, &stream{kind: kind, exact: exact, read: read, limit: streamPage})
	}
	// Promises: mine due by the end of today, theirs due before today began.
	add(rules.ItemPromiseDue, true, func(ctx context.Context, limit int) (rapport.Candidates, error) {
		return store.DuePromiseContacts(ctx, acct, rapport.ByMe, today.AddDate(0, 0, 1), limit)
	})
	add(rules.ItemFollowUp, true, func(ctx context.Context, limit int) (rapport.Candidates, error) {
		return store.DuePromiseContacts(ctx, acct, rapport.ByThem, today, limit)
	})
	// Attempts: an attempt is due at the effort's start or later.
	add(rules.ItemAttempt, false, func(ctx context.Context, limit int) (rapport.Candidates, error) {
		cs, err := store.EffortContacts(ctx, acct, now, limit)
		return rapport.Candidates{List: cs}, err
	})
	add(rules.ItemThankYou, true, func(ctx context.Context, limit int) (rapport.Candidates, error) {
		return store.UnthankedContacts(ctx, acct, limit)
	})
	add(rules.ItemOffer, true, func(ctx context.Context, limit int) (rapport.Candidates, error) {
		return store.DeficitContacts(ctx, acct, set.ReciprocityDeficit, limit)
	})
	// Keeping in touch and reconnecting: contacts by keep-in-touch
	// reference. Each bound is a day wider than the rules' days; the rules
	// have the last word. A reference is dormant on day today−DormantDays or
	// before: notDormant is a day before the first day that is not, dormant
	// a day after the last day that is.
	notDormant := today.AddDate(0, 0, -set.DormantDays)
	dormant := today.AddDate(0, 0, -set.DormantDays+2)
	days := func(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }
	contacts := func(kind rules.ItemKind, list func(ctx context.Context, limit int) ([]*rapport.Contact, error), after func(c *rapport.Contact) time.Time) {
		add(kind, false, func(ctx context.Context, limit int) (rapport.Candidates, error) {
			cs, err := list(ctx, limit)
			if err != nil {
				return rapport.Candidates{}, err
			}
			a.addContacts(cs)
			out := make([]rapport.Candidate, len(cs))
			for k, c := range cs {
				out[k] = rapport.Candidate{ContactID: c.ID, From: after(c)}
			}
			return rapport.Candidates{List: out}, nil
		})
	}
	// Keeping in touch, for each tier's cadence: overdue (the reference on
	// day today−cadence−1 or before), not dormant, by reference.
	for _, tier := range rapport.Tiers {
		cadence := set.Cadence(&rapport.Contact{Tier: tier})
		contacts(rules.ItemKeepInTouch, func(ctx context.Context, limit int) ([]*rapport.Contact, error) {
			lists, err := store.ContactLists(ctx, acct, []rapport.ContactFilter{{Tier: tier, Bare: true,
				KeepFrom: notDormant, KeepTo: today.AddDate(0, 0, -cadence+1), Limit: limit}})
			if err != nil {
				return nil, err
			}
			return lists[0], nil
		}, func(c *rapport.Contact) time.Time { return keepReference(c).Add(days(cadence) - dayMargin) })
	}
	// ... and for cadences of their own: due before today, by due date.
	contacts(rules.ItemKeepInTouch, func(ctx context.Context, limit int) ([]*rapport.Contact, error) {
		return store.OwnCadenceDue(ctx, acct, notDormant, today.AddDate(0, 0, 2), limit)
	}, func(c *rapport.Contact) time.Time { return keepReference(c).Add(days(c.CadenceDays) - dayMargin) })
	// Reconnecting: dormant contacts of the inner and core tiers, whatever
	// their cadence, by reference.
	for _, tier := range []rapport.Tier{rapport.TierInner, rapport.TierCore} {
		contacts(rules.ItemReconnect, func(ctx context.Context, limit int) ([]*rapport.Contact, error) {
			return store.DormantContacts(ctx, acct, tier, dormant, limit)
		}, func(c *rapport.Contact) time.Time { return keepReference(c).Add(days(set.DormantDays) - dayMargin) })
	}
	// Birthdays: every contact born on a day of the window, read once, in
	// the order their birthdays come; each page is a slice of them.
	var born []rapport.Candidate
	var bornErr error
	var bornOnce sync.Once
	add(rules.ItemBirthday, true, func(ctx context.Context, limit int) (rapport.Candidates, error) {
		bornOnce.Do(func() { born, bornErr = a.birthdays(ctx) })
		return rapport.Candidates{List: born[:min(limit, len(born))], Total: len(born)}, bornErr
	})
	return a
}

// birthdays lists the contacts whose birthday item is due in the window,
// by when.
func (a *agenda) birthdays(ctx context.Context) ([]rapport.Candidate, error) {
	born, err := a.st.BornOn(ctx, a.acct, birthdayWindow(a.now, a.set.BirthdayWindowDays))
	if err != nil {
		return nil, err
	}
	var out []rapport.Candidate
	for _, c := range born {
		if due, ok := rules.BirthdayDue(&c.Birthday, a.set, a.now); ok {
			out = append(out, rapport.Candidate{ContactID: c.ContactID, From: due})
		}
	}
	slices.SortFunc(out, func(x, y rapport.Candidate) int {
		return cmp.Or(x.From.Compare(y.From), cmp.Compare(x.ContactID, y.ContactID))
	})
	return out, nil
}

// sideBySide is how many of Today's reads run at once: as many as the
// process has processors. More only queued for the same cores (on 2
// processors, Today on PostgreSQL took 117–139 ms with 12 at once, 76–78 ms
// with 2), and made a one-shot command open a connection for each.
func sideBySide() int { return runtime.GOMAXPROCS(0) }

// keepReference is when keeping in touch with c counts from
// (rapport.Contact.KeepReference), as the store orders contacts by it.
func keepReference(c *rapport.Contact) time.Time {
	t, _ := c.KeepReference()
	return t
}

// read reads the next page of streams, side by side, then the contacts they
// list that have no history yet, with their records.
func (a *agenda) read(ctx context.Context, streams []*stream) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(sideBySide())
	for _, st := range streams {
		g.Go(func() (err error) {
			st.got, err = st.read(gctx, st.limit)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	var ids, unread []int64
	for _, st := range streams {
		for _, c := range st.got.List {
			if !a.recorded[c.ContactID] {
				a.recorded[c.ContactID] = true
				ids = append(ids, c.ContactID)
				if a.contacts[c.ContactID] == nil {
					unread = append(unread, c.ContactID)
				}
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	g, gctx = errgroup.WithContext(ctx)
	g.Go(func() error {
		recs, is, err := a.st.AgendaRecords(gctx, a.acct, ids, a.now)
		if err == nil {
			a.recs.add(recs, is)
		}
		return err
	})
	if len(unread) > 0 {
		g.Go(func() error {
			cs, err := a.st.Contacts(gctx, a.acct, rapport.ContactFilter{IDs: unread, Bare: true})
			a.addContacts(cs)
			return err
		})
	}
	return g.Wait()
}

func (a *agenda) addContacts(cs []*rapport.Contact) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, c := range cs {
		a.contacts[c.ID] = c
	}
}

// histories are those of the contacts whose records are read.
func (a *agenda) histories() []rules.History {
	cs := make(map[int64]*rapport.Contact, len(a.recorded))
	for id := range a.recorded {
		if c := a.contacts[id]; c != nil {
			cs[id] = c
		}
	}
	return a.recs.histories(cs)
}

// unsure lists the streams that may list, further on, a contact whose item
// would be among the first TodayLimit of its kind: those that read a full
// page, unless TodayLimit items of the kind are shown and the last of them
// ranks before whatever they list next. Items of a kind rank by due date,
// then contact: a contact listed next has a due date no earlier than the
// From of the last one listed, and, when it is the same, a contact id no
// lower.
func (a *agenda) unsure(items []rules.Item) []*stream {
	count := map[rules.ItemKind]int{}
	last := map[rules.ItemKind]rules.Item{}
	for _, it := range items {
		if count[it.Kind]++; count[it.Kind] == TodayLimit {
			last[it.Kind] = it
		}
	}
	var out []*stream
	for _, st := range a.streams {
		list := st.got.List
		if len(list) < st.limit {
			continue // read to its end
		}
		end := list[len(list)-1]
		if it, ok := last[st.kind]; ok && (end.From.After(it.Due) || end.From.Equal(it.Due) && end.ContactID > it.ContactID) {
			continue
		}
		out = append(out, st)
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

// add adds records, and the interactions since the efforts, of contacts
// not in r yet.
func (r *recordSet) add(recs rapport.Records, is map[int64][]*rapport.Interaction) {
	r.efforts = append(r.efforts, recs.Efforts...)
	r.promises = append(r.promises, recs.Promises...)
	r.favors = append(r.favors, recs.Favors...)
	r.trust = append(r.trust, recs.Trust...)
	for id, list := range is {
		r.effortIs[id] = list
	}
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
