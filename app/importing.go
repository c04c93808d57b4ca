package app

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"rapport"
	"rapport/importer"
)

// ImportFormat is a kind of file an import reads.
type ImportFormat string

const (
	ImportVCard    ImportFormat = "vcard"
	ImportLinkedIn ImportFormat = "linkedin" // LinkedIn's Connections.csv
	ImportGoogle   ImportFormat = "google"   // a Google Contacts CSV
	ImportICS      ImportFormat = "ics"      // an iCalendar file
	ImportJSON     ImportFormat = "json"     // a Rapport export, restored into an empty account
)

// ImportFormats lists every format an import reads.
var ImportFormats = []ImportFormat{ImportVCard, ImportLinkedIn, ImportGoogle, ImportICS, ImportJSON}

// ImportOptions tune an import.
type ImportOptions struct {
	// SkipBad leaves malformed records out, listing them, instead of
	// refusing the file.
	SkipBad bool
	// Location reads a calendar's floating times and LinkedIn's dates; nil
	// is UTC.
	Location *time.Location
	// Progress, when set, is told how much of what the import writes is
	// written.
	Progress func(done, total int)
}

// ImportResult says what an import did, record by record: every record of
// the file is in exactly one list (a recurring event, once per occurrence).
type ImportResult struct {
	Format       ImportFormat         `json:"format"`
	Contacts     ImportedContacts     `json:"contacts"`
	Interactions ImportedInteractions `json:"interactions"`
	Skipped      []SkippedRecord      `json:"skipped"`
	Warnings     []RecordWarning      `json:"warnings"`
	// Restored counts what a JSON import restored; nil for the others.
	Restored *ArchiveCounts `json:"restored,omitempty"`
}

// ImportedContacts are the people an import read: contacts created, records
// merged into a contact that was there (or created by an earlier record of
// the file), and records that brought nothing new.
type ImportedContacts struct {
	Created   []ContactRecord `json:"created"`
	Merged    []ContactRecord `json:"merged"`
	Unchanged []ContactRecord `json:"unchanged"`
}

// ContactRecord is a record of the file and the contact it went to.
type ContactRecord struct {
	Line int    `json:"line"`
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// MatchedBy says how the contact was found: key (the file's own id for
	// the person, seen in an earlier import), email or phone; "" when created.
	MatchedBy string `json:"matched_by,omitempty"`
	// Added names what a merge added: email, phone, tag, note, and the
	// fields that were empty (given_name, org, birthday, …).
	Added []string `json:"added,omitempty"`

	contact *rapport.Contact // its ID is known once written
}

// ImportedInteractions are the calendar events an import read: logged as
// interactions, or found logged by an earlier import.
type ImportedInteractions struct {
	Created   []InteractionRecord `json:"created"`
	Unchanged []InteractionRecord `json:"unchanged"`
}

// InteractionRecord is an event of the file and its interaction.
type InteractionRecord struct {
	Line       int             `json:"line"`
	ID         int64           `json:"id"`
	At         time.Time       `json:"at"`
	Channel    rapport.Channel `json:"channel"`
	Outcome    rapport.Outcome `json:"outcome"`
	ContactIDs []int64         `json:"contact_ids"`

	interaction *rapport.Interaction
}

// SkippedRecord is a record left out, and why: Malformed when the file is
// at fault (only with SkipBad), else it held nothing to import.
type SkippedRecord struct {
	Line      int    `json:"line"`
	Reason    string `json:"reason"` // in English; Err says it in other languages
	Malformed bool   `json:"malformed"`
	Err       error  `json:"-"`
}

// RecordWarning is something read only in part, such as a birthday without
// its day; the message names the line, in English. Key and Args say it in
// other languages (LocalizeWarning): Args hold the line the message names
// ("line", which the key does not say), the field and the value, besides
// the key's own arguments.
type RecordWarning struct {
	Line    int            `json:"line"`
	Message string         `json:"message"`
	Key     string         `json:"-"`
	Args    map[string]any `json:"-"`
}

// recordWarning is what the parser says of a record at line.
func recordWarning(line int, w importer.Warning) RecordWarning {
	args := map[string]any{"line": w.Line, "field": w.Field, "value": w.Value}
	maps.Copy(args, w.Args)
	return RecordWarning{Line: line, Message: w.Message, Key: w.Key, Args: args}
}

