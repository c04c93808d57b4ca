package app

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-vcard"

	"rapport"
	"rapport/importer"
)

// The address book over CardDAV (server/dav.go): each live contact of the
// account is one card, whose ETag is the contact's version, so that an
// address book on a phone and Rapport change the same contact under the
// API's version rules: a stale write changes nothing.
//
// A card holds what app.VCard writes, without the notes (they are not
// versioned with the contact, so a card that carried them would change
// under the same ETag). A client's card replaces what a card holds (names,
// organization, title, emails, phones, birthday, gender, language, tags);
// what only Rapport knows (kind, tier, cadence, how we met, the history)
// stays. A NOTE from a client becomes a note of the contact, once. Other
// properties (photos, addresses, URLs, a client's own X- properties) are
// dropped.
//
// Names and UIDs: a contact made in Rapport is "<id>.vcf" with the UID
// "rapport-contact-<id>" (as `rapport export vcard` writes it); an imported
// contact keeps its file's UID; a card a client creates keeps the name and
// UID the client gave it, remembered as the contact's sources
// ("carddav:NAME", "vcard:UID"), so that the client finds its card again.

// DAVCard is one contact as a CardDAV address object.
type DAVCard struct {
	// Name is the card's name in the address book: "<id>.vcf", or the name
	// the client created it under.
	Name    string
	Contact *rapport.Contact
	Card    vcard.Card
}

// ETag is the card's entity tag, unquoted: the contact's version.
func (d *DAVCard) ETag() string { return strconv.FormatInt(d.Contact.Version, 10) }

// Source key prefixes of the address book.
const (
	davNameKey = "carddav:"
	vcardKey   = string(ImportVCard) + ":"
)

// davIndex maps card names and UIDs to contacts and back, from the
// account's contact sources.
type davIndex struct {
	keys  map[string]int64
	names map[int64]string
	uids  map[int64]string
}

func (s *Service) davIndex(ctx context.Context, acct int64) (*davIndex, error) {
	keys, err := s.Store.ContactSources(ctx, acct)
	if err != nil {
		return nil, err
	}
	x := &davIndex{keys: keys, names: map[int64]string{}, uids: map[int64]string{}}
	for k, id := range keys {
		switch {
		case strings.HasPrefix(k, davNameKey):
			if n, ok := x.names[id]; !ok || k[len(davNameKey):] < n {
				x.names[id] = k[len(davNameKey):]
			}
		case strings.HasPrefix(k, vcardKey) && !strings.HasPrefix(k, vcardKey+"sha256:"):
			// The smallest UID, so that a contact's UID does not change from
			// one request to the next.
			if u, ok := x.uids[id]; !ok || k[len(vcardKey):] < u {
				x.uids[id] = k[len(vcardKey):]
			}
		}
	}
	return x, nil
}

// id is the contact a card name names, 0 when none.
func (x *davIndex) id(name string) int64 {
	if id, ok := x.keys[davNameKey+name]; ok {
		return id
	}
	if n, ok := strings.CutSuffix(name, ".vcf"); ok {
		if id, err := strconv.ParseInt(n, 10, 64); err == nil && id > 0 && x.names[id] == "" {
			return id
		}
	}
	return 0
}

func (x *davIndex) card(c *rapport.Contact) *DAVCard {
	name := x.names[c.ID]
	if name == "" {
		name = strconv.FormatInt(c.ID, 10) + ".vcf"
	}
	card := VCard(c, nil)
	if uid := x.uids[c.ID]; uid != "" {
		card.SetValue(vcard.FieldUID, uid)
	}
	return &DAVCard{Name: name, Contact: c, Card: card}
}

// DAVCards lists the address book: every live contact of the account.
func (s *Service) DAVCards(ctx context.Context, acct int64) ([]*DAVCard, error) {
	x, err := s.davIndex(ctx, acct)
	if err != nil {
		return nil, err
	}
	cs, err := s.Store.Contacts(ctx, acct, rapport.ContactFilter{})
	if err != nil {
		return nil, err
	}
	out := make([]*DAVCard, len(cs))
	for i, c := range cs {
		out[i] = x.card(c)
	}
	return out, nil
}

