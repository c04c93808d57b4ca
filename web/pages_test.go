package web_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/password"
	"rapport/server"
	"rapport/sqlstore/sqltest"
	"rapport/web"
)

// Helpers for the tests of the ask check, the composer, the review and the
// settings.

// newSiteWith is newSite with the web app's log in the test's, and a
// chance to change the web app before it serves (its embedded files).
func newSiteWith(t *testing.T, change func(w *web.Web)) *site {
	t.Helper()
	db := sqltest.Open(t, "sqlite")
	svc := &app.Service{Store: db, Now: func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }, Passwords: password.Fast}
	w, err := web.New(web.Config{Service: svc, Log: slog.New(slog.NewTextHandler(testLog{t}, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(w)
	}
	srv := server.New(server.Config{Service: svc, JobEvery: -1, Web: w})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &site{t: t, http: ts, client: c, svc: svc}
}

// testLog writes the web app's log to the test's.
type testLog struct{ t *testing.T }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// owner is the principal of the account's first user.
func (s *site) owner() *rapport.Principal {
	s.t.Helper()
	ctx := context.Background()
	acct, err := s.svc.Store.DefaultAccount(ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	us, err := s.svc.Store.Users(ctx, acct.ID)
	if err != nil || len(us) == 0 {
		s.t.Fatalf("users: %v", err)
	}
	return &rapport.Principal{Account: acct, User: us[0]}
}

// addContact adds a contact to the owner's account and returns its path.
func (s *site) addContact(c *rapport.Contact) string {
	s.t.Helper()
	if err := s.svc.AddContact(context.Background(), s.owner().Account.ID, c); err != nil {
		s.t.Fatal(err)
	}
	return "/contacts/" + strconv.FormatInt(c.ID, 10)
}

// log records a held call with contact ids, days ago.
func (s *site) log(days int, dir rapport.Direction, ids ...int64) {
	s.t.Helper()
	i := &rapport.Interaction{At: s.svc.Now().AddDate(0, 0, -days), Channel: rapport.ChannelCall, Direction: dir,
		Outcome: rapport.OutcomeHeld, ContactIDs: ids}
	if err := s.svc.Log(context.Background(), s.owner().Account.ID, i); err != nil {
		s.t.Fatal(err)
	}
}

// joinAs signs a second user in, in a cookie jar of their own, through an
// invitation with a role; it returns that user's CSRF token.
func (s *site) joinAs(role rapport.Role, lang string) string {
	s.t.Helper()
	inv, err := s.svc.CreateInvite(context.Background(), s.owner(), role, "")
	if err != nil {
		s.t.Fatal(err)
	}
	s.client.Jar, _ = cookiejar.New(nil)
	code, body, _ := s.post("/invite/"+inv.Token, url.Values{"display_name": {"Vic"}, "email": {"vic@acme.example"},
		"password": {"another long password"}, "lang": {lang}, "gender": {"unknown"}})
	if code != http.StatusSeeOther {
		s.t.Fatalf("accepting the invitation = %d\n%s", code, body)
	}
	_, page, _ := s.get("/settings")
	return csrf(s.t, page)
}

// between is the text of page between two markers ("" when absent).
func between(page, from, to string) string {
	i := strings.Index(page, from)
	if i < 0 {
		return ""
	}
	rest := page[i+len(from):]
	j := strings.Index(rest, to)
	if j < 0 {
		return ""
	}
	return rest[:j]
}

// mustContain fails unless page holds every one of want.
func mustContain(t *testing.T, what, page string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("%s: no %q in:\n%s", what, w, page)
		}
	}
}

func mustNotContain(t *testing.T, what, page string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(page, w) {
			t.Errorf("%s: %q should not be in:\n%s", what, w, page)
		}
	}
}

// TestPagesSayEverythingInEveryLanguage renders the ask check, both
// composers, the review and the settings in each language: a catalog key
// shown as it is (the fallback of a missing message) fails.
func TestPagesSayEverythingInEveryLanguage(t *testing.T) {
	s := newSiteWith(t, func(w *web.Web) { web.SetAsset(w, "vendor/chart.umd.min.js", []byte("/* stand-in */")) })
	s.signUp("en")
	c := &rapport.Contact{DisplayName: "Anna"}
	anna := s.addContact(c)
	for _, lang := range []string{"en", "ar", "pl"} {
		for _, path := range []string{anna + "/ask", anna + "/compose", anna + "/compose?draft=opener", "/review", "/settings"} {
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			code, body, _ := s.get(path + sep + "lang=" + lang)
			if code != http.StatusOK || !strings.Contains(body, `<html lang="`+lang+`"`) {
				t.Errorf("%s in %s = %d", path, lang, code)
				continue
			}
			for _, raw := range []string{">web.", `"web.`, ">enum.", " web.", "<no value>"} {
				if strings.Contains(body, raw) {
					t.Errorf("%s in %s shows a key (%q)", path, lang, raw)
				}
			}
		}
	}
}