// Import reads a file of format from r into the account, all at once or not
// at all. People are matched to contacts by the file's key for them (from an
// earlier import), else by email, else by phone, case and formatting aside;
// a match gets the emails, phones, tags and note it lacks and its empty
// fields filled, and nothing it has is changed. Calendar events become
// interactions with the contacts among their attendees, remembered by the
// event's UID and start, so that importing the same file again changes
// nothing. A malformed record refuses the whole file, naming its line,
// unless opts.SkipBad.
func (s *Service) Import(ctx context.Context, acct int64, format ImportFormat, r io.Reader, opts ImportOptions) (*ImportResult, error) {
	now := s.now()
	po := importer.Options{SkipBad: opts.SkipBad, Now: now, Location: opts.Location}
	res := &ImportResult{Format: format, Skipped: []SkippedRecord{}, Warnings: []RecordWarning{},
		Contacts:     ImportedContacts{Created: []ContactRecord{}, Merged: []ContactRecord{}, Unchanged: []ContactRecord{}},
		Interactions: ImportedInteractions{Created: []InteractionRecord{}, Unchanged: []InteractionRecord{}}}
	var (
		recs    []importer.Record
		skipped []importer.Skipped
		err     error
	)
	switch format {
	case ImportVCard:
		recs, skipped, err = importer.ParseVCard(r, po)
	case ImportLinkedIn:
		recs, skipped, err = importer.ParseLinkedIn(r, po)
	case ImportGoogle:
		recs, skipped, err = importer.ParseGoogle(r, po)
	case ImportICS:
		var events []importer.Event
		if events, skipped, err = importer.ParseICS(r, po); err != nil {
			return nil, err
		}
		res.skip(skipped)
		err = s.importEvents(ctx, acct, events, now, opts, res)
		return res.sorted(), err
	case ImportJSON:
		return s.restore(ctx, acct, r, res)
	default:
		return nil, badFormat(string(format), ImportFormats)
	}
	if err != nil {
		return nil, err
	}
	res.skip(skipped)
	err = s.importContacts(ctx, acct, format, recs, now, opts, res)
	return res.sorted(), err
}

func badFormat[T ~string](v string, formats []T) error {
	return rapport.Invalid("FORMAT", v, "must be one of "+rapport.Choices(formats)).
		Keyed("error.invalid.one_of", map[string]any{"choices": rapport.Choices(formats)})
}

// skip lists what the parser left out.
func (res *ImportResult) skip(ss []importer.Skipped) {
	for _, sk := range ss {
		res.Skipped = append(res.Skipped, SkippedRecord{Line: sk.Line, Reason: rapport.ErrorMessage(sk.Reason), Malformed: sk.Malformed(), Err: sk.Reason})
	}
}

// skipNothing lists a record that holds nothing to import, for a reason of
// ours (key: error.import.KEY, which does not name the line: Line does).
func (res *ImportResult) skipNothing(line int, key, english string, args map[string]any) {
	err := rapport.Errorf(rapport.ENOTFOUND, "line %d: %s", line, english).Keyed("error.import."+key, args)
	err.Line = line
	res.Skipped = append(res.Skipped, SkippedRecord{Line: line, Reason: err.Message, Err: err})
}

func (res *ImportResult) sorted() *ImportResult {
	slices.SortStableFunc(res.Skipped, func(a, b SkippedRecord) int { return cmp.Compare(a.Line, b.Line) })
	slices.SortStableFunc(res.Warnings, func(a, b RecordWarning) int { return cmp.Compare(a.Line, b.Line) })
	return res
}

// match is a contact of the account, or one an import creates.
type match struct {
	c       *rapport.Contact // as read, or as it will be written
	trashed bool
	ic      *rapport.ImportedContact // once the import writes to it
	notes   []string                 // the bodies of its notes, once read
	read    bool
}

// contactIndex finds the contacts records go to.
type contactIndex struct {
	byKey, byEmail, byPhone map[string][]*match
}

func newContactIndex() *contactIndex {
	return &contactIndex{byKey: map[string][]*match{}, byEmail: map[string][]*match{}, byPhone: map[string][]*match{}}
}

func (x *contactIndex) add(m *match) {
	for _, e := range m.c.Emails {
		x.addTo(x.byEmail, emailKey(e.Value), m)
	}
	for _, p := range m.c.Phones {
		x.addTo(x.byPhone, phoneKey(p.Value), m)
	}
}

func (x *contactIndex) addTo(idx map[string][]*match, k string, m *match) {
	if k != "" && !slices.Contains(idx[k], m) {
		idx[k] = append(idx[k], m)
	}
}

