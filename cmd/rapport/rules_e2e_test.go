package main_test

import (
	"strings"
	"testing"
)

// Rule 1, live beats written: an email invitation is logged, does not count
// as an attempt, and warns not_an_attempt.
func TestE2ERule1_LiveBeatsWritten(t *testing.T) {
	setups(t, func(t *testing.T, s setup) {
		u := s.newUser(t)
		u.run("contact", "add", "Omar Haddad", "--kind", "colleague")
		u.run("effort", "start", "omar", "--goal", "work closely on Q1")
		u.now = "2026-01-05T11:00:00Z"
		v := u.json("log", "omar", "--channel", "email", "--invite")
		if at(v, "counts_as_attempt") != false || !has(warningCodes(v["warnings"]), "not_an_attempt") || at(v, "id") != 1.0 {
			t.Fatalf("email invitation: %v", v)
		}
		v = u.json("log", "omar", "--channel", "video", "--invite", "--at", "+2d")
		if at(v, "counts_as_attempt") != true || len(warningCodes(v["warnings"])) != 0 {
			t.Fatalf("video invitation: %v", v)
		}
		if _, stderr := u.run("log", "omar", "--channel", "text", "--invite"); !strings.Contains(stderr, "not_an_attempt") {
			t.Fatalf("text output does not warn: %q", stderr)
		}
	})
}

// Rules 2 and 3: three failed live attempts give up the effort; the contact
// is then professional only, never invited by Today, and a new invitation
// warns given_up — until they reach out themselves.
func TestE2ERule2And3_ThreeAttemptsThenProfessionalOnly(t *testing.T) {
	setups(t, func(t *testing.T, s setup) {
		u := s.newUser(t)
		u.now = "2026-01-01T09:00:00Z"
		u.run("contact", "add", "Zofia Kowalczyk", "--kind", "client", "--tier", "core")
		u.run("effort", "start", "zofia", "--goal", "a quarterly review")
		u.now = "2026-01-05T10:00:00Z"
		if _, _, code := u.try("effort", "start", "zofia"); code != 1 {
			t.Fatalf("a second effort while one is active: exit %d", code)
		}
		u.run("log", "zofia", "--channel", "call", "--invite", "--outcome", "declined", "--at", "-3d")
		u.run("log", "zofia", "--channel", "email", "--invite", "--at", "-2d") // written: not an attempt
		st := u.json("status", "zofia")
		if at(st, "effort.state") != "active" || at(st, "effort.failed_attempts") != 1.0 || at(st, "effort.next_attempt") != 2.0 {
			t.Fatalf("after one failed attempt: %v", st["effort"])
		}
		today := u.json("today")
		if a := items(today, "attempt"); len(a) != 1 || at(a[0], "attempt") != 2.0 || at(a[0], "max_attempts") != 3.0 {
			t.Fatalf("Today's attempt item: %v", today)
		}
		u.run("log", "zofia", "--channel", "video", "--invite", "--at", "-1d") // scheduled, then unanswered
		u.run("log", "zofia", "--channel", "in_person", "--invite", "--outcome", "cancelled", "--at", "-1d")
		u.now = "2026-01-25T10:00:00Z" // 14 days on: the scheduled video is no_response
		st = u.json("status", "zofia")
		if at(st, "effort.state") != "given_up" || at(st, "effort.failed_attempts") != 3.0 || at(st, "professional_only") != true ||
			!strings.Contains(at(st, "advice").(string), "stop inviting") {
			t.Fatalf("after three failed attempts: %v", st)
		}
		today = u.json("today")
		for _, kind := range []string{"attempt", "keep_in_touch", "reconnect"} {
			for _, it := range items(today, kind) {
				if at(it, "contact_name") == "Zofia Kowalczyk" {
					t.Fatalf("Today invites a given-up contact: %v", it)
				}
			}
		}
		v := u.json("log", "zofia", "--channel", "call", "--invite", "--at", "+1d")
		if !has(warningCodes(v["warnings"]), "given_up") {
			t.Fatalf("inviting a given-up contact does not warn: %v", v)
		}
		if _, _, code := u.try("effort", "start", "zofia"); code != 1 {
			t.Fatalf("restarting an effort that was given up: exit %d", code)
		}
		// They reach out: an inbound call. The effort may start afresh.
		u.run("log", "zofia", "--channel", "call", "--direction", "inbound", "--at", "-1h")
		u.run("effort", "start", "zofia", "--goal", "start again")
		if st = u.json("status", "zofia"); at(st, "effort.state") != "active" || at(st, "professional_only") != false {
			t.Fatalf("after they reached out: %v", st)
		}
	})
}

