package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rapport"
)

// getFragment is a GET as htmx makes it.
func (s *site) getFragment(path string) (int, string) {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.http.URL+path, nil)
	req.Header.Set("HX-Request", "true")
	res, err := s.client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// formAddContact adds a contact through the form and returns its id.
func (s *site) formAddContact(token string, fields url.Values) int64 {
	s.t.Helper()
	form := url.Values{"csrf_token": {token}, "kind": {"client"}, "tier": {"core"}, "gender": {"unknown"}}
	for k, v := range fields {
		form[k] = v
	}
	code, body, h := s.post("/contacts/new", form)
	loc := h.Get("Location")
	m := regexp.MustCompile(`^/contacts/(\d+)\?done=contact_added$`).FindStringSubmatch(loc)
	if code != http.StatusSeeOther || m == nil {
		s.t.Fatalf("add contact = %d to %q\n%s", code, loc, body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// elementByID returns the element with id, up to its closing tag, or fails.
func elementByID(t *testing.T, page, id string) string {
	t.Helper()
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no element %q in the page:\n%s", id, page)
	}
	start := strings.LastIndexByte(page[:i], '<')
	name := page[start+1:]
	name = name[:strings.IndexAny(name, " >")]
	depth := 0
	for k := start; k < len(page); {
		open, end := strings.Index(page[k+1:], "<"+name), strings.Index(page[k+1:], "</"+name+">")
		if end < 0 {
			break
		}
		if open >= 0 && open < end {
			depth++
			k += 1 + open
			continue
		}
		if depth == 0 {
			return page[start : k+1+end]
		}
		depth--
		k += 1 + end
	}
	t.Fatalf("element %q is not closed", id)
	return ""
}

func (s *site) formLog(token string, contact int64, fields url.Values) string {
	s.t.Helper()
	form := url.Values{"csrf_token": {token}, "contact_ids": {strconv.FormatInt(contact, 10)}, "direction": {"outbound"}}
	for k, v := range fields {
		form[k] = v
	}
	code, body, _ := s.post("/log", form)
	if code != http.StatusOK || !strings.Contains(body, `role="status"`) {
		s.t.Fatalf("log %v = %d\n%s", fields, code, body)
	}
	return body
}

func TestAddAContactThenEditItWithAStaleVersionIsAConflict(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	code, form, _ := s.get("/contacts/new")
	if code != 200 || !strings.Contains(form, `action="/contacts/new"`) || !strings.Contains(form, `name="csrf_token" value="`+token+`"`) {
		t.Fatalf("/contacts/new = %d\n%s", code, form)
	}
	id := s.formAddContact(token, url.Values{"display_name": {"Anna Nowak"}, "org": {"Acme"}, "title": {"CFO"},
		"email": {"anna@acme.example, anna@home.example"}, "phone": {"+48 600 100 200"}, "lang": {"pl"}, "gender": {"feminine"},
		"birthday": {"--03-14"}, "tags": {"Warsaw, vip"}, "how_we_met": {"At the fintech meetup"}})
	path := fmt.Sprintf("/contacts/%d", id)
	_, page, _ := s.get(path + "?done=contact_added")
	for _, want := range []string{"Contact added.", "<bdi>Anna Nowak</bdi>", "anna@acme.example, anna@home.example", "vip, warsaw", "March 14", "At the fintech meetup"} {
		if !strings.Contains(page, want) {
			t.Errorf("the contact's page lacks %q", want)
		}
	}

	_, edit, _ := s.get(path + "/edit")
	if !strings.Contains(edit, `name="version" value="1"`) {
		t.Fatalf("the edit form carries no version 1:\n%s", edit)
	}
	fields := url.Values{"csrf_token": {token}, "version": {"1"}, "display_name": {"Anna Nowak-Kowalska"}, "kind": {"client"}, "tier": {"inner"},
		"org": {"Acme"}, "email": {"anna@acme.example"}, "gender": {"feminine"}, "tags": {"vip"}}
	code, body, h := s.post(path+"/edit", fields)
	if code != http.StatusSeeOther || h.Get("Location") != path+"?done=contact_saved" {
		t.Fatalf("edit = %d to %q\n%s", code, h.Get("Location"), body)
	}
	// The same form again: its version 1 is now stale.
	fields.Set("display_name", "Someone Else")
	code, body, _ = s.post(path+"/edit", fields)
	if code != http.StatusConflict || !strings.Contains(body, `role="alert"`) || !strings.Contains(body, "was changed since you read it") {
		t.Fatalf("edit with a stale version = %d\n%s", code, body)
	}
	if !strings.Contains(body, `name="version" value="2"`) || !strings.Contains(body, `value="Anna Nowak-Kowalska"`) || !strings.Contains(body, "Someone Else") {
		t.Errorf("the conflict shows the stored version to redo the change on, and what was typed:\n%s", body)
	}
	c, err := s.svc.Store.Contact(context.Background(), 1, id)
	if err != nil {
		t.Fatal(err)
	}
	if c.DisplayName != "Anna Nowak-Kowalska" || c.Tier != rapport.TierInner || c.Version != 2 || len(c.Emails) != 1 || c.Emails[0].Label != "work" {
		t.Errorf("after the conflict the contact is %+v: the stale form overwrote it", c)
	}
	// A mistake is shown on the form, with what was typed.
	code, body, _ = s.post("/contacts/new", url.Values{"csrf_token": {token}, "display_name": {"Bad Mail"}, "email": {"not-an-email"}})
	if code != http.StatusBadRequest || !strings.Contains(body, "not an email address") || !strings.Contains(body, `value="Bad Mail"`) {
		t.Errorf("an invalid email = %d\n%s", code, body)
	}
}

func TestThreeFailedInvitationsMakeAContactProfessionalOnly(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	id := s.formAddContact(token, url.Values{"display_name": {"Omar Haddad"}})
	path := fmt.Sprintf("/contacts/%d", id)
	_, page, _ := s.get(path)
	if tr := elementByID(t, page, "tracker"); !strings.Contains(tr, "no effort") || !strings.Contains(tr, `action="`+path+`/effort"`) {
		t.Fatalf("tracker before any effort:\n%s", tr)
	}
	code, _, h := s.post(path+"/effort", url.Values{"csrf_token": {token}, "goal": {"work together on the launch"}})
	if code != http.StatusSeeOther || h.Get("Location") != path+"?done=effort_started" {
		t.Fatalf("start effort = %d to %q", code, h.Get("Location"))
	}
	_, page, _ = s.get(path)
	if tr := elementByID(t, page, "tracker"); !strings.Contains(tr, "Attempt 1 of 3") || !strings.Contains(tr, "work together on the launch") {
		t.Fatalf("tracker of a new effort:\n%s", tr)
	}
	for n, outcome := range []string{"declined", "no_response", "declined"} {
		body := s.formLog(token, id, url.Values{"channel": {"call"}, "invitation": {"true"}, "outcome": {outcome}})
		if want := fmt.Sprintf("Attempt %d of 3", n+1); !strings.Contains(elementByID(t, body, "log-attempt"), want) {
			t.Errorf("log %d: no %q\n%s", n+1, want, body)
		}
	}
	_, page, _ = s.get(path)
	tr := elementByID(t, page, "tracker")
	if !strings.Contains(tr, "Professional only: include in necessary meetings and communications; stop inviting.") {
		t.Fatalf("tracker after three failed attempts:\n%s", tr)
	}
	if strings.Contains(tr, "Attempt") {
		t.Errorf("a given-up contact still shows an attempt:\n%s", tr)
	}
	health := elementByID(t, page, "health")
	if !strings.Contains(health, "professional only") {
		t.Errorf("health does not say the effort was given up:\n%s", health)
	}
	// The rules refuse a new effort, and the page says why.
	code, body, _ := s.post(path+"/effort", url.Values{"csrf_token": {token}})
	if code != http.StatusConflict || !strings.Contains(body, "was given up after 3 failed attempts") {
		t.Fatalf("a new effort with a given-up contact = %d\n%s", code, body)
	}
	// A fourth invitation warns not to chase.
	body = s.formLog(token, id, url.Values{"channel": {"call"}, "invitation": {"true"}})
	if w := elementByID(t, body, "log-warnings"); !strings.Contains(w, "don&#39;t chase") {
		t.Errorf("inviting a given-up contact does not warn:\n%s", w)
	}
	// The list finds them by state.
	_, list, _ := s.get("/contacts?state=given_up")
	if !strings.Contains(elementByID(t, list, "contact-results"), "Omar Haddad") {
		t.Errorf("?state=given_up does not list them:\n%s", list)
	}
	_, list, _ = s.get("/contacts?state=effort")
	if strings.Contains(elementByID(t, list, "contact-results"), "Omar Haddad") {
		t.Errorf("?state=effort lists a given-up contact")
	}
}

func TestAWrittenInvitationIsNotAnAttempt(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	id := s.formAddContact(token, url.Values{"display_name": {"Ewa Mazur"}})
	_, page, _ := s.get(fmt.Sprintf("/log?contact=%d", id))
	if !regexp.MustCompile(`name="contact_ids" value="` + strconv.FormatInt(id, 10) + `" checked`).MatchString(page) {
		t.Fatalf("/log?contact= does not preselect the contact:\n%s", page)
	}
	if !strings.Contains(page, `id="log-advice"`) || !strings.Contains(page, "A written invitation does not count as an attempt") {
		t.Errorf("the log form has no advice to show before submitting")
	}
	body := s.formLog(token, id, url.Values{"channel": {"email"}, "invitation": {"true"}, "note": {"Proposed lunch"}})
	w := elementByID(t, body, "log-warnings")
	if !strings.Contains(w, "A written invitation does not count as an attempt") || !strings.Contains(w, "Call instead") {
		t.Fatalf("an email invitation gives no advice:\n%s", body)
	}
	if !strings.Contains(elementByID(t, body, "log-attempt"), "does not count as an attempt") {
		t.Errorf("the result does not say it is no attempt:\n%s", body)
	}
	// A live call is an attempt even without an effort, and gives no advice.
	body = s.formLog(token, id, url.Values{"channel": {"call"}, "invitation": {"true"}})
	if strings.Contains(elementByID(t, body, "log-warnings"), `class="warning`) || !strings.Contains(elementByID(t, body, "log-attempt"), "It counts as an attempt.") {
		t.Errorf("a live invitation:\n%s", body)
	}
	// The timeline, newest first, offers to record what became of the call.
	_, page, _ = s.get(fmt.Sprintf("/contacts/%d", id))
	tl := elementByID(t, page, "timeline")
	if strings.Index(tl, "call") > strings.Index(tl, "Proposed lunch") {
		t.Errorf("the timeline is not newest first:\n%s", tl)
	}
	m := regexp.MustCompile(`action="/interactions/(\d+)/outcome"[^<]*\s*<input type="hidden" name="csrf_token" value="[^"]*">\s*<input type="hidden" name="version" value="(\d+)">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no outcome form for the scheduled call:\n%s", tl)
	}
	code, _, h := s.post("/interactions/"+m[1]+"/outcome", url.Values{"csrf_token": {token}, "version": {m[2]}, "outcome": {"held"},
		"next": {fmt.Sprintf("/contacts/%d", id)}})
	if code != http.StatusSeeOther || h.Get("Location") != fmt.Sprintf("/contacts/%d?done=outcome_recorded", id) {
		t.Fatalf("record the outcome = %d to %q", code, h.Get("Location"))
	}
	// The same version again is stale.
	code, _, _ = s.post("/interactions/"+m[1]+"/outcome", url.Values{"csrf_token": {token}, "version": {m[2]}, "outcome": {"declined"}})
	if code != http.StatusConflict {
		t.Errorf("an outcome at a stale version = %d, want 409", code)
	}
	// Nothing ticked: the form says so and keeps what was typed.
	code, body, _ = s.post("/log", url.Values{"csrf_token": {token}, "channel": {"call"}, "note": {"Lost words"}})
	if code != http.StatusBadRequest || !strings.Contains(body, "at least one contact") || !strings.Contains(body, "Lost words") {
		t.Errorf("logging with nobody = %d\n%s", code, body)
	}
}

func TestTheContactPagesRecords(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	id := s.formAddContact(token, url.Values{"display_name": {"Lena Berg"}})
	path := fmt.Sprintf("/contacts/%d", id)
	post := func(action string, form url.Values, done string) {
		t.Helper()
		form.Set("csrf_token", token)
		code, body, h := s.post(action, form)
		if code != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "done="+done) {
			t.Fatalf("POST %s = %d to %q\n%s", action, code, h.Get("Location"), body)
		}
	}
	post(path+"/promises", url.Values{"by": {"them"}, "what": {"send the deck"}, "due": {"2026-11-25"}}, "promise_added")
	post(path+"/promises", url.Values{"by": {"me"}, "what": {"intro to Jan"}}, "promise_added")
	post(path+"/favors", url.Values{"dir": {"received"}, "kind": {"advice"}, "about": {"pricing"}}, "favor_added")
	post(path+"/notes", url.Values{"body": {"Prefers mornings"}}, "note_added")
	_, page, _ := s.get(path)
	promises := elementByID(t, page, "promises")
	if !strings.Contains(promises, "send the deck") || !strings.Contains(promises, "November 25, 2026") || !strings.Contains(promises, `name="next" value="`+path+`"`) {
		t.Fatalf("promises:\n%s", promises)
	}
	favors := elementByID(t, page, "favors")
	if !strings.Contains(page, "pricing") || !strings.Contains(favors, "still waiting for a thank-you") || !strings.Contains(favors, `action="`+path+`/thank"`) {
		t.Fatalf("favors:\n%s", favors)
	}
	if !strings.Contains(elementByID(t, page, "notes"), "Prefers mornings") {
		t.Errorf("notes lack the note")
	}
	post(path+"/thank", url.Values{"next": {path}}, "thanked")
	// Their promise, broken, is a breach of trust; one more loses it.
	m := regexp.MustCompile(`action="/promises/(\d+)/break"`).FindStringSubmatch(promises)
	post("/promises/"+m[1]+"/break", url.Values{"next": {path}}, "promise_broken")
	_, page, _ = s.get(path)
	if tr := elementByID(t, page, "trust"); !strings.Contains(tr, "second chance") || !strings.Contains(tr, `value="reset"`) {
		t.Fatalf("trust after a broken promise:\n%s", tr)
	}
	if strings.Contains(elementByID(t, page, "favors"), "still waiting for a thank-you") {
		t.Errorf("the thank-you is still owed after it was recorded")
	}
	post(path+"/trust", url.Values{"kind": {"breach"}, "note": {"shared a confidential draft"}}, "trust_breach")
	_, page, _ = s.get(path)
	if tr := elementByID(t, page, "trust"); !strings.Contains(tr, "trust lost") || !strings.Contains(tr, "2 breaches of trust") {
		t.Fatalf("trust after two breaches:\n%s", tr)
	}
	if !strings.Contains(elementByID(t, page, "tracker"), "Professional only") {
		t.Errorf("a contact whose trust is lost is not professional only")
	}
	_, list, _ := s.get("/contacts?state=trust_lost")
	if !strings.Contains(elementByID(t, list, "contact-results"), "Lena Berg") {
		t.Errorf("?state=trust_lost does not list them")
	}
	// A reset needs its reason.
	code, body, _ := s.post(path+"/trust", url.Values{"csrf_token": {token}, "kind": {"reset"}})
	if code != http.StatusBadRequest || !strings.Contains(body, "say why trust is restored") {
		t.Errorf("a reset without a reason = %d", code)
	}
	post(path+"/trust", url.Values{"kind": {"reset"}, "note": {"talked it through"}}, "trust_reset")
	_, page, _ = s.get(path + "?done=trust_reset")
	if !strings.Contains(elementByID(t, page, "trust"), "trusted") || !strings.Contains(page, "Trust restored.") {
		t.Errorf("trust after a reset:\n%s", elementByID(t, page, "trust"))
	}
}

func TestAViewerSeesNoChangeFormsAndCannotPostChanges(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	id := s.formAddContact(token, url.Values{"display_name": {"Anna Nowak"}})
	ctx := context.Background()
	in, err := s.svc.SignIn(ctx, "maya@acme.example", "a long password 1", "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	owner, err := s.svc.SessionPrincipal(ctx, in.Credential)
	if err != nil {
		t.Fatal(err)
	}
	inv, err := s.svc.CreateInvite(ctx, owner, rapport.RoleViewer, "")
	if err != nil {
		t.Fatal(err)
	}
	s.client.Jar, _ = cookiejar.New(nil)
	code, body, _ := s.post("/invite/"+inv.Token, url.Values{"display_name": {"Vic"}, "email": {"vic@acme.example"},
		"password": {"another long password"}, "lang": {"en"}, "gender": {"unknown"}})
	if code != http.StatusSeeOther {
		t.Fatalf("accept the invite = %d\n%s", code, body)
	}
	path := fmt.Sprintf("/contacts/%d", id)
	_, page, _ := s.get(path)
	viewer := csrf(t, page) // the sign-out form's
	if !strings.Contains(page, "<bdi>Anna Nowak</bdi>") {
		t.Fatalf("a viewer cannot read the contact:\n%s", page)
	}
	if n := strings.Count(page, `method="post"`); n != 1 {
		t.Errorf("a viewer sees %d forms that post (only sign-out expected):\n%s", n, page)
	}
	for _, p := range []string{"/contacts", "/log", "/trash"} {
		_, body, _ := s.get(p)
		if n := strings.Count(body, `method="post"`); n != 1 {
			t.Errorf("%s: a viewer sees %d forms that post", p, n)
		}
	}
	for action, form := range map[string]url.Values{
		"/contacts/new":     {"display_name": {"X"}},
		path + "/edit":      {"display_name": {"X"}, "version": {"1"}},
		path + "/delete":    {},
		path + "/effort":    {},
		path + "/notes":     {"body": {"x"}},
		path + "/promises":  {"by": {"me"}, "what": {"x"}},
		path + "/favors":    {"dir": {"given"}, "kind": {"advice"}},
		path + "/trust":     {"kind": {"breach"}},
		path + "/thank":     {},
		"/log":              {"contact_ids": {strconv.FormatInt(id, 10)}, "channel": {"call"}},
		path + "/restore":   {},
		"/promises/1/break": {},
	} {
		form.Set("csrf_token", viewer)
		if code, _, _ := s.post(action, form); code != http.StatusForbidden {
			t.Errorf("a viewer POST %s = %d, want 403", action, code)
		}
	}
	if code, _, _ := s.get("/contacts/new"); code != http.StatusForbidden {
		t.Errorf("a viewer GET /contacts/new = %d, want 403", code)
	}
	c, _ := s.svc.Store.Contact(ctx, 1, id)
	if c.DisplayName != "Anna Nowak" || c.DeletedAt != nil {
		t.Errorf("a viewer changed the contact: %+v", c)
	}
}

func TestANameWithMarkupIsEscapedEverywhere(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	evil := `<script>alert(1)</script>`
	id := s.formAddContact(token, url.Values{"display_name": {evil}, "org": {`<img src=x onerror=alert(2)>`}, "tags": {"<b>x</b>"}})
	path := fmt.Sprintf("/contacts/%d", id)
	s.post(path+"/notes", url.Values{"csrf_token": {token}, "body": {evil}})
	s.formLog(token, id, url.Values{"channel": {"call"}, "note": {evil}})
	pages := []string{"/contacts", "/contacts?q=script", path, path + "/edit", fmt.Sprintf("/log?contact=%d", id)}
	check := func(p, body string) {
		t.Helper()
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") || strings.Contains(body, "<b>x") {
			t.Errorf("%s: markup from a name is not escaped", p)
		}
		if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: the name is not shown escaped", p)
		}
	}
	for _, p := range pages {
		code, body, _ := s.get(p)
		if code != 200 {
			t.Fatalf("GET %s = %d", p, code)
		}
		check(p, body)
	}
	body := s.formLog(token, id, url.Values{"channel": {"email"}, "invitation": {"true"}})
	check("POST /log", body)
	s.post(path+"/delete", url.Values{"csrf_token": {token}})
	_, body, _ = s.get("/trash")
	check("/trash", body)
}

func TestTrashAndRestore(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	id := s.formAddContact(token, url.Values{"display_name": {"Tomasz Nowak"}})
	path := fmt.Sprintf("/contacts/%d", id)
	code, _, h := s.post(path+"/delete", url.Values{"csrf_token": {token}})
	if code != http.StatusSeeOther || h.Get("Location") != "/trash?done=contact_deleted" {
		t.Fatalf("delete = %d to %q", code, h.Get("Location"))
	}
	_, trash, _ := s.get("/trash?done=contact_deleted")
	if !strings.Contains(trash, "Contact moved to the trash.") || !strings.Contains(trash, `action="`+path+`/restore"`) {
		t.Fatalf("the trash:\n%s", trash)
	}
	if _, list, _ := s.get("/contacts"); strings.Contains(list, "Tomasz Nowak") {
		t.Errorf("a deleted contact is still listed")
	}
	_, page, _ := s.get(path)
	if !strings.Contains(page, "This contact is in the trash.") || strings.Contains(page, `action="`+path+`/notes"`) {
		t.Errorf("a deleted contact's page offers changes or does not say it is deleted")
	}
	if code, _, _ := s.post(path+"/notes", url.Values{"csrf_token": {token}, "body": {"x"}}); code != http.StatusNotFound {
		t.Errorf("a note on a deleted contact = %d, want 404", code)
	}
	code, _, h = s.post(path+"/restore", url.Values{"csrf_token": {token}})
	if code != http.StatusSeeOther || h.Get("Location") != path+"?done=contact_restored" {
		t.Fatalf("restore = %d to %q", code, h.Get("Location"))
	}
	if _, list, _ := s.get("/contacts"); !strings.Contains(list, "Tomasz Nowak") {
		t.Errorf("a restored contact is not listed")
	}
	if _, trash, _ := s.get("/trash"); !strings.Contains(trash, "The trash is empty.") {
		t.Errorf("the trash is not empty after the restore")
	}
}

func TestSearchFiltersAndTheHtmxFragment(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	s.formAddContact(token, url.Values{"display_name": {"Anna Nowak"}, "kind": {"client"}, "tags": {"warsaw"}})
	s.formAddContact(token, url.Values{"display_name": {"Jan Kowalski"}, "kind": {"partner"}, "org": {"Nowy Styl"}})
	s.formAddContact(token, url.Values{"display_name": {"Łukasz Zieliński"}, "kind": {"client"}})
	results := func(path string) string {
		t.Helper()
		code, body, _ := s.get(path)
		if code != 200 {
			t.Fatalf("GET %s = %d\n%s", path, code, body)
		}
		return elementByID(t, body, "contact-results")
	}
	for path, want := range map[string][]string{
		"/contacts":                    {"Anna Nowak", "Jan Kowalski", "Łukasz Zieliński"},
		"/contacts?q=anna":             {"Anna Nowak"},
		"/contacts?q=lukasz":           {"Łukasz Zieliński"},
		"/contacts?kind=client":        {"Anna Nowak", "Łukasz Zieliński"},
		"/contacts?tag=warsaw":         {"Anna Nowak"},
		"/contacts?q=now&kind=partner": {"Jan Kowalski"},
	} {
		got := results(path)
		for _, name := range []string{"Anna Nowak", "Jan Kowalski", "Łukasz Zieliński"} {
			if in, wanted := strings.Contains(got, name), strings.Contains(strings.Join(want, "|"), name); in != wanted {
				t.Errorf("%s: %s listed = %v, want %v", path, name, in, wanted)
			}
		}
	}
	if got := results("/contacts?q=nobody"); !strings.Contains(got, "No contacts match.") {
		t.Errorf("an empty search:\n%s", got)
	}
	code, frag := s.getFragment("/contacts?q=anna")
	if code != 200 || strings.Contains(frag, "<html") || strings.Contains(frag, "<nav") || !strings.HasPrefix(strings.TrimSpace(frag), `<section id="contact-results"`) ||
		!strings.Contains(frag, "Anna Nowak") || strings.Contains(frag, "Jan Kowalski") {
		t.Fatalf("the htmx fragment = %d\n%s", code, frag)
	}
	_, page, _ := s.get("/contacts")
	for _, want := range []string{`hx-get="/contacts"`, `hx-trigger="input changed delay:300ms, search"`, `hx-target="#contact-results"`, `<label for="q">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the search lacks %s", want)
		}
	}
	if code, _, _ := s.get("/contacts?kind=boss"); code != http.StatusBadRequest {
		t.Errorf("an unknown kind = %d, want 400", code)
	}
}

func TestTheListPagesBy50AndFiltersByStateWithoutHistories(t *testing.T) {
	s := newSite(t)
	s.signUp("en")
	ctx := context.Background()
	now := s.svc.Now()
	var cs []*rapport.Contact
	for n := range 120 {
		c := &rapport.Contact{DisplayName: fmt.Sprintf("Person %03d", n), Kind: rapport.KindNetwork, Tier: rapport.TierWider,
			Gender: rapport.GenderUnknown, CreatedAt: now}
		if n%2 == 0 {
			c.CreatedAt = now.AddDate(0, 0, -100) // overdue (wider: 90 days), not dormant
		}
		if n%4 == 0 {
			c.CreatedAt = now.AddDate(-1, 0, 0) // dormant too
		}
		cs = append(cs, c)
	}
	if err := s.svc.Store.CreateContacts(ctx, 1, cs); err != nil {
		t.Fatal(err)
	}
	names := func(path string) ([]string, string) {
		t.Helper()
		code, body, _ := s.get(path)
		if code != 200 {
			t.Fatalf("GET %s = %d", path, code)
		}
		res := elementByID(t, body, "contact-results")
		var out []string
		for _, m := range regexp.MustCompile(`<bdi>(Person \d+)</bdi>`).FindAllStringSubmatch(res, -1) {
			out = append(out, m[1])
		}
		next := ""
		if m := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(res); m != nil {
			next = strings.ReplaceAll(m[1], "&amp;", "&")
		}
		return out, next
	}
	var all []string
	for path := "/contacts"; path != ""; {
		page, next := names(path)
		if len(page) > 50 {
			t.Fatalf("%s lists %d contacts", path, len(page))
		}
		all = append(all, page...)
		path = next
	}
	if len(all) != 120 || all[0] != "Person 000" || all[119] != "Person 119" {
		t.Fatalf("the pages list %d contacts: %v", len(all), all)
	}
	count := func(state string, every int) {
		t.Helper()
		var got []string
		pages := 0
		for path := "/contacts?state=" + state; path != ""; pages++ {
			page, next := names(path)
			got = append(got, page...)
			path = next
		}
		if len(got) != 120/every || pages != (120/every+49)/50 {
			t.Errorf("?state=%s lists %d contacts on %d pages, want %d", state, len(got), pages, 120/every)
		}
		for _, n := range got {
			k, _ := strconv.Atoi(strings.TrimPrefix(n, "Person "))
			if k%every != 0 {
				t.Errorf("?state=%s lists %s", state, n)
			}
		}
	}
	count("overdue", 2)
	count("dormant", 4)
	// A filter combines with the state.
	if page, _ := names("/contacts?state=dormant&q=Person+00"); len(page) != 3 { // 000, 004, 008
		t.Errorf("?state=dormant&q=Person 00 lists %v", page)
	}
}

// Every page of the web app, in every language: the right direction, no
// key left untranslated.
func TestEveryPageSpeaksEveryLanguage(t *testing.T) {
	rawKey := regexp.MustCompile(`\b(web|enum|state|contact|warning)\.[a-z_]+(\.[a-z_]+)*\b`)
	for _, lang := range []string{"en", "ar", "pl"} {
		t.Run(lang, func(t *testing.T) {
			s := newSite(t)
			token := s.signUp(lang)
			id := s.formAddContact(token, url.Values{"display_name": {"Anna Nowak"}, "org": {"Acme"}, "tags": {"vip"}, "birthday": {"1985-03-14"}})
			other := s.formAddContact(token, url.Values{"display_name": {"خالد العمري"}})
			path := fmt.Sprintf("/contacts/%d", id)
			s.post(path+"/effort", url.Values{"csrf_token": {token}, "goal": {"launch"}})
			s.post(path+"/promises", url.Values{"csrf_token": {token}, "by": {"them"}, "what": {"deck"}})
			s.post(path+"/favors", url.Values{"csrf_token": {token}, "dir": {"asked"}, "kind": {"intro"}, "outcome": {"partial"}})
			s.post(path+"/trust", url.Values{"csrf_token": {token}, "kind": {"breach"}})
			s.post(path+"/notes", url.Values{"csrf_token": {token}, "body": {"note"}})
			s.formLog(token, id, url.Values{"channel": {"call"}, "invitation": {"true"}})
			s.post(fmt.Sprintf("/contacts/%d/delete", other), url.Values{"csrf_token": {token}})
			dir := `<html lang="` + lang + `" dir="ltr">`
			if lang == "ar" {
				dir = `<html lang="ar" dir="rtl">`
			}
			for _, p := range []string{"/contacts", "/contacts?state=effort", "/contacts?q=zzz", "/contacts/new", path, path + "/edit",
				"/log", fmt.Sprintf("/log?contact=%d", id), "/trash", fmt.Sprintf("/contacts/%d", other)} {
				code, body, _ := s.get(p)
				if code != 200 || !strings.Contains(body, dir) {
					t.Errorf("%s in %s = %d, without %s", p, lang, code, dir)
				}
				if k := rawKey.FindString(body); k != "" {
					t.Errorf("%s in %s shows the key %q", p, lang, k)
				}
				if strings.Contains(body, "style=") || regexp.MustCompile(`\son[a-z]+=`).MatchString(body) {
					t.Errorf("%s: inline style or handler, which the CSP forbids", p)
				}
				for _, m := range regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`).FindAllString(body, -1) {
					if strings.Contains(m, `type="hidden"`) {
						continue
					}
					idm := regexp.MustCompile(`id="([^"]+)"`).FindStringSubmatch(m)
					wrapped := strings.Contains(m, `type="checkbox"`) || strings.Contains(m, `type="radio"`)
					if !wrapped && (idm == nil || !strings.Contains(body, `for="`+idm[1]+`"`)) {
						t.Errorf("%s: a control without a label: %s", p, m)
					}
				}
			}
			body := s.formLog(token, id, url.Values{"channel": {"email"}, "invitation": {"true"}})
			if k := rawKey.FindString(body); k != "" {
				t.Errorf("the log's answer in %s shows the key %q", lang, k)
			}
			if lang == "ar" && !strings.Contains(elementByID(t, body, "log-warnings"), "الدعوة المكتوبة لا تُحتسب محاولة") {
				t.Errorf("the advice is not in Arabic:\n%s", body)
			}
			if lang == "pl" && !strings.Contains(elementByID(t, body, "log-warnings"), "Zaproszenie na piśmie nie liczy się jako próba") {
				t.Errorf("the advice is not in Polish:\n%s", body)
			}
		})
	}
}
