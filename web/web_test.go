package web_test

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"rapport"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/app"
	"rapport/password"
	"rapport/server"
	"rapport/sqlstore/sqltest"
	"rapport/web"
)

// site is the web app behind the real server, on a real database, with a
// browser-like client (cookie jar, no redirects followed automatically).
type site struct {
	t      *testing.T
	http   *httptest.Server
	client *http.Client
	svc    *app.Service
}

func newSite(t *testing.T) *site {
	t.Helper()
	db := sqltest.Open(t, "sqlite")
	svc := &app.Service{Store: db, Now: func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }, Passwords: password.Fast}
	w, err := web.New(web.Config{Service: svc})
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Config{Service: svc, JobEvery: -1, Web: w})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &site{t: t, http: ts, client: c, svc: svc}
}

func (s *site) get(path string) (int, string, http.Header) {
	s.t.Helper()
	res, err := s.client.Get(s.http.URL + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header
}

func (s *site) post(path string, form url.Values) (int, string, http.Header) {
	s.t.Helper()
	res, err := s.client.PostForm(s.http.URL+path, form)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header
}

// csrf reads the CSRF token a page's forms carry.
func csrf(t *testing.T, page string) string {
	t.Helper()
	const marker = `name="csrf_token" value="`
	i := strings.Index(page, marker)
	if i < 0 {
		t.Fatalf("no CSRF token in the page:\n%s", page)
	}
	rest := page[i+len(marker):]
	return rest[:strings.IndexByte(rest, '"')]
}

func (s *site) signUp(lang string) string {
	s.t.Helper()
	code, body, h := s.post("/signup", url.Values{"account_name": {"Acme"}, "display_name": {"Maya"},
		"email": {"maya@acme.example"}, "password": {"a long password 1"}, "lang": {lang}, "gender": {"feminine"}})
	if code != http.StatusSeeOther {
		s.t.Fatalf("sign-up = %d\n%s", code, body)
	}
	if loc := h.Get("Location"); !strings.HasPrefix(loc, "/today") {
		s.t.Fatalf("sign-up goes to %q", loc)
	}
	_, today, _ := s.get("/today")
	return csrf(s.t, today)
}

func TestVisitorSeesSignInAndComesBackAfter(t *testing.T) {
	s := newSite(t)
	code, body, h := s.get("/")
	if code != 200 || !strings.Contains(body, `action="/signin"`) {
		t.Fatalf("/ for a visitor = %d\n%s", code, body)
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("CSP = %q", csp)
	}
	code, _, h = s.get("/today")
	if code != http.StatusSeeOther || h.Get("Location") != "/signin?next=%2Ftoday" {
		t.Fatalf("/today for a visitor = %d to %q", code, h.Get("Location"))
	}
}

func TestSignUpThenTodayInTheUsersLanguage(t *testing.T) {
	s := newSite(t)
	s.signUp("ar")
	code, body, _ := s.get("/today")
	if code != 200 || !strings.Contains(body, `<html lang="ar" dir="rtl">`) || !strings.Contains(body, "اليوم") {
		t.Fatalf("/today in Arabic = %d\n%s", code, body)
	}
	code, body, _ = s.get("/today?lang=pl")
	if code != 200 || !strings.Contains(body, `dir="ltr"`) || !strings.Contains(body, "Dziś") {
		t.Fatalf("/today?lang=pl = %d\n%s", code, body)
	}
}

func TestFormsNeedTheSessionsCSRFToken(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	code, _, _ := s.post("/signout", url.Values{})
	if code != http.StatusForbidden {
		t.Fatalf("sign-out without the CSRF token = %d, want 403", code)
	}
	code, _, h := s.post("/signout", url.Values{"csrf_token": {token}})
	if code != http.StatusSeeOther || h.Get("Location") != "/signin" {
		t.Fatalf("sign-out = %d to %q", code, h.Get("Location"))
	}
	if code, _, _ := s.get("/today"); code != http.StatusSeeOther {
		t.Fatalf("/today after sign-out = %d", code)
	}
}

func TestSignInRefusalIsShownOnTheForm(t *testing.T) {
	s := newSite(t)
	s.signUp("en")
	s.client.Jar, _ = cookiejar.New(nil)
	code, body, _ := s.post("/signin", url.Values{"email": {"maya@acme.example"}, "password": {"wrong password!"}, "next": {"//evil.example"}})
	if code != http.StatusUnauthorized || !strings.Contains(body, `role="alert"`) || !strings.Contains(body, `value="maya@acme.example"`) {
		t.Fatalf("wrong password = %d\n%s", code, body)
	}
	code, _, h := s.post("/signin", url.Values{"email": {"maya@acme.example"}, "password": {"a long password 1"}, "next": {"//evil.example"}})
	if code != http.StatusSeeOther || h.Get("Location") != "/today" {
		t.Fatalf("sign-in with an off-site next = %d to %q, want /today", code, h.Get("Location"))
	}
}

func TestAssetsAreServedWithContentHashes(t *testing.T) {
	s := newSite(t)
	_, body, _ := s.get("/signin")
	i := strings.Index(body, `href="/static/`)
	if i < 0 {
		t.Fatalf("no stylesheet link:\n%s", body)
	}
	href := body[i+6:]
	href = href[:strings.IndexByte(href, '"')]
	code, css, h := s.get(href)
	if code != 200 || !strings.Contains(h.Get("Cache-Control"), "immutable") || !strings.Contains(css, "margin-inline") {
		t.Fatalf("GET %s = %d, Cache-Control %q", href, code, h.Get("Cache-Control"))
	}
	if code, _, _ := s.get(strings.Replace(href, "/static/", "/static/000000000000", 1)); code != 404 {
		t.Fatalf("a wrong hash = %d, want 404", code)
	}
	if code, _, _ := s.get("/no/such/page"); code != 404 {
		t.Fatalf("unknown page = %d, want 404", code)
	}
	if code, body, _ := s.get("/api/v1/nothing"); code != 404 || !strings.Contains(body, `"code":"not_found"`) {
		t.Fatalf("unknown API route = %d %s: the API's problems must survive the web app's mount", code, body)
	}
}

func TestSignUpAndInvitationFormsRender(t *testing.T) {
	s := newSite(t)
	for _, path := range []string{"/signup", "/invite/ri_1_1_" + strings.Repeat("x", 43), "/signin?lang=ar"} {
		code, body, _ := s.get(path)
		if code != 200 || !strings.Contains(body, `<form method="post"`) || !strings.Contains(body, `<label for="password">`) {
			t.Fatalf("GET %s = %d\n%s", path, code, body)
		}
	}
}

// TestTodayShowsTenOfEachKindAndSaysHowManyMore: Today lists at most ten
// items of a kind, and says, in the agenda's order, how many more of each
// it left out: exactly for birthdays, "at least" for reconnecting.
func TestTodayShowsTenOfEachKindAndSaysHowManyMore(t *testing.T) {
	s := newSite(t)
	s.signUp("en")
	now := s.svc.Now()
	var cs []*rapport.Contact
	for n := range 12 { // birthdays today
		cs = append(cs, &rapport.Contact{DisplayName: fmt.Sprintf("Born %02d", n), Kind: rapport.KindNetwork, Tier: rapport.TierWider,
			Gender: rapport.GenderUnknown, CreatedAt: now, Birthday: &rapport.Birthday{Month: now.Month(), Day: now.Day()}})
	}
	for n := range 11 { // inner circle, silent for a year: reconnect
		cs = append(cs, &rapport.Contact{DisplayName: fmt.Sprintf("Silent %02d", n), Kind: rapport.KindMentor, Tier: rapport.TierInner,
			Gender: rapport.GenderUnknown, CreatedAt: now.AddDate(-1, 0, 0)})
	}
	if err := s.svc.Store.CreateContacts(t.Context(), 1, cs); err != nil {
		t.Fatal(err)
	}
	code, body, _ := s.get("/today")
	if code != 200 {
		t.Fatalf("/today = %d", code)
	}
	if n := strings.Count(body, "Born "); n != 10 {
		t.Errorf("%d birthdays listed, want 10", n)
	}
	if n := strings.Count(body, "Silent "); n != 10 {
		t.Errorf("%d people to reconnect with listed, want 10", n)
	}
	more := regexp.MustCompile(`<p class="more">([^<]*)<a href="/review">`).FindAllStringSubmatch(body, -1)
	var got []string
	for _, m := range more {
		got = append(got, strings.TrimSpace(html.UnescapeString(m[1])))
	}
	want := []string{"… and at least 1 more person to reconnect with.", "… and 2 more birthdays coming up."}
	if !slices.Equal(got, want) {
		t.Errorf("the lines of what was left out: %q, want %q", got, want)
	}
}
