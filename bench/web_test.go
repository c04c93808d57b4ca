package bench

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/server"
	"rapport/session"
	"rapport/sqlstore"
	"rapport/web"
)

// The web benchmark (issue 7) asks for Today's page as a signed-in user
// through the whole handler of `rapport serve`, in-process (httptest, no
// network): routing, the session (its queries), the agenda, the catalogs
// and the template. The floor is a bare net/http handler writing the same
// page from memory. It runs on the copy of the fixture the API benchmarks
// use, at the benchmarks' Now.

type webFixture struct {
	handler http.Handler
	cookie  *http.Cookie
	page    *httptest.ResponseRecorder // Rapport's answer
}

var (
	webOnce sync.Once
	webFix  *webFixture
	webErr  error
)

func webSetup(b *testing.B) *webFixture {
	b.Helper()
	apiSetup(b) // makes the copy of the fixture
	path := strings.TrimSuffix(Fixture(b, FixtureSize()), ".db") + "-api.db"
	webOnce.Do(func() { webFix, webErr = newWebFixture(path) })
	if webErr != nil {
		b.Fatalf("web fixture: %v", webErr)
	}
	return webFix
}

func newWebFixture(path string) (*webFixture, error) {
	db, err := sqlstore.Open(ctx, path) // kept open for the process
	if err != nil {
		return nil, err
	}
	now, _ := time.Parse(time.RFC3339, Now)
	cookie, err := webSession(db, now)
	if err != nil {
		return nil, err
	}
	svc := &app.Service{Store: db, Now: func() time.Time { return now }}
	w, err := web.New(web.Config{Service: svc})
	if err != nil {
		return nil, err
	}
	f := &webFixture{handler: server.New(server.Config{Service: svc, JobEvery: -1, Web: w}).Handler(), cookie: cookie}
	f.page = f.get()
	if f.page.Code != http.StatusOK || !strings.Contains(f.page.Body.String(), `class="more"`) {
		return nil, fmt.Errorf("GET /today: %d, %d bytes, without the lines of items left out", f.page.Code, f.page.Body.Len())
	}
	return f, nil
}

// webSession starts a session for the account owner, as signing in does.
func webSession(db *sqlstore.DB, now time.Time) (*http.Cookie, error) {
	a, err := db.DefaultAccount(ctx)
	if err != nil {
		return nil, err
	}
	us, err := db.Users(ctx, a.ID)
	if err != nil || len(us) == 0 {
		return nil, fmt.Errorf("account %d: no user (%v)", a.ID, err)
	}
	const secret = "bench-web-session-secret-0123456789abcdef"
	s := &rapport.Session{UserID: us[0].ID, SecretHash: rapport.HashSecret(secret), CreatedAt: now, ExpiresAt: now.AddDate(1, 0, 0)}
	if err := db.CreateSession(ctx, a.ID, s); err != nil {
		return nil, err
	}
	cred := rapport.Credential{Kind: rapport.CredSession, Account: a.ID, ID: s.ID, Secret: secret}
	return &http.Cookie{Name: session.Cookie, Value: cred.String()}, nil
}

func (f *webFixture) get() *httptest.ResponseRecorder {
	return webServe(f.handler, f.cookie)
}

func webServe(h http.Handler, cookie *http.Cookie) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, "/today", nil)
	r.AddCookie(cookie)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// BenchmarkWebToday is GET /today, signed in, on the 100,000-contact
// fixture: the server time of Today's page.
func BenchmarkWebToday(b *testing.B) {
	f := webSetup(b)
	b.ResetTimer()
	for range b.N {
		if w := f.get(); w.Code != http.StatusOK {
			b.Fatalf("GET /today: %d", w.Code)
		}
	}
}

// BenchmarkWebTodayFloor is its floor: a bare handler writing the same
// status, headers and page from memory.
func BenchmarkWebTodayFloor(b *testing.B) {
	f := webSetup(b)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /today", func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range f.page.Header() {
			h[k] = v // shared, never modified
		}
		w.WriteHeader(f.page.Code)
		w.Write(f.page.Body.Bytes())
	})
	b.ResetTimer()
	for range b.N {
		if w := webServe(mux, f.cookie); w.Code != http.StatusOK {
			b.Fatalf("GET /today: %d", w.Code)
		}
	}
}
