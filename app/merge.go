package app

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"rapport"
)

// MergeResult says what a merge did.
type MergeResult struct {
	// Contact is the contact kept, after the merge.
	Contact *rapport.Contact `json:"contact"`
	// Merged is the contact merged into it, now in the trash.
	Merged *rapport.Contact `json:"merged"`
	// Added names the details Contact got from Merged (see MergeDetails).
	Added []string `json:"added"`
	// Moved counts what moved from Merged to Contact.
	Moved rapport.MergeCounts `json:"moved"`
}

// MergeContacts merges contact dropID into keepID, in one transaction:
// keepID gets the emails, phones and tags it lacks and its empty fields
// filled from dropID, and every interaction, note, effort, promise, favor
// and trust event of dropID; dropID goes to the trash, empty, where it
// still shows what it was. Both summaries are recomputed.
func (s *Service) MergeContacts(ctx context.Context, acct, keepID, dropID int64) (*MergeResult, error) {
	keep, err := s.Store.Contact(ctx, acct, keepID)
	if err != nil {
		return nil, err
	}
	drop, err := s.Store.Contact(ctx, acct, dropID)
	if err != nil {
		return nil, err
	}
	added := MergeDetails(keep, drop)
	if added == nil {
		added = []string{}
	}
	keep.UpdatedAt = s.now()
	moved, err := s.Store.MergeContacts(ctx, acct, keep, drop, s.now())
	if err != nil {
		return nil, err
	}
	if keep, err = s.Store.Contact(ctx, acct, keepID); err != nil {
		return nil, err
	}
	if drop, err = s.Store.Contact(ctx, acct, dropID); err != nil {
		return nil, err
	}
	return &MergeResult{Contact: keep, Merged: drop, Added: added, Moved: moved}, nil
}

// Duplicate is a group of live contacts that are likely one person.
type Duplicate struct {
	Contacts []DuplicateContact `json:"contacts"`
	Reasons  []DuplicateReason  `json:"reasons"`
}

// DuplicateContact names a contact of a Duplicate.
type DuplicateContact struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Org  string `json:"org"`
}

// DuplicateReason is what the contacts of a Duplicate share: the same email
// (By "email"), phone (case and formatting aside) or name (folded as
// searches fold it, "name").
type DuplicateReason struct {
	By    string `json:"by"`
	Value string `json:"value"`
}

// Duplicates lists the live contacts that share an email, a phone or their
// name, a group per set of contacts with every reason they share, by their
// first contact's id.
func (s *Service) Duplicates(ctx context.Context, acct int64) ([]Duplicate, error) {
	cs, err := s.Store.Contacts(ctx, acct, rapport.ContactFilter{})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(cs, func(a, b *rapport.Contact) int { return cmp.Compare(a.ID, b.ID) })
	type group struct {
		reason DuplicateReason
		ids    []int64
	}
	var groups []*group
	byKey := map[DuplicateReason]*group{}
	add := func(by, value, shown string, id int64) {
		if value == "" {
			return
		}
		k := DuplicateReason{By: by, Value: value}
		g := byKey[k]
		if g == nil {
			g = &group{reason: DuplicateReason{By: by, Value: shown}}
			byKey[k] = g
			groups = append(groups, g)
		}
		if !slices.Contains(g.ids, id) {
			g.ids = append(g.ids, id)
		}
	}
	byID := map[int64]*rapport.Contact{}
	for _, c := range cs {
		byID[c.ID] = c
		for _, e := range c.Emails {
			add("email", emailKey(e.Value), e.Value, c.ID)
		}
		for _, p := range c.Phones {
			add("phone", phoneKey(p.Value), p.Value, c.ID)
		}
		add("name", rapport.FoldSearch(c.DisplayName), c.DisplayName, c.ID)
	}
	out := []Duplicate{}
	bySet := map[string]int{} // the ids of a group → its place in out
	for _, g := range groups {
		if len(g.ids) < 2 {
			continue
		}
		slices.Sort(g.ids)
		var key strings.Builder
		for _, id := range g.ids {
			key.WriteString(strconv.FormatInt(id, 10) + " ")
		}
		if k, ok := bySet[key.String()]; ok {
			out[k].Reasons = append(out[k].Reasons, g.reason)
			continue
		}
		d := Duplicate{Reasons: []DuplicateReason{g.reason}}
		for _, id := range g.ids {
			c := byID[id]
			d.Contacts = append(d.Contacts, DuplicateContact{ID: c.ID, Name: c.DisplayName, Org: c.Org})
		}
		bySet[key.String()] = len(out)
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(a, b Duplicate) int {
		return cmp.Or(cmp.Compare(a.Contacts[0].ID, b.Contacts[0].ID), cmp.Compare(a.Contacts[1].ID, b.Contacts[1].ID))
	})
	return out, nil
}
