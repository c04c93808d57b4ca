package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"rapport"
)

func TestReconnectionDraftInArabicIsRightToLeftInEveryPart(t *testing.T) {
	s := newSiteWith(t, nil)
	token := s.signUp("en")
	c := &rapport.Contact{DisplayName: "Anna Kowalska", GivenName: "Anna", Lang: "pl", Gender: rapport.GenderFeminine}
	anna := s.addContact(c)
	s.log(10, rapport.Outbound, c.ID) // ten days ago: not a long silence

	code, body, _ := s.get(anna + "/compose?draft=reconnect")
	if code != http.StatusOK {
		t.Fatalf("GET compose = %d\n%s", code, body)
	}
	mustContain(t, "the form", body, `name="why_now"`, `name="offer"`, `name="silence"`, `value="moved"`, `name="silence_text"`,
		`name="lang"`, `name="register"`, `value="informal"`)
	mustNotContain(t, "the form", body, `id="draft-text"`)

	code, body, _ = s.post(anna+"/compose", url.Values{"csrf_token": {token}, "draft": {"reconnect"}, "lang": {"ar"},
		"register": {"formal"}, "silence": {"moved"}, "why_now": {"أبدأ مشروعًا جديدًا في الخدمات اللوجستية"},
		"offer": {"تعريف بفريق التحليلات لدينا"}})
	if code != http.StatusOK {
		t.Fatalf("POST compose = %d\n%s", code, body)
	}
	mustContain(t, "the draft", body, `<textarea id="draft-text" class="draft-text" readonly rows="14" lang="ar" dir="rtl">`,
		"أبدأ مشروعًا جديدًا", `data-copy="draft-text"`, `data-copied="Copied"`)
	for _, part := range []string{"part-acknowledge", "part-why-now", "part-offer"} {
		mustContain(t, "the parts", body, `id="`+part+`" lang="ar" dir="rtl">`)
	}
	// The page is in English, and so are the warnings about the draft.
	mustContain(t, "the page", body, `<html lang="en" dir="ltr">`)
	mustContain(t, "the warnings", between(body, `id="draft-warnings"`, "</ul>"), "warning-not_dormant", "this is not a long silence")

	// The contact's language by default: Polish, left to right.
	code, body, _ = s.post(anna+"/compose", url.Values{"csrf_token": {token}, "draft": {"reconnect"},
		"silence_text": {"byłam długo za granicą"}, "why_now": {"zaczynam nowy projekt"}, "offer": {"pomoc przy analizie"}})
	if code != http.StatusOK {
		t.Fatalf("POST in the contact's language = %d\n%s", code, body)
	}
	mustContain(t, "the Polish draft", body, `lang="pl" dir="ltr">`, "Byłam długo za granicą.")
}

func TestOpenerProposesACall(t *testing.T) {
	s := newSiteWith(t, nil)
	token := s.signUp("en")
	anna := s.addContact(&rapport.Contact{DisplayName: "Anna Kowalska", Kind: rapport.KindColleague})
	code, body, _ := s.get(anna + "/compose?draft=opener")
	if code != http.StatusOK {
		t.Fatalf("GET opener = %d\n%s", code, body)
	}
	mustContain(t, "the opener form", body, `name="situation"`, `value="after_hard_year"`, `name="channel"`, `value="in_person"`,
		`<input type="hidden" name="draft" value="opener">`)
	mustNotContain(t, "the opener form", body, `name="why_now"`)

	code, body, _ = s.post(anna+"/compose", url.Values{"csrf_token": {token}, "draft": {"opener"}, "lang": {"en"},
		"register": {"formal"}, "situation": {"new_quarter"}, "channel": {"call"}})
	if code != http.StatusOK {
		t.Fatalf("POST opener = %d\n%s", code, body)
	}
	text := between(body, `<textarea id="draft-text"`, "</textarea>")
	mustContain(t, "the opener", text, `lang="en" dir="ltr"`, "A new quarter is starting",
		"Could we have a half-hour call next week?", "Maya")
	mustNotContain(t, "the opener", body, `id="part-why-now"`, `id="draft-warnings"`)

	// A written channel is no proposal to talk.
	code, body, _ = s.post(anna+"/compose", url.Values{"csrf_token": {token}, "draft": {"opener"}, "channel": {"email"}})
	if code != http.StatusBadRequest || !strings.Contains(body, `role="alert"`) {
		t.Fatalf("an opener by email = %d\n%s", code, body)
	}
}

func TestComposerRefusesAnIncompleteReconnection(t *testing.T) {
	s := newSiteWith(t, nil)
	token := s.signUp("pl")
	anna := s.addContact(&rapport.Contact{DisplayName: "Anna"})
	code, body, _ := s.post(anna+"/compose", url.Values{"csrf_token": {token}, "draft": {"reconnect"}, "offer": {"pomoc"}})
	if code != http.StatusBadRequest {
		t.Fatalf("without why_now = %d\n%s", code, body)
	}
	mustContain(t, "the refusal", body, "Podaj, dlaczego piszesz właśnie teraz.", "pomoc</textarea>")
	mustNotContain(t, "the refusal", body, `id="draft-text"`)
	code, body, _ = s.post(anna+"/compose", url.Values{"csrf_token": {token}, "draft": {"reconnect"}, "why_now": {"x"}, "offer": {"y"}, "lang": {"de"}})
	if code != http.StatusBadRequest || !strings.Contains(body, "en, ar, pl") {
		t.Fatalf("a draft in German = %d\n%s", code, body)
	}
}

func TestComposerEscapesWhatUsersWrote(t *testing.T) {
	s := newSiteWith(t, nil)
	token := s.signUp("en")
	evil := s.addContact(&rapport.Contact{DisplayName: "<b>Eve</b>", GivenName: "<b>Eve</b>"})
	code, body, _ := s.post(evil+"/compose", url.Values{"csrf_token": {token}, "draft": {"reconnect"}, "lang": {"en"},
		"why_now": {"</textarea><script>alert(1)</script>"}, "offer": {`<img src=x onerror=alert(2)>`}})
	if code != http.StatusOK {
		t.Fatalf("POST = %d\n%s", code, body)
	}
	mustNotContain(t, "the page", body, "<b>Eve</b>", "<script>alert(1)", "<img src=x")
	mustContain(t, "the page", body, "&lt;/textarea&gt;&lt;script&gt;", "&lt;img src=x")
}
