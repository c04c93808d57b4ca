package cli

import (
	"strings"
	"testing"

	"rapport/sqlstore/sqltest"
)

type contactJSON struct {
	ID          int64  `json:"id"`
	DisplayName string `json:"display_name"`
	Kind        string `json:"kind"`
	Tier        string `json:"tier"`
	CadenceDays int    `json:"cadence_days"`
	Org         string `json:"org"`
	Emails      []struct {
		Label, Value string
	} `json:"emails"`
	Birthday  *string  `json:"birthday"`
	Tags      []string `json:"tags"`
	Version   int64    `json:"version"`
	DeletedAt *string  `json:"deleted_at"`
	Summary   struct {
		Interactions int     `json:"interactions"`
		LastAt       *string `json:"last_at"`
	} `json:"summary"`
}

func TestContactLifecycle(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		s := newSession(t, engine)
		var c contactJSON
		s.json(&c, "contact", "add", "Zofia Kowalczyk", "--kind", "client", "--tier", "core", "--cadence", "21",
			"--org", "Acme", "--email", "work:Zofia@Acme.pl", "--birthday", "--05-03", "--tag", "Warsaw", "--tag", "vip")
		if c.ID != 1 || c.Kind != "client" || c.CadenceDays != 21 || c.Emails[0].Value != "zofia@acme.pl" ||
			*c.Birthday != "--05-03" || strings.Join(c.Tags, ",") != "vip,warsaw" || c.Version != 1 {
			t.Fatalf("added contact: %+v", c)
		}
		s.json(&c, "contact", "edit", "zof", "--title", "CFO", "--add-tag", "board", "--rm-tag", "vip", "--birthday", "")
		if strings.Join(c.Tags, ",") != "board,warsaw" || c.Birthday != nil || c.Version != 2 {
			t.Fatalf("edited contact: %+v", c)
		}
		if out := s.ok("contact", "rm", "Zofia"); !strings.Contains(out, "trash") {
			t.Fatalf("rm said %q", out)
		}
		var list []contactJSON
		s.json(&list, "contact", "list")
		if len(list) != 0 {
			t.Fatalf("a trashed contact is listed: %+v", list)
		}
		s.json(&list, "contact", "list", "--trash")
		if len(list) != 1 || list[0].DeletedAt == nil {
			t.Fatalf("trash: %+v", list)
		}
		if r := s.run("contact", "show", "Zofia"); r.code != 1 || !strings.Contains(r.stderr, "no contact matches") {
			t.Fatalf("show of a trashed contact: %+v", r)
		}
		s.ok("contact", "restore", "zofia")
		s.json(&list, "contact", "list")
		if len(list) != 1 || list[0].DisplayName != "Zofia Kowalczyk" {
			t.Fatalf("after restore: %+v", list)
		}
	})
}

func TestContactFiltersOnTheCommandLine(t *testing.T) {
	s := newSession(t, "sqlite")
	s.ok("contact", "add", "Łukasz Nowak", "--kind", "colleague", "--tag", "team")
	s.ok("contact", "add", "Lucy Grant", "--kind", "client", "--org", "Globex")
	s.ok("contact", "add", "نور الشامي", "--kind", "client", "--tier", "inner")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--kind", "client"}, "Lucy Grant,نور الشامي"},
		{[]string{"--tier", "inner"}, "نور الشامي"},
		{[]string{"--tag", "TEAM"}, "Łukasz Nowak"},
		{[]string{"--search", "lukasz"}, "Łukasz Nowak"},
		{[]string{"--search", "globex"}, "Lucy Grant"},
	} {
		var list []contactJSON
		s.json(&list, append([]string{"contact", "list"}, tc.args...)...)
		var names []string
		for _, c := range list {
			names = append(names, c.DisplayName)
		}
		if got := strings.Join(names, ","); got != tc.want {
			t.Errorf("contact list %v = %q, want %q", tc.args, got, tc.want)
		}
	}
}

