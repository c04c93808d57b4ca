package app

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"rapport"
	"rapport/rules"
)

// ContactState is a state of a relationship the contact list filters by.
type ContactState string

const (
	StateOverdue   ContactState = "overdue"    // past the keep-in-touch cadence
	StateDormant   ContactState = "dormant"    // silent for DormantDays or more
	StateEffort    ContactState = "effort"     // an effort under way
	StateGivenUp   ContactState = "given_up"   // three attempts failed: professional only
	StateTrustLost ContactState = "trust_lost" // a second chance, and a breach after it
)

// ContactStates lists every state.
var ContactStates = []ContactState{StateOverdue, StateDormant, StateEffort, StateGivenUp, StateTrustLost}

// ContactQuery asks for a page of contacts: the API and the web app read it
// from a URL's query (ParseContactQuery).
type ContactQuery struct {
	Filter rapport.ContactFilter // search, kind, tier, tag, trash
	State  ContactState          // "" means any
	Cursor string                // the NextCursor of the previous page
	Limit  int
}

// ContactList is a page of contacts, and the cursor of the next page (""
// on the last).
type ContactList struct {
	Items      []*rapport.Contact `json:"items"`
	NextCursor string             `json:"next_cursor"`
}

// ParseContactQuery reads q (search), kind, tier, tag, state, trash, cursor
// and limit (1..max, default def) from a URL query, naming the parameter
// of a bad value.
func ParseContactQuery(v url.Values, def, max int) (ContactQuery, error) {
	q := ContactQuery{Filter: rapport.ContactFilter{Search: strings.TrimSpace(v.Get("q")), Tag: strings.TrimSpace(v.Get("tag")),
		Deleted: v.Get("trash") == "true"}, Cursor: v.Get("cursor"), Limit: def}
	var err error
	if s := v.Get("kind"); s != "" {
		if q.Filter.Kind, err = rapport.ParseEnum("kind", s, rapport.Kinds); err != nil {
			return q, err
		}
	}
	if s := v.Get("tier"); s != "" {
		if q.Filter.Tier, err = rapport.ParseEnum("tier", s, rapport.Tiers); err != nil {
			return q, err
		}
	}
	if s := v.Get("state"); s != "" {
		if q.State, err = rapport.ParseEnum("state", s, ContactStates); err != nil {
			return q, err
		}
	}
	q.Limit, err = ParseLimit(v.Get("limit"), def, max)
	return q, err
}

// ParseLimit reads the size of a page: def when s is empty, else 1..max.
func ParseLimit(s string, def, max int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, rapport.Invalid("limit", s, "must be between 1 and "+strconv.Itoa(max)).
			Keyed("error.invalid.between", map[string]any{"min": 1, "max": max})
	}
	return n, nil
}

// cursor is where a page of contacts ends: the sort key (the folded display
// name) and the id of its last contact. It is opaque to clients.
type cursor struct {
	Name string `json:"n"`
	ID   int64  `json:"i"`
}

func (cu cursor) String() string {
	b, _ := json.Marshal(cu)
	return base64.RawURLEncoding.EncodeToString(b)
}

func parseCursor(s string) (cursor, error) {
	var cu cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &cu)
	}
	if err != nil {
		return cu, rapport.Invalid("cursor", s, "use the next_cursor of the previous page").Keyed("error.http.cursor", nil)
	}
	return cu, nil
}

// ListContacts returns a page of the contacts that match q, sorted by name.
func (s *Service) ListContacts(ctx context.Context, acct int64, q ContactQuery) (ContactList, error) {
	f := q.Filter
	if q.Cursor != "" {
		cu, err := parseCursor(q.Cursor)
		if err != nil {
			return ContactList{}, err
		}
		f.AfterName, f.AfterID = cu.Name, cu.ID
	}
	var (
		cs  []*rapport.Contact
		err error
	)
	if q.State == "" {
		f.Limit = q.Limit + 1 // one more tells whether there is a next page
		cs, err = s.Store.Contacts(ctx, acct, f)
	} else {
		cs, err = s.contactsInState(ctx, acct, q.State, f, q.Limit)
	}
	if err != nil {
		return ContactList{}, err
	}
	l := ContactList{Items: cs}
	if l.Items == nil {
		l.Items = []*rapport.Contact{}
	}
	if len(cs) > q.Limit {
		l.Items = cs[:q.Limit]
		last := l.Items[q.Limit-1]
		l.NextCursor = cursor{Name: rapport.FoldSearch(last.DisplayName), ID: last.ID}.String()
	}
	return l, nil
}

