package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

type interactionJSON struct {
	ID         int64   `json:"id"`
	At         string  `json:"at"`
	Channel    string  `json:"channel"`
	Direction  string  `json:"direction"`
	Invitation bool    `json:"invitation"`
	Outcome    string  `json:"outcome"`
	Note       string  `json:"note"`
	ContactIDs []int64 `json:"contact_ids"`
	Version    int64   `json:"version"`
}

func TestLogOutcomeAndTimeline(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		s := newSession(t, engine)
		s.ok("contact", "add", "Omar Haddad")
		s.ok("contact", "add", "Ewa Mazur")
		if id := strings.TrimSpace(s.ok("log", "omar", "--channel", "call", "--invite", "--at", "-3d")); id != "1" {
			t.Fatalf("log printed %q, want the id 1", id)
		}
		var i interactionJSON
		s.json(&i, "log", "omar", "ewa", "--channel", "in_person", "--at", "yesterday", "--note", "workshop")
		if i.ID != 2 || i.At != "2026-11-19T00:00:00Z" || i.Outcome != "held" || len(i.ContactIDs) != 2 {
			t.Fatalf("logged meeting: %+v", i)
		}
		s.json(&i, "log", "ewa", "--channel", "email", "--direction", "inbound", "--at", "2026-11-20 08:15")
		if i.At != "2026-11-20T08:15:00Z" || i.Outcome != "sent" || i.Direction != "inbound" {
			t.Fatalf("logged email: %+v", i)
		}
		s.json(&i, "outcome", "1", "declined")
		if i.Outcome != "declined" || i.Version != 2 {
			t.Fatalf("after outcome: %+v", i)
		}
		var tl []interactionJSON
		s.json(&tl, "timeline", "omar")
		if len(tl) != 2 || tl[0].ID != 2 || tl[1].ID != 1 || tl[1].Outcome != "declined" {
			t.Fatalf("Omar's timeline: %+v", tl)
		}
		out := s.ok("timeline", "ewa")
		if !strings.Contains(out, "with Omar Haddad") || !strings.Contains(out, "workshop") {
			t.Fatalf("text timeline does not name the others in a meeting:\n%s", out)
		}
		if r := s.run("outcome", "2", "cancelled"); r.code != 2 || !strings.Contains(r.stderr, "already held") {
			t.Fatalf("cancelling a held meeting: exit %d %s", r.code, r.stderr)
		}
		s.ok("log", "ewa", "--channel", "video", "--invite", "--at", "+2d")
		if r := s.run("outcome", "4", "held"); r.code != 2 || !strings.Contains(r.stderr, "in the future") {
			t.Fatalf("holding a future call: exit %d %s", r.code, r.stderr)
		}
		if r := s.run("log", "ewa", "--channel", "call", "--at", "+1d"); r.code != 2 || !strings.Contains(r.stderr, "in the future") {
			t.Fatalf("logging a held call tomorrow: exit %d %s", r.code, r.stderr)
		}
		var c contactJSON
		s.json(&c, "contact", "show", "ewa")
		if c.Summary.Interactions != 3 || *c.Summary.LastAt != "2026-11-22T09:00:00Z" {
			t.Fatalf("Ewa's summary: %+v", c.Summary)
		}
	})
}

func TestRapportNowFixesTheClock(t *testing.T) {
	s := newSession(t, "sqlite")
	s.env["RAPPORT_NOW"] = "2025-01-31"
	s.ok("contact", "add", "Ana")
	var i interactionJSON
	s.json(&i, "log", "ana", "--channel", "call")
	if i.At != "2025-01-31T00:00:00Z" {
		t.Fatalf("at = %s, want RAPPORT_NOW", i.At)
	}
	s.env["RAPPORT_NOW"] = "next tuesday"
	if r := s.run("contact", "list"); r.code != 2 || !strings.Contains(r.stderr, "RAPPORT_NOW") {
		t.Fatalf("bad RAPPORT_NOW: exit %d %s", r.code, r.stderr)
	}
}

func TestGenIsReproducible(t *testing.T) {
	var first []contactJSON
	for range 2 {
		s := newSession(t, "sqlite")
		s.ok("gen", "--contacts", "50", "--interactions", "400", "--seed", "3")
		var list []contactJSON
		s.json(&list, "contact", "list")
		total := 0
		for _, c := range list {
			total += c.Summary.Interactions
		}
		if len(list) != 50 || total < 400 {
			t.Fatalf("gen made %d contacts with %d interaction links", len(list), total)
		}
		if first == nil {
			first = list
			continue
		}
		for n := range list {
			if list[n].DisplayName != first[n].DisplayName || list[n].Summary.Interactions != first[n].Summary.Interactions {
				t.Fatalf("same seed, different data: %+v vs %+v", list[n], first[n])
			}
		}
	}
}

func TestTourRunsEveryStep(t *testing.T) {
	s := &session{t: t, env: map[string]string{"TZ": "UTC", "HOME": t.TempDir()}}
	out := s.ok("tour")
	if !strings.Contains(out, "$ rapport timeline zofia") || !strings.Contains(out, "workshop") || !strings.Contains(out, `"display_name": "Omar Haddad"`) {
		t.Fatalf("tour output:\n%s", out)
	}
}

func TestGenDrawsProgressOnATerminal(t *testing.T) {
	s := newSession(t, "sqlite")
	var out, errb bytes.Buffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, IsTerminal: true, Getenv: func(k string) string { return s.env[k] }}
	if code := Main(context.Background(), []string{"gen", "--contacts", "20", "--interactions", "100"}, env); code != 0 {
		t.Fatalf("gen: exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"contacts", "interactions", "100%", "20/20", "100/100"} {
		if !strings.Contains(errb.String(), want) {
			t.Fatalf("progress on a terminal lacks %q:\n%q", want, errb.String())
		}
	}
	// Not on a terminal: silent.
	errb.Reset()
	env.IsTerminal = false
	Main(context.Background(), []string{"gen", "--contacts", "5", "--interactions", "10"}, env)
	if errb.Len() != 0 {
		t.Fatalf("progress drawn off a terminal: %q", errb.String())
	}
}
