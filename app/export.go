package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-vcard"

	"rapport"
)

// ExportFormat is a kind of file an export writes.
type ExportFormat string

const (
	ExportVCard ExportFormat = "vcard" // vCard 4.0, the live contacts
	ExportCSV   ExportFormat = "csv"   // one row per live contact
	ExportJSON  ExportFormat = "json"  // everything in the account, for `import json`
)

// ExportFormats lists every format an export writes.
var ExportFormats = []ExportFormat{ExportVCard, ExportCSV, ExportJSON}

// ArchiveFormat and ArchiveVersion name what a JSON export holds. The
// version grows when a field changes meaning; fields are only ever added.
const (
	ArchiveFormat  = "rapport-export"
	ArchiveVersion = 1
)

// ArchiveFile is a JSON export: the account's name and everything in it.
type ArchiveFile struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	ExportedAt time.Time `json:"exported_at"`
	Account    string    `json:"account"`
	*rapport.Archive
}

// ArchiveCounts says how much an archive holds.
type ArchiveCounts struct {
	Contacts     int `json:"contacts"`
	Interactions int `json:"interactions"`
	Notes        int `json:"notes"`
	Efforts      int `json:"efforts"`
	Promises     int `json:"promises"`
	TrustEvents  int `json:"trust_events"`
	Favors       int `json:"favors"`
}

// Records is how many notes, efforts, promises, favors and trust events there are.
func (n ArchiveCounts) Records() int {
	return n.Notes + n.Efforts + n.Promises + n.TrustEvents + n.Favors
}

func countArchive(a *rapport.Archive) ArchiveCounts {
	return ArchiveCounts{Contacts: len(a.Contacts), Interactions: len(a.Interactions), Notes: len(a.Notes),
		Efforts: len(a.Efforts), Promises: len(a.Promises), TrustEvents: len(a.TrustEvents), Favors: len(a.Favors)}
}

// Export writes the account in format to w: a JSON export holds everything
// in it, read as of one moment; vCard and CSV the contacts not in the trash.
// It returns how much it wrote.
func (s *Service) Export(ctx context.Context, acct rapport.Account, format ExportFormat, w io.Writer) (ArchiveCounts, error) {
	switch format {
	case ExportVCard, ExportCSV, ExportJSON:
	default:
		return ArchiveCounts{}, badFormat(string(format), ExportFormats)
	}
	a, err := s.Store.ReadArchive(ctx, acct.ID)
	if err != nil {
		return ArchiveCounts{}, err
	}
	if format == ExportJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", " ")
		enc.SetEscapeHTML(false)
		f := ArchiveFile{Format: ArchiveFormat, Version: ArchiveVersion, ExportedAt: s.now().UTC(), Account: acct.Name, Archive: a}
		return countArchive(a), enc.Encode(f)
	}
	var live []*rapport.Contact
	notes := map[int64][]*rapport.Note{}
	for _, n := range a.Notes {
		notes[n.ContactID] = append(notes[n.ContactID], n)
	}
	for _, c := range a.Contacts {
		if c.DeletedAt == nil {
			live = append(live, c)
		}
	}
	if format == ExportCSV {
		return ArchiveCounts{Contacts: len(live)}, writeCSV(w, live)
	}
	enc := vcard.NewEncoder(w)
	for _, c := range live {
		if err := enc.Encode(VCard(c, notes[c.ID])); err != nil {
			return ArchiveCounts{}, err
		}
	}
	return ArchiveCounts{Contacts: len(live)}, nil
}

// compound keeps a semicolon inside a component of a compound vCard value
// (N, ORG) from splitting it: go-vcard does not escape it, so it becomes a
// comma.
func compound(s string) string { return strings.ReplaceAll(s, ";", ",") }

// vcardTypes are the TYPE parameters of each label, which the vCard import
// reads back as the same label.
var vcardTypes = map[string]string{"work": "work", "home": "home", "mobile": "cell", "other": "other"}