// contactsInState returns up to limit+1 contacts in a state that match f
// (its search, kind, tier and tag) after f's cursor, sorted by name, with
// their details. No contact's whole history is read:
//
//   - overdue and dormant depend only on a contact's row (its summary, tier
//     and cadence): one bare read of the contacts that match the other
//     filters gives the candidates, which a calendar-day check narrows.
//   - effort and given_up read each contact's latest effort and the live
//     interactions since it (as Today does): the candidates are the
//     contacts with an effort.
//   - trust_lost reads the trust events and the promises they broke: the
//     candidates are the contacts with enough breaches on record.
//
// The candidates are sorted by name and the rules (rules.Evaluate, on what
// was read) confirm them one by one after the cursor, until the page is
// full: the rules have the last word, and they are asked of a page's worth
// of contacts, not of all of them. The page is then read with details.
func (s *Service) contactsInState(ctx context.Context, acct int64, state ContactState, f rapport.ContactFilter, limit int) ([]*rapport.Contact, error) {
	set, err := s.Store.Settings(ctx, acct)
	if err != nil {
		return nil, err
	}
	now := s.now()
	afterName, afterID := f.AfterName, f.AfterID
	f.AfterName, f.AfterID, f.Limit, f.Bare = "", 0, 0, true
	var (
		cands   []*rapport.Contact
		history func(c *rapport.Contact) rules.History
		confirm func(st rules.Status) bool
	)
	switch state {
	case StateOverdue, StateDormant:
		all, err := s.Store.Contacts(ctx, acct, f)
		if err != nil {
			return nil, err
		}
		today := civilDay(now)
		for _, c := range all {
			ref, _ := c.KeepReference()
			if ref.IsZero() {
				continue
			}
			days := today - civilDay(ref.In(now.Location()))
			// A day of slack for the day boundaries: the rules decide.
			if state == StateOverdue && days+1 > int64(set.Cadence(c)) || state == StateDormant && days+1 >= int64(set.DormantDays) {
				cands = append(cands, c)
			}
		}
		history = func(c *rapport.Contact) rules.History { return rules.History{Contact: c} }
		if state == StateOverdue {
			confirm = func(st rules.Status) bool { return st.Overdue }
		} else {
			confirm = func(st rules.Status) bool { return st.Dormant }
		}
	case StateEffort, StateGivenUp:
		efforts, err := s.Store.LatestEfforts(ctx, acct, now)
		if err != nil {
			return nil, err
		}
		since, err := s.Store.LatestEffortInteractions(ctx, acct, now)
		if err != nil {
			return nil, err
		}
		latest := map[int64]*rapport.Effort{}
		for _, e := range efforts {
			latest[e.ContactID] = e // by contact, the latest last
		}
		if cands, err = s.candidates(ctx, acct, f, sortedKeys(latest)); err != nil {
			return nil, err
		}
		history = func(c *rapport.Contact) rules.History {
			return rules.History{Contact: c, Efforts: []*rapport.Effort{latest[c.ID]}, Interactions: since[c.ID]}
		}
		if state == StateEffort {
			confirm = func(st rules.Status) bool { return st.Effort.State == rules.EffortActive }
		} else {
			confirm = func(st rules.Status) bool { return st.Effort.State == rules.EffortGivenUp && !st.Effort.ReachedOut }
		}
	case StateTrustLost:
		events, err := s.Store.TrustEvents(ctx, acct, rapport.RelationshipFilter{})
		if err != nil {
			return nil, err
		}
		// The open promises due before the zero time are none: what is left
		// is the promises they broke.
		broken, err := s.Store.AgendaPromises(ctx, acct, time.Time{})
		if err != nil {
			return nil, err
		}
		trust := map[int64][]*rapport.TrustEvent{}
		promises := map[int64][]*rapport.Promise{}
		breaches := map[int64]int{}
		for _, e := range events {
			trust[e.ContactID] = append(trust[e.ContactID], e)
			if e.Kind == rapport.TrustBreach {
				breaches[e.ContactID]++
			}
		}
		for _, p := range broken {
			if p.By == rapport.ByThem && p.State == rapport.PromiseBroken {
				promises[p.ContactID] = append(promises[p.ContactID], p)
				breaches[p.ContactID]++
			}
		}
		var ids []int64
		for id, n := range breaches {
			if n >= rules.LostAfter {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		if cands, err = s.candidates(ctx, acct, f, ids); err != nil {
			return nil, err
		}
		history = func(c *rapport.Contact) rules.History {
			return rules.History{Contact: c, Trust: trust[c.ID], Promises: promises[c.ID]}
		}
		confirm = func(st rules.Status) bool { return st.Trust.State == rules.TrustLost }
	}
	keys := make(map[int64]string, len(cands))
	for _, c := range cands {
		keys[c.ID] = rapport.FoldSearch(c.DisplayName)
	}
	slices.SortFunc(cands, func(a, b *rapport.Contact) int {
		return cmp.Or(strings.Compare(keys[a.ID], keys[b.ID]), cmp.Compare(a.ID, b.ID))
	})
	var ids []int64
	for _, c := range cands {
		if afterName != "" || afterID != 0 {
			if k := keys[c.ID]; k < afterName || k == afterName && c.ID <= afterID {
				continue
			}
		}
		if confirm(rules.Evaluate(history(c), set, now)) {
			if ids = append(ids, c.ID); len(ids) > limit {
				break
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	cs, err := s.Store.Contacts(ctx, acct, rapport.ContactFilter{IDs: ids})
	if err != nil {
		return nil, err
	}
	return cs, nil
}

// candidates reads, bare, the contacts of ids that match f.
func (s *Service) candidates(ctx context.Context, acct int64, f rapport.ContactFilter, ids []int64) ([]*rapport.Contact, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	f.IDs = ids
	return s.Store.Contacts(ctx, acct, f)
}

func sortedKeys[V any](m map[int64]V) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// civilDay numbers t's calendar day in its own location.
func civilDay(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}