// find returns the contacts a record may be, by key, else by email, else by
// phone, and how; live contacts before those in the trash.
func (x *contactIndex) find(key string, c *rapport.Contact) ([]*match, string) {
	if ms := x.byKey[key]; len(ms) > 0 {
		return ms, "key"
	}
	var found []*match
	by := ""
	for _, e := range c.Emails {
		for _, m := range x.byEmail[emailKey(e.Value)] {
			if !slices.Contains(found, m) {
				found, by = append(found, m), cmp.Or(by, "email")
			}
		}
	}
	for _, p := range c.Phones {
		for _, m := range x.byPhone[phoneKey(p.Value)] {
			if !slices.Contains(found, m) {
				found, by = append(found, m), cmp.Or(by, "phone")
			}
		}
	}
	if live := slices.DeleteFunc(slices.Clone(found), func(m *match) bool { return m.trashed }); len(live) > 0 {
		found = live
	}
	return found, by
}

func emailKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// phoneKey is a phone number as imports and duplicate checks compare it:
// its digits, with a leading + (or the international prefix 00, read as
// +) kept.
func phoneKey(s string) string {
	s = strings.TrimSpace(s)
	plus := strings.HasPrefix(s, "+")
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if !plus && strings.HasPrefix(d, "00") && len(d) > 2 {
		d, plus = d[2:], true
	}
	if d == "" {
		return ""
	}
	if plus {
		return "+" + d
	}
	return d
}

// sourceKey is the file's key for a person: the format and its UID (a
// vCard UID, a LinkedIn profile), or a digest of what the record holds.
func sourceKey(format ImportFormat, rec importer.Record) string {
	if rec.UID != "" {
		return clipKey(string(format) + ":" + rec.UID)
	}
	c := rec.Contact
	parts := []string{c.DisplayName, c.GivenName, c.FamilyName, c.Org, c.Title, c.Lang, string(c.Gender), rec.Note, strings.Join(c.Tags, ",")}
	for _, p := range slices.Concat(c.Emails, c.Phones) {
		parts = append(parts, p.Label+":"+p.Value)
	}
	if c.Birthday != nil {
		parts = append(parts, c.Birthday.String())
	}
	return string(format) + ":sha256:" + digest(parts...)
}

// clipKey keeps a key short enough for an index, replacing a long one by
// its digest.
func clipKey(k string) string {
	if len(k) <= 200 {
		return k
	}
	format, _, _ := strings.Cut(k, ":")
	return format + ":sha256:" + digest(k)
}

