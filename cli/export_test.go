package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"rapport"
	"rapport/sqlstore"
)

// readArchive reads everything in the first account of a database.
func readArchive(t *testing.T, dsn string) *rapport.Archive {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	acct, err := db.DefaultAccount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.ReadArchive(context.Background(), acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestExportJSONRestoresIntoAnEmptyDatabase: what `rapport gen` and the
// user made, exported as JSON and imported into a new database on each
// engine, is the same account, field by field.
func TestExportJSONRestoresIntoAnEmptyDatabase(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		s := newSession(t, engine)
		s.ok("gen", "--contacts", "200", "--interactions", "3000", "--seed", "3")
		s.ok("contact", "note", "1", "prefers mornings")
		s.ok("contact", "rm", "2")
		s.ok("settings", "set", "cadence_inner_days", "10")
		s.ok("contact", "merge", "3", "4")
		out := filepath.Join(t.TempDir(), "rapport.json")
		if got := s.ok("export", "json", "--out", out); !strings.HasPrefix(got, "Wrote everything in the account to "+out+": 200 contacts, 3,000 interactions, and ") {
			t.Fatalf("export said %q", got)
		}
		var head exportedJSON
		data, _ := os.ReadFile(out)
		if err := json.Unmarshal(data, &head); err != nil || head.Format != "rapport-export" || head.Version != 1 || head.Account != "Personal" || len(head.Contacts) != 200 {
			t.Fatalf("the export's head: %+v, %v", head, err)
		}

		to := newSession(t, engine)
		if got := to.ok("import", "json", out); !strings.HasPrefix(got, "Restored from rapport.json: 200 contacts, 3,000 interactions, and ") {
			t.Fatalf("import json said %q", got)
		}
		want, got := readArchive(t, s.env["RAPPORT_DB"]), readArchive(t, to.env["RAPPORT_DB"])
		for i := range want.Contacts {
			if !reflect.DeepEqual(want.Contacts[i], got.Contacts[i]) {
				t.Fatalf("contact %d:\n got %+v\nwant %+v", i, got.Contacts[i], want.Contacts[i])
			}
		}
		for i := range want.Interactions {
			if !reflect.DeepEqual(want.Interactions[i], got.Interactions[i]) {
				t.Fatalf("interaction %d:\n got %+v\nwant %+v", i, got.Interactions[i], want.Interactions[i])
			}
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatal("the restored account differs from the exported one")
		}
		// Not into an account that has contacts.
		if r := to.run("import", "json", out); r.code != 1 || !strings.Contains(r.stderr, "rapport.json: the account already holds contacts") {
			t.Fatalf("a second restore: exit %d %q", r.code, r.stderr)
		}
	})
}

func TestExportVCardAndCSV(t *testing.T) {
	s := newSession(t, "sqlite")
	s.ok("contact", "add", "Zofia Kowalczyk", "--email", "zofia@acme.pl", "--phone", "mobile:+48 600 100 200", "--tag", "vip", "--birthday", "--03-14")
	s.ok("contact", "add", "Omar Haddad", "--org", "Gulf, Ltd")
	s.ok("contact", "add", "Gone")
	s.ok("contact", "rm", "gone")
	vcf := s.ok("export", "vcard")
	if strings.Count(vcf, "BEGIN:VCARD\r\n") != 2 || !strings.Contains(vcf, "VERSION:4.0\r\n") || !strings.Contains(vcf, "TEL;TYPE=cell:+48 600 100 200\r\n") ||
		!strings.Contains(vcf, "BDAY:--0314\r\n") || !strings.Contains(vcf, "ORG:Gulf\\, Ltd\r\n") || strings.Contains(vcf, "Gone") {
		t.Fatalf("vCard export:\n%s", vcf)
	}
	out := filepath.Join(t.TempDir(), "contacts.csv")
	var res struct {
		Format   string `json:"format"`
		Path     string `json:"path"`
		Contacts int    `json:"contacts"`
	}
	s.json(&res, "export", "csv", "--out", out)
	if res.Format != "csv" || res.Path != out || res.Contacts != 2 {
		t.Fatalf("export csv --json: %+v", res)
	}
	f, _ := os.Open(out)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) != 3 || rows[1][1] != "Zofia Kowalczyk" || rows[2][7] != "Gulf, Ltd" {
		t.Fatalf("CSV: %q, %v", rows, err)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Fatalf("the export may be read by others: %v", st.Mode())
	}
	// The export imports back into a new account, whole.
	to := newSession(t, "sqlite")
	if got := to.ok("import", "vcard", writeTestFile(t, "all.vcf", vcf)); got != "Created 2 contacts\n" {
		t.Fatalf("importing the export: %q", got)
	}
	if r := s.run("export", "pdf"); r.code != 2 || !strings.Contains(r.stderr, "must be one of vcard, csv, json") {
		t.Fatalf("an unknown format: exit %d %q", r.code, r.stderr)
	}
	if r := s.run("export", "csv", "--out", t.TempDir()); r.code != 2 || !strings.Contains(r.stderr, "is a folder") {
		t.Fatalf("--out a folder: exit %d %q", r.code, r.stderr)
	}
}
