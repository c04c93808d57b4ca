package app_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/gen"
	"rapport/sqlstore/sqltest"
)

// fillAccount writes a little of everything gen makes into an account, and
// what only the user makes: notes, the trash, an edited outcome, changed
// settings, imported people and events, a merge.
func fillAccount(t *testing.T, svc *app.Service, acct int64) {
	t.Helper()
	ctx := t.Context()
	g := gen.New(7, importNow)
	var cs []*rapport.Contact
	for range 150 {
		cs = append(cs, g.Contact())
	}
	if err := svc.Store.CreateContacts(ctx, acct, cs); err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	var is []*rapport.Interaction
	for i, n := range g.Counts(cs, 1500) {
		is = append(is, g.Interactions(cs[i], n, ids)...)
	}
	if err := svc.Store.CreateInteractions(ctx, acct, is); err != nil {
		t.Fatal(err)
	}
	var recs rapport.Records
	for _, c := range cs {
		r := g.Records(c)
		recs.Efforts, recs.Promises = append(recs.Efforts, r.Efforts...), append(recs.Promises, r.Promises...)
		recs.Favors, recs.Trust = append(recs.Favors, r.Favors...), append(recs.Trust, r.Trust...)
	}
	if err := svc.Store.CreateRecords(ctx, acct, recs); err != nil {
		t.Fatal(err)
	}
	for _, c := range cs[:20] {
		if _, err := svc.AddNote(ctx, acct, c.ID, "Note on "+c.DisplayName); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cs[140:143] {
		if err := svc.DeleteContact(ctx, acct, c.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, i := range is {
		if i.Outcome == rapport.OutcomeScheduled && i.At.Before(importNow) {
			if _, err := svc.SetOutcome(ctx, acct, i.ID, rapport.OutcomeNoResponse); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	set := rapport.DefaultSettings()
	set.CadenceCoreDays, set.ReciprocityDeficit = 21, -3
	if err := svc.SaveSettings(ctx, acct, set); err != nil {
		t.Fatal(err)
	}
	email := cs[0].Emails[0].Value
	if _, err := svc.Import(ctx, acct, app.ImportVCard, strings.NewReader(vcards("UID:u-1\nFN:Imported\nEMAIL:imported@example.com", "FN:X\nEMAIL:"+email)), app.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ics := calendar(fmt.Sprintf("UID:ev-1\nDTSTART:20261110T100000Z\nSUMMARY:Review\nATTENDEE:mailto:%s", email))
	if _, err := svc.Import(ctx, acct, app.ImportICS, strings.NewReader(ics), app.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.MergeContacts(ctx, acct, cs[1].ID, cs[2].ID); err != nil {
		t.Fatal(err)
	}
}

// sameArchives compares two accounts field by field, naming the first
// record and field that differ in each list.
func sameArchives(t *testing.T, want, got *rapport.Archive) {
	t.Helper()
	if want.Settings != got.Settings {
		t.Errorf("settings: got %+v, want %+v", got.Settings, want.Settings)
	}
	wv, gv := reflect.ValueOf(want).Elem(), reflect.ValueOf(got).Elem()
	for f := range wv.NumField() {
		name := wv.Type().Field(f).Name
		w, g := wv.Field(f), gv.Field(f)
		if w.Kind() != reflect.Slice {
			continue
		}
		if w.Len() != g.Len() {
			t.Errorf("%s: %d restored, %d exported", name, g.Len(), w.Len())
			continue
		}
		for i := range w.Len() {
			a, b := reflect.Indirect(w.Index(i)), reflect.Indirect(g.Index(i))
			for k := range a.NumField() {
				if !reflect.DeepEqual(a.Field(k).Interface(), b.Field(k).Interface()) {
					t.Errorf("%s[%d].%s: restored %+v, exported %+v", name, i, a.Type().Field(k).Name, b.Field(k).Interface(), a.Field(k).Interface())
				}
			}
		}
	}
}

// TestJSONExportRestoresExactly exports an account filled by gen and more,
// restores it into an empty account on each engine (and on the other), and
// compares the two field by field.
func TestJSONExportRestoresExactly(t *testing.T) {
	for _, from := range sqltest.Engines {
		for _, to := range sqltest.Engines {
			t.Run(from+"_to_"+to, func(t *testing.T) {
				sqltest.Require(t, from)
				sqltest.Require(t, to)
				src, a := newAccount(t, from)
				fillAccount(t, src, a.ID)
				var buf bytes.Buffer
				n, err := src.Export(t.Context(), a, app.ExportJSON, &buf)
				if err != nil {
					t.Fatal(err)
				}
				if n.Contacts != 151 || n.Interactions < 1500 || n.Notes != 20 || n.Records() < 50 {
					t.Fatalf("exported %+v", n)
				}
				dst, b := newAccount(t, to)
				res, err := dst.Import(t.Context(), b.ID, app.ImportJSON, bytes.NewReader(buf.Bytes()), app.ImportOptions{})
				if err != nil {
					t.Fatal(err)
				}
				if *res.Restored != n {
					t.Fatalf("restored %+v, exported %+v", res.Restored, n)
				}
				want := archive(t, src, a.ID)
				got := archive(t, dst, b.ID)
				sameArchives(t, want, got)
				if !reflect.DeepEqual(want, got) {
					t.Fatal("the restored account differs")
				}
				// Both continue with the same ids.
				c1 := mustAdd(t, src, a.ID, &rapport.Contact{DisplayName: "Next"})
				c2 := mustAdd(t, dst, b.ID, &rapport.Contact{DisplayName: "Next"})
				if c1.ID != c2.ID {
					t.Fatalf("the next contact is %d here, %d in the restored account", c1.ID, c2.ID)
				}
				// Only into an empty account, and only an export.
				_, err = dst.Import(t.Context(), b.ID, app.ImportJSON, bytes.NewReader(buf.Bytes()), app.ImportOptions{})
				if rapport.ErrorCodeOf(err) != rapport.ECONFLICT {
					t.Fatalf("a restore into an account with contacts: %v", err)
				}
			})
		}
	}
}

func TestJSONImportRefusesWhatIsNotAnExport(t *testing.T) {
	svc, a := newAccount(t, "sqlite")
	for in, want := range map[string]string{
		"{\n  \"contacts\": [\n    {\"id\": \"x\"}\n  ]\n}":                  "line 3: not a Rapport JSON export: cannot unmarshal string",
		"{\"format\": \"other\"}":                                            "line 1: not a Rapport JSON export: no \"format\": \"rapport-export\"",
		"{\"format\": \"rapport-export\", \"version\": 9, \"contacts\": []}": "this export is of format version 9",
		"\n\n{\"format\": ":                                                  "line 3: not a Rapport JSON export: unexpected end of JSON input",
	} {
		_, err := svc.Import(t.Context(), a.ID, app.ImportJSON, strings.NewReader(in), app.ImportOptions{})
		if rapport.ErrorCodeOf(err) != rapport.EINVALID || !strings.Contains(rapport.ErrorMessage(err), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}

// TestVCardExportImportsBack: a vCard export, imported into an empty
// account, gives the same people.
func TestVCardExportImportsBack(t *testing.T) {
	src, a := newAccount(t, "sqlite")
	ctx := t.Context()
	mustAdd(t, src, a.ID, &rapport.Contact{DisplayName: "Łucja Nowak; Kowalska", GivenName: "Łucja", FamilyName: "Nowak-Kowalska",
		Org: "Acme; Sp. z o.o.", Title: "Head, Procurement", Lang: "pl", Gender: rapport.GenderFeminine,
		Emails:   []rapport.ContactPoint{{Label: "work", Value: "lucja@acme.pl"}, {Label: "home", Value: "lucja@example.org"}},
		Phones:   []rapport.ContactPoint{{Label: "mobile", Value: "+48 601 234 567"}, {Label: "other", Value: "+48 22 000 00 00"}},
		Birthday: &rapport.Birthday{Month: 2, Day: 29}, Tags: []string{"warsaw", "procurement"}})
	b := mustAdd(t, src, a.ID, &rapport.Contact{DisplayName: "أحمد الخطيب", Birthday: &rapport.Birthday{Year: 1985, Month: 3, Day: 14}, Gender: rapport.GenderMasculine})
	if _, err := src.AddNote(ctx, a.ID, b.ID, "Line one\nline two, with a comma"); err != nil {
		t.Fatal(err)
	}
	gone := mustAdd(t, src, a.ID, &rapport.Contact{DisplayName: "Gone"})
	src.DeleteContact(ctx, a.ID, gone.ID)
	var buf bytes.Buffer
	if n, err := src.Export(ctx, a, app.ExportVCard, &buf); err != nil || n.Contacts != 2 {
		t.Fatalf("export: %+v, %v", n, err)
	}
	if !strings.Contains(buf.String(), "VERSION:4.0\r\n") || !strings.Contains(buf.String(), "CATEGORIES:procurement\r\n") {
		t.Fatalf("not vCard 4.0:\n%s", buf.String())
	}
	dst, d := newAccount(t, "sqlite")
	res, err := dst.Import(ctx, d.ID, app.ImportVCard, &buf, app.ImportOptions{})
	if err != nil || len(res.Contacts.Created) != 2 || len(res.Skipped) != 0 || len(res.Warnings) != 0 {
		t.Fatalf("import of the export: %+v, %v", res, err)
	}
	want, _ := src.Store.Contacts(ctx, a.ID, rapport.ContactFilter{})
	got, _ := dst.Store.Contacts(ctx, d.ID, rapport.ContactFilter{})
	for i := range want {
		w, g := want[i], got[i]
		w.Org = strings.ReplaceAll(w.Org, ";", ",") // a compound value's semicolon becomes a comma
		if w.DisplayName != g.DisplayName || w.GivenName != g.GivenName || w.FamilyName != g.FamilyName || w.Org != g.Org || w.Title != g.Title ||
			w.Lang != g.Lang || w.Gender != g.Gender || !reflect.DeepEqual(w.Birthday, g.Birthday) || !reflect.DeepEqual(w.Emails, g.Emails) ||
			!reflect.DeepEqual(w.Phones, g.Phones) || !reflect.DeepEqual(w.Tags, g.Tags) {
			t.Errorf("imported back:\n got %+v\nwant %+v", g, w)
		}
	}
	notes, _ := dst.Store.Notes(ctx, d.ID, got[1].ID)
	if len(notes) != 1 || notes[0].Body != "Line one\nline two, with a comma" {
		t.Fatalf("notes imported back: %+v", notes)
	}
}

func TestCSVExportHasOneRowPerContact(t *testing.T) {
	svc, a := newAccount(t, "sqlite")
	ctx := t.Context()
	c := mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Zofia, \"Zosia\"", Org: "Acme",
		Emails: []rapport.ContactPoint{{Value: "z@acme.pl"}, {Label: "home", Value: "z@example.pl"}}, Tags: []string{"b", "a"}})
	mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Omar"})
	if err := svc.Log(ctx, a.ID, &rapport.Interaction{Channel: rapport.ChannelCall, ContactIDs: []int64{c.ID}, At: importNow.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := svc.Export(ctx, a, app.ExportCSV, &buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || !slices.Equal(rows[0], app.CSVHeader) {
		t.Fatalf("rows: %q", rows)
	}
	row := map[string]string{} // by id: Zofia first
	for i, v := range rows[1] {
		row[app.CSVHeader[i]] = v
	}
	if row["display_name"] != "Zofia, \"Zosia\"" || row["emails"] != "work:z@acme.pl; home:z@example.pl" || row["tags"] != "a, b" ||
		row["interactions"] != "1" || row["last_at"] != "2026-11-20T08:00:00Z" || row["birthday"] != "" {
		t.Fatalf("Zofia's row: %v", row)
	}
}
