package bench

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"rapport"
	"rapport/gen"
)

// The import targets of issue 8: a 10,000-contact vCard and a
// 100,000-event calendar each import in under 10 s on SQLite, the whole
// command (`rapport import …` in-process: opening the database, parsing,
// matching, writing in one transaction). The files are generated here;
// RAPPORT_BENCH_IMPORT_CONTACTS and RAPPORT_BENCH_IMPORT_EVENTS change
// their sizes.

func importSize(env string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(env)); err == nil && v > 0 {
		return v
	}
	return def
}

// vcardFile writes n contacts made by gen as vCard 3.0, as an address book
// exports them (UID, N, FN, ORG, TITLE, EMAIL, TEL, BDAY, CATEGORIES,
// NOTE), and returns its path and the contacts' first emails.
func vcardFile(b *testing.B, dir string, n int) (string, []string) {
	b.Helper()
	now, _ := time.Parse(time.RFC3339, Now)
	g := gen.New(8, now)
	path := filepath.Join(dir, fmt.Sprintf("contacts-%d.vcf", n))
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	types := map[string]string{"work": "WORK", "home": "HOME", "mobile": "CELL", "other": "OTHER"}
	var emails []string
	for i := range n {
		c := g.Contact()
		fmt.Fprintf(w, "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bench-%d\r\nN:%s;%s;;;\r\nFN:%s\r\n", i, c.FamilyName, c.GivenName, c.DisplayName)
		if c.Org != "" {
			fmt.Fprintf(w, "ORG:%s\r\nTITLE:%s\r\n", c.Org, c.Title)
		}
		for _, e := range c.Emails {
			// gen's addresses are random; a counter keeps them unique.
			e.Value = fmt.Sprintf("p%d.%s", i, e.Value)
			fmt.Fprintf(w, "EMAIL;TYPE=INTERNET;TYPE=%s:%s\r\n", types[e.Label], e.Value)
		}
		emails = append(emails, fmt.Sprintf("p%d.%s", i, c.Emails[0].Value))
		for _, p := range c.Phones {
			fmt.Fprintf(w, "TEL;TYPE=%s:%s\r\n", types[p.Label], p.Value)
		}
		if bd := c.Birthday; bd != nil && bd.Year != 0 {
			fmt.Fprintf(w, "BDAY:%04d-%02d-%02d\r\n", bd.Year, int(bd.Month), bd.Day)
		}
		if len(c.Tags) > 0 {
			fmt.Fprintf(w, "CATEGORIES:%s\r\n", strings.Join(c.Tags, ","))
		}
		if i%3 == 0 {
			fmt.Fprintf(w, "NOTE:Met at %s.\r\n", c.HowWeMet)
		}
		w.WriteString("END:VCARD\r\n")
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return path, emails
}

// icsFile writes n events of the last three years, as a calendar program
// exports them, each with one to three attendees among emails (and the
// user, the organizer): a third with a video link, a third with a place,
// one in twenty cancelled.
func icsFile(b *testing.B, dir string, n int, emails []string) string {
	b.Helper()
	now, _ := time.Parse(time.RFC3339, Now)
	r := rand.New(rand.NewPCG(9, 9))
	path := filepath.Join(dir, fmt.Sprintf("calendar-%d.ics", n))
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rapport bench//EN\r\n")
	for i := range n {
		start := now.Add(-time.Duration(1+r.Int64N(3*365*24)) * time.Hour).Truncate(15 * time.Minute)
		fmt.Fprintf(w, "BEGIN:VEVENT\r\nUID:ev-%d@bench.example\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:%s\r\nDTEND:%s\r\nSUMMARY:Meeting %d\r\n",
			i, start.Format("20060102T150405Z"), start.Add(30*time.Minute).Format("20060102T150405Z"), i)
		w.WriteString("ORGANIZER;CN=Me:mailto:me@example.com\r\n")
		for range 1 + r.IntN(3) {
			fmt.Fprintf(w, "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:%s\r\n", emails[r.IntN(len(emails))])
		}
		switch i % 3 {
		case 0:
			fmt.Fprintf(w, "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-%04d-xyz\r\n", i%10000)
		case 1:
			w.WriteString("LOCATION:Café Nero\\, 12 High Street\r\n")
		}
		if i%20 == 0 {
			w.WriteString("STATUS:CANCELLED\r\n")
		}
		w.WriteString("END:VEVENT\r\n")
	}
	w.WriteString("END:VCALENDAR\r\n")
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return path
}

func fileSize(b *testing.B, path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %.1f MB", filepath.Base(path), float64(st.Size())/1e6)
	return st.Size()
}

// emptyDB makes a database with an account and nothing else.
func emptyDB(b *testing.B) string {
	b.Helper()
	db := filepath.Join(b.TempDir(), "rapport.db")
	if err := RunCLI(db, "init"); err != nil {
		b.Fatal(err)
	}
	return db
}

// counts reads how many contacts and interactions a database holds.
func counts(b *testing.B, path string) (contacts, interactions int) {
	b.Helper()
	db, acct := open(b, path)
	cs, err := db.Contacts(ctx, acct, rapport.ContactFilter{Bare: true})
	if err != nil {
		b.Fatal(err)
	}
	is, err := db.Interactions(ctx, acct, rapport.InteractionFilter{})
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	return len(cs), len(is)
}

// BenchmarkImportVCard imports a 10,000-contact vCard into an empty
// account (target: under 10 s), and the same file again (nothing changes).
func BenchmarkImportVCard(b *testing.B) {
	n := importSize("RAPPORT_BENCH_IMPORT_CONTACTS", 10_000)
	file, _ := vcardFile(b, b.TempDir(), n)
	size := fileSize(b, file)
	b.Run(fmt.Sprintf("contacts=%d", n), func(b *testing.B) {
		b.SetBytes(size)
		for range b.N {
			b.StopTimer()
			db := emptyDB(b)
			b.StartTimer()
			if err := RunCLI(db, "import", "vcard", file); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if c, _ := counts(b, db); c != n {
				b.Fatalf("%d contacts imported, want %d", c, n)
			}
			b.StartTimer()
		}
	})
	b.Run(fmt.Sprintf("again/contacts=%d", n), func(b *testing.B) {
		b.SetBytes(size)
		db := emptyDB(b)
		if err := RunCLI(db, "import", "vcard", file); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for range b.N {
			if err := RunCLI(db, "import", "vcard", file); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		if c, _ := counts(b, db); c != n {
			b.Fatalf("%d contacts after importing twice, want %d", c, n)
		}
	})
}

// BenchmarkImportICS imports a 100,000-event calendar into an account of
// 1,000 contacts whose emails its attendees use (target: under 10 s), and
// the same file again (nothing changes).
func BenchmarkImportICS(b *testing.B) {
	n := importSize("RAPPORT_BENCH_IMPORT_EVENTS", 100_000)
	dir := b.TempDir()
	people, emails := vcardFile(b, dir, 1000)
	file := icsFile(b, dir, n, emails)
	base := emptyDB(b)
	if err := RunCLI(base, "import", "vcard", people); err != nil {
		b.Fatal(err)
	}
	// Every event happened (the last started an hour ago at the latest),
	// and each has a contact among its attendees.
	size := fileSize(b, file)
	b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
		b.SetBytes(size)
		for range b.N {
			b.StopTimer()
			db := Copy(b, base)
			b.StartTimer()
			if err := RunCLI(db, "import", "ics", file); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if _, i := counts(b, db); i != n {
				b.Fatalf("%d interactions imported, want %d", i, n)
			}
			b.StartTimer()
		}
	})
	b.Run(fmt.Sprintf("again/events=%d", n), func(b *testing.B) {
		b.SetBytes(size)
		db := Copy(b, base)
		if err := RunCLI(db, "import", "ics", file); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for range b.N {
			if err := RunCLI(db, "import", "ics", file); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		if _, i := counts(b, db); i != n {
			b.Fatalf("%d interactions after importing twice, want %d", i, n)
		}
	})
}