// Rule 4: past the cadence is overdue, 180 days without real contact is
// dormant, and a reply ends dormancy.
func TestE2ERule4_KeepInTouchAndReconnect(t *testing.T) {
	setups(t, func(t *testing.T, s setup) {
		u := s.newUser(t)
		u.now = "2025-01-01T10:00:00Z"
		u.run("contact", "add", "Grace Walker", "--kind", "mentor", "--tier", "inner")
		u.run("log", "grace", "--channel", "call")
		u.now = "2025-01-20T10:00:00Z"
		st := u.json("status", "grace")
		if at(st, "overdue") != true || at(st, "dormant") != false || at(st, "days_since_contact") != 19.0 || at(st, "cadence_days") != 14.0 {
			t.Fatalf("19 days after a call, inner tier: %v", st)
		}
		if k := items(u.json("today"), "keep_in_touch"); len(k) != 1 {
			t.Fatalf("Today's keep-in-touch items: %v", k)
		}
		u.now = "2025-07-20T10:00:00Z"
		u.run("log", "grace", "--channel", "email") // my email is no real contact
		st = u.json("status", "grace")
		if at(st, "dormant") != true {
			t.Fatalf("200 days on: %v", st)
		}
		if r := items(u.json("today"), "reconnect"); len(r) != 1 {
			t.Fatalf("Today's reconnect items: %v", r)
		}
		u.run("log", "grace", "--channel", "email", "--outcome", "replied")
		if st = u.json("status", "grace"); at(st, "dormant") != false || at(st, "days_since_contact") != 0.0 {
			t.Fatalf("after a reply: %v", st)
		}
	})
}

// Rules 5 and 6: my due promises come up in Today; their broken promises are
// breaches; two breaches lose trust until an explicit reset; a breach after
// the reset is a second chance.
func TestE2ERule5And6_PromisesAndTrust(t *testing.T) {
	setups(t, func(t *testing.T, s setup) {
		u := s.newUser(t)
		u.run("contact", "add", "Piotr Zieliński", "--kind", "partner")
		mine, _ := u.run("promise", "add", "piotr", "--by", "me", "--what", "send the deck", "--due", "today")
		u.run("promise", "add", "piotr", "--by", "them", "--what", "intro to their CFO", "--due", "-2d")
		today := u.json("today")
		if len(items(today, "promise_due")) != 1 || len(items(today, "follow_up")) != 1 {
			t.Fatalf("Today: %v", today)
		}
		u.run("promise", "keep", strings.TrimSpace(mine))
		if len(items(u.json("today"), "promise_due")) != 0 {
			t.Fatal("a kept promise is still due")
		}
		u.run("promise", "break", "2")
		if st := u.json("status", "piotr"); at(st, "trust.state") != "second_chance" {
			t.Fatalf("after one broken promise: %v", st["trust"])
		}
		u.run("trust", "breach", "piotr", "--note", "took credit for our work")
		st := u.json("status", "piotr")
		if at(st, "trust.state") != "lost" || at(st, "professional_only") != true {
			t.Fatalf("after two breaches: %v", st)
		}
		if _, _, code := u.try("trust", "reset", "piotr"); code != 2 {
			t.Fatalf("a reset without a reason: exit %d", code)
		}
		u.now = "2026-01-06T10:00:00Z"
		u.run("trust", "reset", "piotr", "--reason", "we talked it through")
		if st = u.json("status", "piotr"); at(st, "trust.state") != "good" {
			t.Fatalf("after a reset: %v", st["trust"])
		}
		u.now = "2026-01-07T10:00:00Z"
		u.run("trust", "breach", "piotr", "--note", "again")
		if st = u.json("status", "piotr"); at(st, "trust.state") != "second_chance" {
			t.Fatalf("a breach after a reset: %v", st["trust"])
		}
	})
}