// DAVCard returns the card of a name: ENOTFOUND when there is none, or
// when its contact is in the trash.
func (s *Service) DAVCard(ctx context.Context, acct int64, name string) (*DAVCard, error) {
	x, err := s.davIndex(ctx, acct)
	if err != nil {
		return nil, err
	}
	c, err := s.davContact(ctx, acct, x, name)
	if err != nil {
		return nil, err
	}
	if c == nil || c.DeletedAt != nil {
		return nil, rapport.NotFound("card", name)
	}
	return x.card(c), nil
}

// davContact is the contact a name names, nil when none.
func (s *Service) davContact(ctx context.Context, acct int64, x *davIndex, name string) (*rapport.Contact, error) {
	id := x.id(name)
	if id == 0 {
		return nil, nil
	}
	c, err := s.Store.Contact(ctx, acct, id)
	if rapport.ErrorCodeOf(err) == rapport.ENOTFOUND {
		return nil, nil
	}
	return c, err
}

// davPrecondition is a failed If-Match or If-None-Match: 412, as a stale
// version is for a conditional request.
func davPrecondition(name, why string) *rapport.Error {
	e := rapport.Errorf(rapport.ECONFLICT, "card %s: %s", name, why)
	e.Stale = true
	return e
}

// DAVConditions are a write's preconditions, as the client sent them:
// If-Match and If-None-Match, entity tags unquoted, or "*".
type DAVConditions struct {
	IfMatch     string
	IfNoneMatch string
}

// PutDAVCard stores a card a client sends under name: it updates the
// contact the name names, at the version of If-Match (a stale one changes
// nothing and fails the precondition; none at all is refused the same way,
// since a blind write could overwrite a change the client has not seen),
// or creates a contact. created reports which.
func (s *Service) PutDAVCard(ctx context.Context, acct int64, name string, card vcard.Card, cond DAVConditions) (d *DAVCard, created bool, err error) {
	if name == "" || strings.ContainsAny(name, "/\\") || len(davNameKey+name) > 200 {
		return nil, false, rapport.Invalid("name", name, "a card's name is one path segment of at most 190 bytes")
	}
	rec, err := parseCard(card)
	if err != nil {
		return nil, false, err
	}
	x, err := s.davIndex(ctx, acct)
	if err != nil {
		return nil, false, err
	}
	c, err := s.davContact(ctx, acct, x, name)
	if err != nil {
		return nil, false, err
	}
	now := s.now()
	if c == nil {
		return s.createDAVCard(ctx, acct, x, name, rec, cond, now)
	}
	switch {
	case c.DeletedAt != nil:
		return nil, false, rapport.Errorf(rapport.ECONFLICT, "card %s: contact %d is in the trash: restore it first", name, c.ID).
			Keyed("error.trash.in", map[string]any{"id": strconv.FormatInt(c.ID, 10)})
	case cond.IfNoneMatch != "":
		return nil, false, davPrecondition(name, "it exists (If-None-Match)")
	case cond.IfMatch == "":
		return nil, false, davPrecondition(name, "it exists: send its ETag in If-Match to change it")
	case cond.IfMatch != "*":
		v, err := strconv.ParseInt(cond.IfMatch, 10, 64)
		if err != nil || v != c.Version {
			return nil, false, rapport.StaleVersion("contact", c.ID, c.Version, v)
		}
	}
	applyCard(c, rec.Contact)
	c.UpdatedAt = now
	if err := s.Store.UpdateContact(ctx, acct, c); err != nil {
		if rapport.ErrorCodeOf(err) == rapport.ECONFLICT {
			return nil, false, davPrecondition(name, "it was changed meanwhile")
		}
		return nil, false, err
	}
	if err := s.addDAVNote(ctx, acct, c.ID, rec.Note, now); err != nil {
		return nil, false, err
	}
	return x.card(c), false, nil
}