func digest(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func (s *Service) importContacts(ctx context.Context, acct int64, format ImportFormat, recs []importer.Record, now time.Time, opts ImportOptions, res *ImportResult) error {
	live, err := s.Store.Contacts(ctx, acct, rapport.ContactFilter{})
	if err != nil {
		return err
	}
	trash, err := s.Store.Contacts(ctx, acct, rapport.ContactFilter{Deleted: true})
	if err != nil {
		return err
	}
	keys, err := s.Store.ContactSources(ctx, acct)
	if err != nil {
		return err
	}
	x := newContactIndex()
	byID := make(map[int64]*match, len(live)+len(trash))
	for _, c := range slices.Concat(live, trash) {
		m := &match{c: c, trashed: c.DeletedAt != nil}
		byID[c.ID] = m
		x.add(m)
	}
	for k, id := range keys {
		if m := byID[id]; m != nil {
			x.byKey[k] = []*match{m}
		}
	}
	var batch []*rapport.ImportedContact
	for _, rec := range recs {
		for _, w := range rec.Warnings {
			res.Warnings = append(res.Warnings, recordWarning(rec.Line, w))
		}
		if rec.HasPhoto {
			res.Warnings = append(res.Warnings, RecordWarning{Line: rec.Line,
				Message: fmt.Sprintf("line %d: the photo is left out: Rapport keeps no pictures", rec.Line),
				Key:     "import.warning.photo", Args: map[string]any{"line": rec.Line}})
		}
		key := sourceKey(format, rec)
		found, by := x.find(key, rec.Contact)
		switch {
		case len(found) > 1:
			var names []string
			for _, m := range found {
				names = append(names, Label(m.c))
			}
			res.skipNothing(rec.Line, "ambiguous", fmt.Sprintf("matches several contacts (%s): merge them first with `rapport contact merge`", strings.Join(names, ", ")),
				map[string]any{"names": strings.Join(names, ", ")})
			continue
		case len(found) == 1 && found[0].trashed:
			res.skipNothing(rec.Line, "in_trash", fmt.Sprintf("matches %s, which is in the trash: restore it to import into it", Label(found[0].c)),
				map[string]any{"name": Label(found[0].c)})
			continue
		case len(found) == 0:
			c := rec.Contact
			c.CreatedAt = now
			if !rec.KnownSince.IsZero() && rec.KnownSince.Before(now) {
				c.CreatedAt = rec.KnownSince // when the user first knew them
			}
			m := &match{c: c, read: true}
			m.ic = &rapport.ImportedContact{Contact: c, Sources: []string{key}}
			if rec.Note != "" {
				m.ic.Notes = append(m.ic.Notes, &rapport.Note{Body: rec.Note, CreatedAt: now})
				m.notes = append(m.notes, strings.TrimSpace(rec.Note))
			}
			batch = append(batch, m.ic)
			x.add(m)
			x.byKey[key] = []*match{m}
			res.Contacts.Created = append(res.Contacts.Created, ContactRecord{Line: rec.Line, Name: c.DisplayName, contact: c})
			continue
		}
		m := found[0]
		if m.ic == nil { // an existing contact, changed on a copy
			m.c = cloneContact(m.c)
			m.ic = &rapport.ImportedContact{Contact: m.c}
		}
		added := MergeDetails(m.c, rec.Contact)
		if len(added) > 0 && m.c.ID != 0 {
			m.ic.Changed = true
			m.c.UpdatedAt = now
		}
		if note := strings.TrimSpace(rec.Note); note != "" {
			if !m.read && m.c.ID != 0 {
				ns, err := s.Store.Notes(ctx, acct, m.c.ID)
				if err != nil {
					return err
				}
				for _, n := range ns {
					m.notes = append(m.notes, strings.TrimSpace(n.Body))
				}
				m.read = true
			}
			if !slices.Contains(m.notes, note) {
				m.notes = append(m.notes, note)
				m.ic.Notes = append(m.ic.Notes, &rapport.Note{Body: note, CreatedAt: now})
				added = append(added, "note")
			}
		}
		if len(x.byKey[key]) == 0 {
			m.ic.Sources = append(m.ic.Sources, key)
			x.byKey[key] = []*match{m}
		}
		if !slices.Contains(batch, m.ic) && (m.ic.Changed || len(m.ic.Sources) > 0 || len(m.ic.Notes) > 0) {
			batch = append(batch, m.ic)
		}
		x.add(m) // its new emails and phones find it too
		cr := ContactRecord{Line: rec.Line, ID: m.c.ID, Name: m.c.DisplayName, MatchedBy: by, Added: added, contact: m.c}
		if len(added) > 0 {
			res.Contacts.Merged = append(res.Contacts.Merged, cr)
		} else {
			res.Contacts.Unchanged = append(res.Contacts.Unchanged, cr)
		}
	}
	if len(batch) > 0 {
		if err := s.Store.Import(ctx, acct, &rapport.ImportBatch{Contacts: batch, Progress: opts.Progress}); err != nil {
			return err
		}
	}
	for _, list := range [][]ContactRecord{res.Contacts.Created, res.Contacts.Merged, res.Contacts.Unchanged} {
		for k := range list {
			list[k].ID = list[k].contact.ID
		}
	}
	return nil
}

// cloneContact copies a contact, its lists too.
func cloneContact(c *rapport.Contact) *rapport.Contact {
	d := *c
	d.Emails, d.Phones, d.Tags = slices.Clone(c.Emails), slices.Clone(c.Phones), slices.Clone(c.Tags)
	if c.Birthday != nil {
		b := *c.Birthday
		d.Birthday = &b
	}
	return &d
}

// MergeDetails adds to dst what src knows and dst does not: emails and
// phones it lacks (case and formatting aside), tags, and the fields dst has
// empty. Nothing dst has is changed. It returns what was added.
func MergeDetails(dst, src *rapport.Contact) []string {
	var added []string
	add := func(what string) {
		if !slices.Contains(added, what) {
			added = append(added, what)
		}
	}
	for _, e := range src.Emails {
		if !slices.ContainsFunc(dst.Emails, func(p rapport.ContactPoint) bool { return emailKey(p.Value) == emailKey(e.Value) }) {
			dst.Emails = append(dst.Emails, e)
			add("email")
		}
	}
	for _, ph := range src.Phones {
		if !slices.ContainsFunc(dst.Phones, func(p rapport.ContactPoint) bool { return phoneKey(p.Value) == phoneKey(ph.Value) }) {
			dst.Phones = append(dst.Phones, ph)
			add("phone")
		}
	}
	for _, t := range rapport.NormalizeTags(src.Tags) {
		if !slices.Contains(dst.Tags, t) {
			dst.Tags = append(dst.Tags, t)
			add("tag")
		}
	}
	fill := func(what string, d *string, v string) {
		if strings.TrimSpace(*d) == "" && strings.TrimSpace(v) != "" {
			*d = v
			add(what)
		}
	}
	fill("given_name", &dst.GivenName, src.GivenName)
	fill("family_name", &dst.FamilyName, src.FamilyName)
	fill("org", &dst.Org, src.Org)
	fill("title", &dst.Title, src.Title)
	fill("lang", &dst.Lang, src.Lang)
	fill("how_we_met", &dst.HowWeMet, src.HowWeMet)
	if dst.Birthday == nil && src.Birthday != nil {
		b := *src.Birthday
		dst.Birthday = &b
		add("birthday")
	}
	if (dst.Gender == "" || dst.Gender == rapport.GenderUnknown) && src.Gender != "" && src.Gender != rapport.GenderUnknown {
		dst.Gender = src.Gender
		add("gender")
	}
	if dst.CadenceDays == 0 && src.CadenceDays != 0 {
		dst.CadenceDays = src.CadenceDays
		add("cadence_days")
	}
	if len(added) > 0 {
		dst.Tags = rapport.NormalizeTags(dst.Tags)
	}
	return added
}

// eventKey is the file's key for one occurrence of an event: its UID and
// its start (RECURRENCE-ID for an occurrence of a recurring event), or,
// for an event without a UID, a digest of what it holds.
func eventKey(e importer.Event) string {
	at := e.Start
	if !e.RecurrenceID.IsZero() {
		at = e.RecurrenceID
	}
	stamp := at.UTC().Format("20060102T150405Z")
	if e.UID != "" {
		return clipKey("ics:" + e.UID + "/" + stamp)
	}
	return "ics:sha256:" + digest(slices.Concat([]string{stamp, e.Summary, e.Organizer, e.Location}, e.Attendees)...)
}

func (s *Service) importEvents(ctx context.Context, acct int64, events []importer.Event, now time.Time, opts ImportOptions, res *ImportResult) error {
	live, err := s.Store.Contacts(ctx, acct, rapport.ContactFilter{})
	if err != nil {
		return err
	}
	emails := map[string][]int64{}
	for _, c := range live {
		for _, e := range c.Emails {
			k := emailKey(e.Value)
			if !slices.Contains(emails[k], c.ID) {
				emails[k] = append(emails[k], c.ID)
			}
		}
	}
	known, err := s.Store.InteractionSources(ctx, acct)
	if err != nil {
		return err
	}
	seen := map[string]int{} // key → the line of the event it came from, in this file
	var batch []*rapport.ImportedInteraction
	one := make([]importer.Event, 1)
	for _, e := range events {
		for _, w := range e.Warnings {
			res.Warnings = append(res.Warnings, recordWarning(e.Line, w))
		}
		one[0] = e
		is, skipped := importer.Interactions(one, emails, now)
		res.skip(skipped)
		if len(is) == 0 {
			continue
		}
		i := is[0]
		key := eventKey(e)
		if id, ok := known[key]; ok {
			res.Interactions.Unchanged = append(res.Interactions.Unchanged, InteractionRecord{Line: e.Line, ID: id, At: i.At, Channel: i.Channel, Outcome: i.Outcome, ContactIDs: i.ContactIDs})
			continue
		}
		if line, ok := seen[key]; ok {
			res.skipNothing(e.Line, "same_event", fmt.Sprintf("the same event (UID and start) as line %d", line),
				map[string]any{"ref": line})
			continue
		}
		seen[key] = e.Line
		i.CreatedAt = now
		batch = append(batch, &rapport.ImportedInteraction{Interaction: i, Source: key})
		res.Interactions.Created = append(res.Interactions.Created, InteractionRecord{Line: e.Line, interaction: i})
	}
	if len(batch) > 0 {
		if err := s.Store.Import(ctx, acct, &rapport.ImportBatch{Interactions: batch, Progress: opts.Progress}); err != nil {
			return err
		}
	}
	for k := range res.Interactions.Created {
		r := &res.Interactions.Created[k]
		i := r.interaction
		r.ID, r.At, r.Channel, r.Outcome, r.ContactIDs = i.ID, i.At, i.Channel, i.Outcome, i.ContactIDs
	}
	return nil
}