// Rules 7 and 8: favors received put reciprocity in deficit; the ask check
// warns about asking for strangers, asking for the network too early, pressing
// after a no, an unpaid debt and an unsaid thank-you.
func TestE2ERule7And8_ReciprocityAndTheAskCheck(t *testing.T) {
	setups(t, func(t *testing.T, s setup) {
		u := s.newUser(t)
		u.run("contact", "add", "Layla Mansour", "--kind", "network")
		u.run("favor", "layla", "--dir", "received", "--kind", "advice", "--about", "pricing", "--thanked")
		u.run("favor", "layla", "--dir", "received", "--kind", "referral", "--about", "a tender")
		st := u.json("status", "layla")
		if at(st, "reciprocity.balance") != -2.0 || at(st, "reciprocity.deficit") != true || at(st, "reciprocity.thank_you_pending") != true {
			t.Fatalf("after two favors received: %v", st["reciprocity"])
		}
		today := u.json("today")
		if len(items(today, "offer")) != 1 || len(items(today, "thank_you")) != 1 {
			t.Fatalf("Today: %v", today)
		}
		check := u.json("ask", "check", "layla", "--kind", "intro", "--about", "their CTO", "--on-behalf", "my friend Sam")
		codes := warningCodes(check["warnings"])
		for _, want := range []string{"third_party_ask", "premature_network_ask", "reciprocity_deficit", "thank_you_pending"} {
			if !has(codes, want) {
				t.Errorf("ask check lacks %s: %v", want, codes)
			}
		}
		if check["ok"] != false {
			t.Fatalf("ask check ok with warnings: %v", check)
		}
		u.run("thank", "layla")
		u.run("favor", "layla", "--dir", "given", "--kind", "time", "--about", "mock interview")
		u.run("favor", "layla", "--dir", "given", "--kind", "intro", "--about", "a designer")
		u.run("favor", "layla", "--dir", "asked", "--kind", "job_lead", "--about", "data roles in Dubai", "--outcome", "declined")
		codes = warningCodes(u.json("ask", "check", "layla", "--kind", "job_lead", "--about", "Dubai data roles")["warnings"])
		if !has(codes, "repeat_pressure") || has(codes, "thank_you_pending") || has(codes, "reciprocity_deficit") {
			t.Fatalf("asking again after a no: %v", codes)
		}
		if ok := u.json("ask", "check", "layla", "--kind", "advice", "--about", "negotiation"); ok["ok"] != true {
			t.Fatalf("a fair ask: %v", ok)
		}
	})
}

// Rules 9, 10, 11: health has factors in words; the review counts contacts
// by kind, effort and trust.
func TestE2ERule9To11_HealthTodayReview(t *testing.T) {
	setups(t, func(t *testing.T, s setup) {
		u := s.newUser(t)
		u.run("contact", "add", "Ana", "--kind", "colleague", "--birthday", "--01-08")
		u.run("contact", "add", "Ben", "--kind", "client")
		u.run("log", "ana", "--channel", "call", "--direction", "inbound", "--at", "-1d")
		st := u.json("status", "ana")
		score := at(st, "health.score").(float64)
		factors := at(st, "health.factors").([]any)
		if score <= 0 || score > 100 || len(factors) == 0 || at(factors[0], "words") == "" {
			t.Fatalf("health: %v", st["health"])
		}
		if b := items(u.json("today"), "birthday"); len(b) != 1 || at(b[0], "contact_name") != "Ana" {
			t.Fatalf("birthday in 3 days: %v", b)
		}
		rv := u.json("review")
		if at(rv, "contacts") != 2.0 || at(rv, "internal_customers") != 1.0 || at(rv, "external_customers") != 1.0 {
			t.Fatalf("review: %v", rv)
		}
	})
}

// A refusal reads well without a goal, in every language.
func TestE2ERefusalWithoutAGoal(t *testing.T) {
	setups(t, func(t *testing.T, s setup) {
		u := s.newUser(t)
		u.run("contact", "add", "Ana")
		u.run("effort", "start", "ana")
		for _, lang := range []string{"en", "ar", "pl"} {
			_, stderr, code := u.try("--lang", lang, "effort", "start", "ana")
			line := strings.TrimSpace(stderr)
			if code != 1 || strings.HasSuffix(line, ":") || !strings.HasSuffix(line, ".") {
				t.Fatalf("%s: exit %d, %q", lang, code, line)
			}
		}
	})
}
