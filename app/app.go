// Package app holds Rapport's use cases: what a command or a request does,
// in terms of the domain, the rules and the store. The CLI, the API and the
// web app call it, so each use case is written once.
package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"rapport"
	"rapport/password"
)

// Service runs use cases on a store, with a clock that the caller chooses
// (RAPPORT_NOW in the CLI, the wall clock in a server).
type Service struct {
	Store rapport.Store
	Now   func() time.Time
	// Passwords are the argon2id parameters (zero: password.Default).
	Passwords password.Params
}

// now is the clock in the caller's time zone: the rules count calendar days
// there. The store keeps times in UTC.
func (s *Service) now() time.Time { return s.Now().Truncate(time.Millisecond) }

// ResolveContact finds the contact a user means by ref: an id, or an
// unambiguous prefix of a display name (case and accents ignored). An exact
// name wins over longer names it prefixes. In the trash when trash is true.
func (s *Service) ResolveContact(ctx context.Context, acct int64, ref string, trash bool) (*rapport.Contact, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil, rapport.Invalid("contact", ref, "name a contact by id or name").Keyed("error.invalid.contact_ref", nil)
	}
	if id, err := strconv.ParseInt(strings.TrimPrefix(ref, "#"), 10, 64); err == nil {
		c, err := s.Store.Contact(ctx, acct, id)
		if err != nil {
			return nil, err
		}
		if (c.DeletedAt != nil) != trash {
			args := map[string]any{"id": strconv.FormatInt(id, 10)}
			if trash {
				return nil, rapport.Errorf(rapport.ENOTFOUND, "contact %d is not in the trash", id).Keyed("error.trash.not_in", args)
			}
			return nil, rapport.Errorf(rapport.ENOTFOUND, "contact %d is in the trash (restore it with `rapport contact restore %d`)", id, id).
				Keyed("error.trash.in", args)
		}
		return c, nil
	}
	cs, err := s.Store.Contacts(ctx, acct, rapport.ContactFilter{NamePrefix: ref, Deleted: trash, Limit: 11})
	if err != nil {
		return nil, err
	}
	folded := rapport.FoldSearch(ref)
	var exact []*rapport.Contact
	for _, c := range cs {
		if rapport.FoldSearch(c.DisplayName) == folded {
			exact = append(exact, c)
		}
	}
	if len(exact) == 1 {
		return exact[0], nil
	}
	switch len(cs) {
	case 0:
		args := map[string]any{"ref": ref}
		if trash {
			return nil, rapport.Errorf(rapport.ENOTFOUND, "no contact in the trash matches %q", ref).Keyed("error.ref.no_match_in_trash", args)
		}
		return nil, rapport.Errorf(rapport.ENOTFOUND, "no contact matches %q", ref).Keyed("error.ref.no_match", args)
	case 1:
		return cs[0], nil
	}
	e := (&rapport.Error{Code: rapport.ECONFLICT, Field: "contact",
		Message: fmt.Sprintf("%q matches several contacts; use an id or a longer name", ref)}).
		Keyed("error.ref.ambiguous", map[string]any{"ref": ref})
	for i, c := range cs {
		if i == 10 {
			e.Candidates = append(e.Candidates, "…")
			break
		}
		e.Candidates = append(e.Candidates, Label(c))
	}
	return nil, e
}

// Label names a contact for a list of candidates: "12 Anna Nowak (Acme)".
func Label(c *rapport.Contact) string {
	l := fmt.Sprintf("%d %s", c.ID, c.DisplayName)
	if c.Org != "" {
		l += " (" + c.Org + ")"
	}
	return l
}

// AddContact stores a new contact.
func (s *Service) AddContact(ctx context.Context, acct int64, c *rapport.Contact) error {
	c.CreatedAt = s.now()
	return s.Store.CreateContact(ctx, acct, c)
}

// EditContact applies edit to the stored contact and stores it, with the
// version it was read at: a concurrent change is a conflict, never lost.
func (s *Service) EditContact(ctx context.Context, acct, id int64, edit func(c *rapport.Contact) error) (*rapport.Contact, error) {
	c, err := s.Store.Contact(ctx, acct, id)
	if err != nil {
		return nil, err
	}
	if err := edit(c); err != nil {
		return nil, err
	}
	c.UpdatedAt = s.now()
	if err := s.Store.UpdateContact(ctx, acct, c); err != nil {
		return nil, err
	}
	return c, nil
}

// DeleteContact moves a contact to the trash.
func (s *Service) DeleteContact(ctx context.Context, acct, id int64) error {
	return s.Store.DeleteContact(ctx, acct, id, s.now())
}

// RestoreContact takes a contact out of the trash.
func (s *Service) RestoreContact(ctx context.Context, acct, id int64) error {
	return s.Store.RestoreContact(ctx, acct, id, s.now())
}

// Log records an interaction. A zero At means now.
func (s *Service) Log(ctx context.Context, acct int64, i *rapport.Interaction) error {
	if err := s.prepareLog(i); err != nil {
		return err
	}
	return s.Store.CreateInteraction(ctx, acct, i)
}

// prepareLog stamps an interaction with the clock, fills its defaults and
// refuses what cannot have happened yet.
func (s *Service) prepareLog(i *rapport.Interaction) error {
	i.CreatedAt = s.now()
	if i.At.IsZero() {
		i.At = i.CreatedAt
	}
	i.Normalize()
	return i.CheckTime(i.CreatedAt)
}

// SetOutcome records what became of an interaction, such as a scheduled call.
func (s *Service) SetOutcome(ctx context.Context, acct, id int64, o rapport.Outcome) (*rapport.Interaction, error) {
	return s.SetOutcomeAt(ctx, acct, id, 0, o)
}

// AddNote attaches a note to a contact.
func (s *Service) AddNote(ctx context.Context, acct, contactID int64, body string) (*rapport.Note, error) {
	n := &rapport.Note{ContactID: contactID, Body: body, CreatedAt: s.now()}
	return n, s.Store.AddNote(ctx, acct, n)
}