func (s *Service) createDAVCard(ctx context.Context, acct int64, x *davIndex, name string, rec importer.Record, cond DAVConditions, now time.Time) (*DAVCard, bool, error) {
	if cond.IfMatch != "" {
		return nil, false, davPrecondition(name, "there is no such card (If-Match)")
	}
	sources := []string{davNameKey + name}
	if rec.UID != "" {
		key := clipKey(vcardKey + rec.UID)
		if id, ok := x.keys[key]; ok {
			return nil, false, rapport.Errorf(rapport.ECONFLICT, "card %s: its UID is contact %d's already", name, id)
		}
		sources = append(sources, key)
	}
	c := rec.Contact
	c.CreatedAt = now
	ic := &rapport.ImportedContact{Contact: c, Sources: sources}
	if note := strings.TrimSpace(rec.Note); note != "" {
		ic.Notes = []*rapport.Note{{Body: note, CreatedAt: now}}
	}
	if err := s.Store.Import(ctx, acct, &rapport.ImportBatch{Contacts: []*rapport.ImportedContact{ic}}); err != nil {
		return nil, false, err
	}
	x.names[c.ID] = name
	if rec.UID != "" && !strings.HasPrefix(sources[1], vcardKey+"sha256:") {
		x.uids[c.ID] = rec.UID
	}
	return x.card(c), true, nil
}

// addDAVNote adds a client's NOTE to the contact's notes, unless it has it.
func (s *Service) addDAVNote(ctx context.Context, acct, id int64, note string, now time.Time) error {
	note = strings.TrimSpace(note)
	if note == "" {
		return nil
	}
	ns, err := s.Store.Notes(ctx, acct, id)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(ns, func(n *rapport.Note) bool { return strings.TrimSpace(n.Body) == note }) {
		return nil
	}
	return s.Store.AddNote(ctx, acct, &rapport.Note{ContactID: id, Body: note, CreatedAt: now})
}

// DeleteDAVCard moves the contact a card names to the trash, if it is at
// the version of If-Match (when the client sent one).
func (s *Service) DeleteDAVCard(ctx context.Context, acct int64, name, ifMatch string) error {
	x, err := s.davIndex(ctx, acct)
	if err != nil {
		return err
	}
	c, err := s.davContact(ctx, acct, x, name)
	if err != nil {
		return err
	}
	if c == nil || c.DeletedAt != nil {
		return rapport.NotFound("card", name)
	}
	if ifMatch != "" && ifMatch != "*" {
		v, err := strconv.ParseInt(ifMatch, 10, 64)
		if err != nil || v != c.Version {
			return rapport.StaleVersion("contact", c.ID, c.Version, v)
		}
	}
	return s.Store.DeleteContact(ctx, acct, c.ID, s.now())
}

// parseCard reads a client's card as `rapport import vcard` reads a file.
func parseCard(card vcard.Card) (importer.Record, error) {
	var buf bytes.Buffer
	if err := vcard.NewEncoder(&buf).Encode(card); err != nil {
		return importer.Record{}, rapport.Invalid("card", "", "not a vCard: "+err.Error())
	}
	recs, skipped, err := importer.ParseVCard(&buf, importer.Options{})
	if err != nil {
		return importer.Record{}, err
	}
	if len(recs) != 1 {
		if len(skipped) > 0 && skipped[0].Reason != nil {
			var re *rapport.Error
			if errors.As(skipped[0].Reason, &re) {
				return importer.Record{}, re
			}
		}
		return importer.Record{}, rapport.Invalid("card", "", "a card for a person is expected")
	}
	return recs[0], nil
}

// applyCard replaces what a card holds of dst by src's.
func applyCard(dst, src *rapport.Contact) {
	dst.DisplayName, dst.GivenName, dst.FamilyName = src.DisplayName, src.GivenName, src.FamilyName
	dst.Org, dst.Title = src.Org, src.Title
	dst.Emails, dst.Phones = src.Emails, src.Phones
	dst.Birthday, dst.Lang, dst.Tags = src.Birthday, src.Lang, src.Tags
	dst.Gender = src.Gender
	if dst.Gender == "" {
		dst.Gender = rapport.GenderUnknown
	}
}

// BasicPrincipal is who HTTP Basic credentials sign in, for the address
// book: the user's email and one of their API tokens (never their
// password, nor a feed's credential). Any mismatch is the same
// EUNAUTHORIZED.
func (s *Service) BasicPrincipal(ctx context.Context, email, token string) (*rapport.Principal, error) {
	p, err := s.TokenPrincipal(ctx, token)
	if err != nil {
		return nil, err
	}
	l, err := s.Store.Login(ctx, strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		if rapport.ErrorCodeOf(err) == rapport.ENOTFOUND {
			return nil, errBadCredential
		}
		return nil, err
	}
	if l.AccountID != p.Account.ID || l.UserID != p.User.ID {
		return nil, errBadCredential
	}
	return p, nil
}