func TestAmbiguousRefListsCandidates(t *testing.T) {
	s := newSession(t, "sqlite")
	s.ok("contact", "add", "Anna Nowak", "--org", "Acme")
	s.ok("contact", "add", "Anna Smith")
	s.ok("contact", "add", "Ann")
	r := s.run("contact", "show", "anna")
	if r.code != 1 || !strings.Contains(r.stderr, `"anna" matches several contacts`) ||
		!strings.Contains(r.stderr, "1 Anna Nowak (Acme)") || !strings.Contains(r.stderr, "2 Anna Smith") {
		t.Fatalf("ambiguous ref: exit %d, %s", r.code, r.stderr)
	}
	// An exact name wins over the longer names it prefixes.
	var c contactJSON
	s.json(&c, "contact", "show", "ann")
	if c.DisplayName != "Ann" {
		t.Fatalf("show ann = %q, want the exact match", c.DisplayName)
	}
	s.json(&c, "contact", "show", "2")
	if c.DisplayName != "Anna Smith" {
		t.Fatalf("show by id = %q", c.DisplayName)
	}
}

func TestBadInputNamesTheFieldExitsTwoAndWritesNothing(t *testing.T) {
	s := newSession(t, "sqlite")
	s.ok("contact", "add", "Existing")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown kind", []string{"contact", "add", "X", "--kind", "boss"}, `--kind: invalid value "boss"`},
		{"bad email", []string{"contact", "add", "X", "--email", "nope"}, `email: invalid value "nope"`},
		{"bad birthday", []string{"contact", "add", "X", "--birthday", "31/12"}, `birthday: invalid value "31/12"`},
		{"impossible day", []string{"contact", "add", "X", "--birthday", "2023-02-29"}, "no such day"},
		{"bad language", []string{"contact", "add", "X", "--lang", "not a language"}, `lang: invalid value "not a language"`},
		{"empty name", []string{"contact", "add", " "}, "display_name"},
		{"missing name", []string{"contact", "add"}, "takes one NAME"},
		{"unknown flag", []string{"contact", "add", "X", "--colour", "red"}, "unknown flag: --colour"},
		{"bad channel", []string{"log", "Existing", "--channel", "fax"}, `--channel: invalid value "fax"`},
		{"missing channel", []string{"log", "Existing"}, `--channel: invalid value "": required`},
		{"outcome that does not fit the channel", []string{"log", "Existing", "--channel", "email", "--outcome", "held"}, "an email can end sent, replied, declined, no_response"},
		{"bad time", []string{"log", "Existing", "--channel", "call", "--at", "soonish"}, `--at: invalid value "soonish"`},
		{"bad interaction id", []string{"outcome", "x1", "held"}, `INTERACTION_ID: invalid value "x1"`},
		{"negative cadence", []string{"contact", "edit", "Existing", "--cadence", "-3"}, `--cadence: invalid value "-3"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.run(tc.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Fatalf("exit %d, stderr %q; want exit 2 and one line containing %q", r.code, r.stderr, tc.want)
			}
		})
	}
	var list []contactJSON
	s.json(&list, "contact", "list")
	if len(list) != 1 || list[0].Version != 1 || list[0].Summary.Interactions != 0 {
		t.Fatalf("bad input wrote something: %+v", list)
	}
}

func TestOtherFailuresExitOne(t *testing.T) {
	s := newSession(t, "sqlite")
	for _, args := range [][]string{
		{"contact", "show", "nobody"},
		{"outcome", "42", "held"},
		{"contact", "restore", "nobody"},
	} {
		if r := s.run(args...); r.code != 1 {
			t.Errorf("rapport %v: exit %d (%s), want 1", args, r.code, r.stderr)
		}
	}
}

func TestCommandsBeforeInitSayToRunInit(t *testing.T) {
	s := &session{t: t, env: map[string]string{"RAPPORT_DB": sqltest.DSN(t, "sqlite")}}
	r := s.run("contact", "list")
	if r.code != 1 || !strings.Contains(r.stderr, "run `rapport init` first") {
		t.Fatalf("before init: exit %d, %s", r.code, r.stderr)
	}
	s.ok("init")
	if out := s.ok("init"); !strings.Contains(out, "already exists") {
		t.Fatalf("second init said %q", out)
	}
}
