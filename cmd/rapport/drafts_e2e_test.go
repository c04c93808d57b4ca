package main_test

import (
	"strings"
	"testing"
)

// A contact last seen 700 days ago gets a reconnection in three parts, in
// each language; the silence is "almost two years".
func TestE2EDraftReconnectAfter700Days(t *testing.T) {
	setups(t, func(t *testing.T, s setup) {
		u := s.newUser(t)
		u.now = "2024-01-01T10:00:00Z"
		u.run("contact", "add", "Karim Haddad", "--gender", "masculine", "--lang", "ar")
		u.run("log", "karim", "--channel", "call")
		u.now = "2025-12-01T10:00:00Z" // 700 days later
		for lang, silence := range map[string]string{"en": "almost two years", "ar": "عامان", "pl": "prawie dwa lata"} {
			d := u.json("draft", "reconnect", "karim", "--lang", lang, "--why-now", "I am starting a data project", "--offer", "a review of your roadmap")
			ack, why, offer := at(d, "parts.acknowledge").(string), at(d, "parts.why_now").(string), at(d, "parts.offer").(string)
			text := at(d, "text").(string)
			if at(d, "lang") != lang || !strings.Contains(ack, silence) || why == "" || offer == "" {
				t.Fatalf("%s draft: %v", lang, d)
			}
			if i, j, k := strings.Index(text, ack), strings.Index(text, why), strings.Index(text, offer); !(i >= 0 && i < j && j < k) {
				t.Fatalf("%s: the parts are not in order in the text:\n%s", lang, text)
			}
			if len(warningCodes(d["warnings"])) != 0 {
				t.Fatalf("%s: a dormant contact warns: %v", lang, d["warnings"])
			}
		}
	})
}

// The draft is written, with a warning, when the contact is not dormant, was
// given up on, or lost trust.
func TestE2EDraftReconnectWarnsButDrafts(t *testing.T) {
	setups(t, func(t *testing.T, s setup) {
		u := s.newUser(t)
		u.now = "2025-01-01T10:00:00Z"
		u.run("contact", "add", "Ewa Mazur", "--gender", "feminine", "--lang", "pl")
		u.run("effort", "start", "ewa")
		u.now = "2025-01-10T10:00:00Z"
		u.run("log", "ewa", "--channel", "call", "--direction", "inbound", "--outcome", "declined", "--invite", "--at", "-5d")
		u.run("log", "ewa", "--channel", "email", "--outcome", "replied", "--at", "-4d")
		d := u.json("draft", "reconnect", "ewa", "--why-now", "x", "--offer", "y")
		if !has(warningCodes(d["warnings"]), "not_dormant") || at(d, "text") == "" {
			t.Fatalf("not dormant: %v", d)
		}
		for _, o := range []string{"declined", "no_response", "cancelled"} {
			u.run("log", "ewa", "--channel", "video", "--invite", "--outcome", o, "--at", "-1d")
		}
		u.run("trust", "breach", "ewa", "--note", "a")
		u.run("trust", "breach", "ewa", "--note", "b")
		d = u.json("draft", "reconnect", "ewa", "--why-now", "x", "--offer", "y")
		codes := warningCodes(d["warnings"])
		if !has(codes, "given_up") || !has(codes, "trust_lost") || at(d, "parts.acknowledge") == "" {
			t.Fatalf("given up and trust lost: %v", d)
		}
		// The warnings speak the draft's language (the contact's: Polish).
		for _, w := range d["warnings"].([]any) {
			if s := at(w, "suggestion").(string); strings.Contains(s, "professional") || strings.Contains(s, "invit") {
				t.Fatalf("a warning is in English, not Polish: %q", s)
			}
		}
	})
}

func TestE2EDraftOpenerProposesALiveConversation(t *testing.T) {
	setups(t, func(t *testing.T, s setup) {
		u := s.newUser(t)
		u.run("contact", "add", "Grace Walker", "--gender", "feminine")
		for _, ch := range []string{"call", "video", "in_person"} {
			d := u.json("draft", "opener", "grace", "--situation", "after-hard-year", "--channel", ch)
			text := strings.ToLower(at(d, "text").(string))
			if text == "" || strings.Contains(text, "email") {
				t.Fatalf("opener on %s: %q", ch, text)
			}
		}
		if _, stderr, code := u.try("draft", "opener", "grace", "--channel", "email"); code != 2 || !strings.Contains(stderr, "--channel") {
			t.Fatalf("an opener proposing email: exit %d %s", code, stderr)
		}
	})
}
