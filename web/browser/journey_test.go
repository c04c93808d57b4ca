package browser_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"rapport/i18n"
)

// TestAUsersFirstDay is what a new user does in their first session, with
// real clicks and keystrokes: sign up; add a contact and start an effort;
// log three failed live invitations and see the contact become
// "professional only" (and a fourth invitation warned against); check an
// ask and read its warnings; promise something for today; switch to Arabic
// and draft a reconnection, right to left; mark the promise kept from Today.
func TestAUsersFirstDay(t *testing.T) {
	s := newSite(t)
	en := i18n.For("en")

	// Sign up.
	s.open("/signup")
	s.typeIn("#account_name", "Acme Logistics")
	s.typeIn("#display_name", "Maya Kowalczyk")
	s.choose("#lang", "en")
	s.do("choose a gender", click(`input[name="gender"][value="feminine"]`))
	s.typeIn("#email", "maya@acme.example")
	s.typeIn("#password", "a long password 1")
	s.submit(`form[action="/signup"] button[type="submit"]`)
	if loc := s.location(); !strings.HasPrefix(loc, "/today") {
		t.Fatalf("sign-up ends on %s, want /today", loc)
	}
	if got := s.attr("html", "dir"); got != "ltr" {
		t.Errorf("an English page is dir=%q", got)
	}

	// Add a contact.
	s.open("/contacts")
	s.submit(`a.button[href="/contacts/new"]`)
	s.typeIn("#c-display_name", "Omar Haddad")
	s.choose("#c-kind", "partner")
	s.choose("#c-tier", "core")
	s.typeIn("#c-org", "Gulf Freight")
	s.typeIn("#c-title", "Head of Operations")
	s.do("choose his gender", click(`input[name="gender"][value="masculine"]`))
	s.submit(`#contact-form button[type="submit"]`)
	m := regexp.MustCompile(`^/contacts/(\d+)\?done=contact_added$`).FindStringSubmatch(s.location())
	if m == nil {
		t.Fatalf("adding a contact ends on %s", s.location())
	}
	contact := "/contacts/" + m[1]
	mustContain(t, "the contact's page", s.text("main"), "Omar Haddad", "Gulf Freight", en.T("web.done.contact_added", nil))

	// Start an effort: the first attempt is due.
	s.typeIn("#effort-goal", "co-host the logistics roundtable")
	s.submit(`#tracker button[type="submit"]`)
	mustContain(t, "the tracker", s.text("#tracker"), attemptOf(en, 1), "co-host the logistics roundtable")

	// Three live invitations fail: declined, no answer, declined.
	for n, outcome := range []string{"declined", "no_response", "declined"} {
		s.open("/log?contact=" + m[1])
		box := fmt.Sprintf(`#log-contacts input[name="contact_ids"][value="%s"]`, m[1])
		if !run(s, "is Omar chosen", jsChecked(box)) {
			t.Fatalf("/log?contact=%s does not choose Omar", m[1])
		}
		s.choose("#log-channel", "call")
		s.do("tick the invitation", click("#log-invitation"))
		s.choose("#log-outcome", outcome)
		s.choose("#log-at", s.now.Format("2006-01-02T15:04")) // when the effort started: it counts
		s.typeIn("#log-note", fmt.Sprintf("Invited Omar to the roundtable (%d)", n+1))
		s.submit(`#log-form button[type="submit"]`)
		mustContain(t, fmt.Sprintf("log %d", n+1), s.text("#log-attempt"), attemptOf(en, n+1))
	}
	s.open(contact)
	professional := en.T("contact.professional_only", i18n.Args{"contact_gender": "masculine"})
	tracker := s.text("#tracker")
	mustContain(t, "the tracker after three failed attempts", tracker, professional)
	if strings.Contains(tracker, "Attempt") {
		t.Errorf("a given-up contact still shows an attempt:\n%s", tracker)
	}
	// A fourth invitation is warned against.
	s.open("/log?contact=" + m[1])
	s.choose("#log-channel", "call")
	s.do("tick the invitation", click("#log-invitation"))
	s.submit(`#log-form button[type="submit"]`)
	if s.count("#log-warnings .warning-given_up") != 1 {
		t.Errorf("inviting a given-up contact does not warn:\n%s", s.pageText())
	}

	// Check an ask: an introduction for a stranger, too early.
	s.open(contact)
	s.submit(fmt.Sprintf(`a[href="%s/ask"]`, contact))
	s.choose("#ask-kind", "intro")
	s.typeIn("#ask-about", "their finance director")
	s.typeIn("#ask-behalf", "Jan Nowak")
	s.submitInPlace(`form[action$="/ask"] button[type="submit"]`, "#ask-warnings")
	if s.count("#ask-warnings .warning-premature_network_ask") != 1 || s.count("#ask-warnings .warning-third_party_ask") != 1 {
		t.Errorf("the ask's warnings:\n%s", s.text("#ask-warnings"))
	}
	mustContain(t, "the ask's warnings", s.text("#ask-warnings"), "Jan Nowak")

	// Promise something for today.
	s.open(contact)
	s.do("promise by me", click(`#promises input[name="by"][value="me"]`))
	s.typeIn("#promise-what", "Send Omar the roundtable agenda")
	s.choose("#promise-due", s.now.Format("2006-01-02"))
	s.submit(`form[action$="/promises"] button[type="submit"]`)
	mustContain(t, "the open promises", s.text("#promises"), "Send Omar the roundtable agenda")

	// Switch to Arabic, and draft a reconnection in Arabic.
	s.open("/settings")
	s.choose("#lang", "ar")
	s.submit(`form:has(input[name="section"][value="profile"]) button[type="submit"]`)
	ar := i18n.For("ar")
	s.open(contact + "/compose?draft=reconnect")
	if dir, lang := s.attr("html", "dir"), s.attr("html", "lang"); dir != "rtl" || lang != "ar" {
		t.Fatalf("the composer in Arabic is <html lang=%q dir=%q>", lang, dir)
	}
	s.typeIn("#compose-why-now", "أبدأ مشروعًا جديدًا في الخدمات اللوجستية")
	s.typeIn("#compose-offer", "تعريف بفريق التحليلات لدينا")
	s.choose("#compose-lang", "ar")
	s.submitInPlace(`form[action$="/compose"] button[type="submit"]`, "#draft-text")
	if dir, lang := s.attr("#draft-text", "dir"), s.attr("#draft-text", "lang"); dir != "rtl" || lang != "ar" {
		t.Errorf("the draft is <textarea lang=%q dir=%q>", lang, dir)
	}
	draft := run(s, "read the draft", value("#draft-text"))
	mustContain(t, "the draft", draft, "أبدأ مشروعًا جديدًا في الخدمات اللوجستية")
	if dir := s.attr("html", "dir"); dir != "rtl" {
		t.Errorf("the page with the draft is dir=%q", dir)
	}
	if rtl := run(s, "the direction the draft is laid out in", jsDirection("#draft-text")); rtl != "rtl" {
		t.Errorf("the draft is laid out %s", rtl)
	}

	// Today, in Arabic: the promise is due; mark it kept.
	s.open("/today")
	keep := `.item-promise_due form[action$="/keep"] button[type="submit"]`
	if s.count(keep) != 1 {
		t.Fatalf("Today has %d promises to keep, want 1:\n%s", s.count(keep), s.pageText())
	}
	mustContain(t, "Today's promise", s.text(".item-promise_due"), "Send Omar the roundtable agenda")
	mustContain(t, "the button", s.text(keep), ar.T("web.today.action.keep", nil))
	s.submit(keep)
	mustContain(t, "the confirmation", s.text(`.flash[role="status"]`), ar.T("web.done.promise_kept", nil))
	if n := s.count(".item-promise_due"); n != 0 {
		t.Errorf("the kept promise is still on Today (%d)", n)
	}
	if !strings.HasPrefix(s.location(), "/today") {
		t.Errorf("keeping a promise ends on %s, want /today", s.location())
	}
}

// attemptOf is the tracker's "Attempt n of 3".
func attemptOf(tr *i18n.Translator, n int) string {
	return tr.T("web.effort.attempt_of", i18n.Args{"attempt": n, "max": 3})
}
