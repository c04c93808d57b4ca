package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"rapport"
)

func TestAskCheckWarnsOfAPrematureNetworkAskForAStranger(t *testing.T) {
	s := newSiteWith(t, nil)
	token := s.signUp("en")
	anna := s.addContact(&rapport.Contact{DisplayName: "Anna Kowalska", Kind: rapport.KindClient})

	code, body, _ := s.get(anna + "/ask")
	if code != http.StatusOK {
		t.Fatalf("GET %s/ask = %d\n%s", anna, code, body)
	}
	mustContain(t, "the ask form", body, `action="`+anna+`/ask"`, `name="kind"`, `value="intro"`, "introduction", `name="about"`, `name="on_behalf"`)
	mustNotContain(t, "the ask form", body, `id="ask-warnings"`)

	// An introduction on behalf of someone Anna does not know, after no
	// conversation at all: too early, and a stranger.
	form := url.Values{"csrf_token": {token}, "kind": {"intro"}, "about": {"their finance director"}, "on_behalf": {"Jan Nowak"}}
	code, body, _ = s.post(anna+"/ask", form)
	if code != http.StatusOK {
		t.Fatalf("POST %s/ask = %d\n%s", anna, code, body)
	}
	warnings := between(body, `id="ask-warnings"`, "</ul>")
	mustContain(t, "the warnings", warnings, "warning-premature_network_ask", "too early to ask for introductions",
		"warning-third_party_ask", "does not know", "Jan Nowak", "Build the relationship first")
	mustContain(t, "the form kept", body, `value="their finance director"`, `<option value="intro" selected>`)

	// Advice is no network ask: nothing to warn of.
	code, body, _ = s.post(anna+"/ask", url.Values{"csrf_token": {token}, "kind": {"advice"}})
	if code != http.StatusOK || !strings.Contains(body, `id="ask-ok"`) || strings.Contains(body, `id="ask-warnings"`) {
		t.Fatalf("advice = %d\n%s", code, body)
	}

	// htmx gets the verdict alone.
	req, _ := http.NewRequest(http.MethodPost, s.http.URL+anna+"/ask", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	res, err := s.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("htmx POST = %d", res.StatusCode)
	}

	// An unknown kind is refused on the form; no CSRF token, no check.
	code, body, _ = s.post(anna+"/ask", url.Values{"csrf_token": {token}, "kind": {"bribe"}})
	if code != http.StatusBadRequest || !strings.Contains(body, `role="alert"`) {
		t.Fatalf("unknown kind = %d\n%s", code, body)
	}
	if code, _, _ := s.post(anna+"/ask", url.Values{"kind": {"intro"}}); code != http.StatusForbidden {
		t.Fatalf("without the CSRF token = %d, want 403", code)
	}
	if code, _, _ := s.get("/contacts/999/ask"); code != http.StatusNotFound {
		t.Fatalf("an unknown contact = %d, want 404", code)
	}
}

func TestAskCheckSpeaksTheUsersLanguageAndAViewerMayAsk(t *testing.T) {
	s := newSiteWith(t, nil)
	s.signUp("en")
	anna := s.addContact(&rapport.Contact{DisplayName: "Anna Kowalska"})
	token := s.joinAs(rapport.RoleViewer, "ar")
	code, body, _ := s.post(anna+"/ask", url.Values{"csrf_token": {token}, "kind": {"contacts"}})
	if code != http.StatusOK {
		t.Fatalf("a viewer's check = %d\n%s", code, body)
	}
	mustContain(t, "the Arabic verdict", between(body, `id="ask-warnings"`, "</ul>"), "من المبكر طلب تعارفات")
}

func TestAskCheckEscapesWhatUsersWrote(t *testing.T) {
	s := newSiteWith(t, nil)
	token := s.signUp("en")
	evil := s.addContact(&rapport.Contact{DisplayName: `<b>Eve</b> "the" <script>alert(1)</script>`})
	code, body, _ := s.post(evil+"/ask", url.Values{"csrf_token": {token}, "kind": {"intro"},
		"about": {`"><img src=x onerror=alert(2)>`}, "on_behalf": {"<i>Mallory</i>"}})
	if code != http.StatusOK {
		t.Fatalf("POST = %d\n%s", code, body)
	}
	mustNotContain(t, "the page", body, "<b>Eve</b>", "<script>alert(1)", "<img src=x", "<i>Mallory</i>")
	mustContain(t, "the page", body, "&lt;b&gt;Eve&lt;/b&gt;", "&lt;i&gt;Mallory&lt;/i&gt;")
}