// VCard is a contact as a vCard 4.0 card, with its notes. Its UID names the
// contact in this account, so that importing the card into it again finds
// the same contact.
func VCard(c *rapport.Contact, notes []*rapport.Note) vcard.Card {
	card := vcard.Card{}
	card.SetValue(vcard.FieldVersion, "4.0")
	card.SetValue(vcard.FieldProductID, "-//Rapport//EN")
	card.SetValue(vcard.FieldUID, "rapport-contact-"+strconv.FormatInt(c.ID, 10))
	card.SetValue(vcard.FieldFormattedName, c.DisplayName)
	card.SetName(&vcard.Name{FamilyName: compound(c.FamilyName), GivenName: compound(c.GivenName)})
	if c.Org != "" {
		card.SetValue(vcard.FieldOrganization, compound(c.Org))
	}
	if c.Title != "" {
		card.SetValue(vcard.FieldTitle, c.Title)
	}
	for _, e := range c.Emails {
		card.Add(vcard.FieldEmail, &vcard.Field{Value: e.Value, Params: vcard.Params{vcard.ParamType: {vcardTypes[e.Label]}}})
	}
	for _, p := range c.Phones {
		card.Add(vcard.FieldTelephone, &vcard.Field{Value: p.Value, Params: vcard.Params{vcard.ParamType: {vcardTypes[p.Label]}}})
	}
	if b := c.Birthday; b != nil {
		v := fmt.Sprintf("--%02d%02d", int(b.Month), b.Day)
		if b.Year != 0 {
			v = fmt.Sprintf("%04d%02d%02d", b.Year, int(b.Month), b.Day)
		}
		card.SetValue(vcard.FieldBirthday, v)
	}
	switch c.Gender {
	case rapport.GenderFeminine:
		card.SetGender(vcard.SexFemale, "")
	case rapport.GenderMasculine:
		card.SetGender(vcard.SexMale, "")
	}
	if c.Lang != "" {
		card.SetValue(vcard.FieldLanguage, c.Lang)
	}
	// One CATEGORIES per tag: go-vcard escapes the commas of a list.
	for _, t := range c.Tags {
		card.AddValue(vcard.FieldCategories, t)
	}
	for k := len(notes) - 1; k >= 0; k-- { // oldest first
		card.AddValue(vcard.FieldNote, notes[k].Body)
	}
	card.SetRevision(c.UpdatedAt.UTC())
	return card
}

// CSVHeader is the header row of a CSV export.
var CSVHeader = []string{"id", "display_name", "given_name", "family_name", "kind", "tier", "cadence_days", "org", "title",
	"emails", "phones", "lang", "gender", "birthday", "how_we_met", "tags", "created_at", "updated_at",
	"interactions", "last_at", "last_meaningful_at"}

// writeCSV writes one row per contact. Emails and phones are LABEL:VALUE
// (as --email and --phone take them) separated by "; ", tags by ", ";
// times are RFC 3339 in UTC, empty when there are none.
func writeCSV(w io.Writer, cs []*rapport.Contact) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	points := func(ps []rapport.ContactPoint) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Label+":"+p.Value)
		}
		return strings.Join(out, "; ")
	}
	stamp := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	for _, c := range cs {
		birthday := ""
		if c.Birthday != nil {
			birthday = c.Birthday.String()
		}
		created, updated := c.CreatedAt, c.UpdatedAt
		row := []string{strconv.FormatInt(c.ID, 10), c.DisplayName, c.GivenName, c.FamilyName, string(c.Kind), string(c.Tier),
			strconv.Itoa(c.CadenceDays), c.Org, c.Title, points(c.Emails), points(c.Phones), c.Lang, string(c.Gender), birthday,
			c.HowWeMet, strings.Join(c.Tags, ", "), stamp(&created), stamp(&updated),
			strconv.Itoa(c.Summary.Interactions), stamp(c.Summary.LastAt), stamp(c.Summary.LastMeaningfulAt)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// restore reads a JSON export and restores it into the account, which must
// hold no contacts: every id, version and time as exported.
func (s *Service) restore(ctx context.Context, acct int64, r io.Reader, res *ImportResult) (*ImportResult, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var f ArchiveFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, notArchive(data, err)
	}
	if f.Format != ArchiveFormat || f.Archive == nil {
		return nil, notArchive(data, fmt.Errorf("no \"format\": %q", ArchiveFormat))
	}
	if f.Version > ArchiveVersion || f.Version < 1 {
		return nil, rapport.Errorf(rapport.EINVALID, "this export is of format version %d, which this Rapport does not know: upgrade Rapport to import it", f.Version).
			Keyed("error.import.archive_version", map[string]any{"version": strconv.Itoa(f.Version)})
	}
	if err := s.Store.RestoreArchive(ctx, acct, f.Archive); err != nil {
		return nil, err
	}
	n := countArchive(f.Archive)
	res.Restored = &n
	return res, nil
}

// notArchive reports a file that is not a JSON export, at the line of the
// fault when JSON says where.
func notArchive(data []byte, err error) error {
	offset := int64(0)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		offset = se.Offset
	case errors.As(err, &te):
		offset = te.Offset
	}
	line := 1 + bytes.Count(data[:min(int(offset), len(data))], []byte("\n"))
	cause := err.Error()
	if _, msg, ok := strings.Cut(cause, "json: "); ok {
		cause = msg
	}
	return rapport.Errorf(rapport.EINVALID, "line %d: not a Rapport JSON export: %s", line, cause).
		Keyed("error.import.not_archive", map[string]any{"line": strconv.Itoa(line), "cause": cause})
}
