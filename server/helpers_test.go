package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/password"
	"rapport/server"
	"rapport/sqlstore"
	"rapport/sqlstore/sqltest"
)

// env is a server on a real, empty database, and a clock the test moves.
type env struct {
	t     *testing.T
	db    *sqlstore.DB
	svc   *app.Service
	srv   *server.Server
	http  *httptest.Server
	mu    sync.Mutex
	clock time.Time
}

func newEnv(t *testing.T, engine string) *env {
	t.Helper()
	e := &env{t: t, db: sqltest.Open(t, engine)}
	e.clock = e.clockStart()
	e.svc = &app.Service{Store: e.db, Now: e.now, Passwords: password.Fast}
	e.srv = server.New(server.Config{Service: e.svc, Holder: "test", JobEvery: -1})
	e.http = httptest.NewServer(e.srv.Handler())
	t.Cleanup(e.http.Close)
	return e
}

// clockStart is when every test's clock starts.
func (e *env) clockStart() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }

func contactPath(id int64) string { return fmt.Sprintf("/api/v1/contacts/%d", id) }

func (e *env) now() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.clock
}

func (e *env) advance(d time.Duration) {
	e.mu.Lock()
	e.clock = e.clock.Add(d)
	e.mu.Unlock()
}

// caller is who makes requests: a token, or a session cookie and its CSRF
// token, or nobody.
type caller struct {
	token   string
	cookie  string
	csrf    string
	account int64
}

// resp is an answer, read whole.
type resp struct {
	status int
	header http.Header
	body   []byte
}

func (r resp) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("answer %d is not JSON: %v\n%s", r.status, err, r.body)
	}
}

// problem decodes a problem answer.
func (r resp) problem(t *testing.T) server.Problem {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("answer %d has Content-Type %q, want application/problem+json\n%s", r.status, ct, r.body)
	}
	var p server.Problem
	r.json(t, &p)
	return p
}

// request is one request to send.
type request struct {
	method, path string
	body         any // marshalled to JSON unless a string or []byte
	header       map[string]string
}

func (e *env) do(c *caller, rq request) resp {
	e.t.Helper()
	var body io.Reader
	switch b := rq.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequest(rq.method, e.http.URL+rq.path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c != nil {
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		if c.cookie != "" {
			req.AddCookie(&http.Cookie{Name: server.SessionCookie, Value: c.cookie})
			if c.csrf != "" {
				req.Header.Set(server.CSRFHeader, c.csrf)
			}
		}
	}
	for k, v := range rq.header {
		req.Header.Set(k, v)
	}
	res, err := e.http.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", rq.method, rq.path, err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return resp{status: res.StatusCode, header: res.Header, body: data}
}

// must sends a request and fails the test unless it answers want.
func (e *env) must(c *caller, want int, rq request) resp {
	e.t.Helper()
	r := e.do(c, rq)
	if r.status != want {
		e.t.Fatalf("%s %s = %d, want %d\n%s", rq.method, rq.path, r.status, want, r.body)
	}
	return r
}

// signUp creates an account and returns its owner signed in with a cookie.
func (e *env) signUp(name, email string) *caller {
	e.t.Helper()
	r := e.must(nil, http.StatusCreated, request{method: "POST", path: "/api/v1/signup", body: map[string]any{
		"account_name": name, "display_name": name + " Owner", "email": email, "password": "a long password 1",
	}})
	return e.sessionOf(r)
}

func (e *env) sessionOf(r resp) *caller {
	e.t.Helper()
	var s struct {
		Account   rapport.Account `json:"account"`
		CSRFToken string          `json:"csrf_token"`
	}
	r.json(e.t, &s)
	c := &caller{csrf: s.CSRFToken, account: s.Account.ID}
	for _, ck := range (&http.Response{Header: r.header}).Cookies() {
		if ck.Name == server.SessionCookie {
			c.cookie = ck.Value
			if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
				e.t.Fatalf("session cookie is not HttpOnly and SameSite=Lax: %+v", ck)
			}
		}
	}
	if c.cookie == "" || c.csrf == "" {
		e.t.Fatalf("no session cookie or CSRF token in %s", r.body)
	}
	return c
}

// token creates an API token for a signed-in caller.
func (e *env) token(c *caller, scope string) *caller {
	e.t.Helper()
	r := e.must(c, http.StatusCreated, request{method: "POST", path: "/api/v1/tokens", body: map[string]any{"scope": scope, "name": scope}})
	var t struct {
		Token string `json:"token"`
	}
	r.json(e.t, &t)
	return &caller{token: t.Token, account: c.account}
}

// contact creates a contact and returns its id.
func (e *env) contact(c *caller, name string) int64 {
	e.t.Helper()
	r := e.must(c, http.StatusCreated, request{method: "POST", path: "/api/v1/contacts", body: map[string]any{"display_name": name, "kind": "client"}})
	var ct rapport.Contact
	r.json(e.t, &ct)
	return ct.ID
}

func (e *env) countContacts(acct int64) int {
	e.t.Helper()
	cs, err := e.db.Contacts(e.t.Context(), acct, rapport.ContactFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	return len(cs)
}

// serversOn starts n servers on one database, each with its own
// connections, as several `rapport serve` behind a load balancer.
func serversOn(t *testing.T, dsn string, n int, cfg server.Config) []*env {
	t.Helper()
	var envs []*env
	for range n {
		db, err := sqlstore.Open(t.Context(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		e := &env{t: t, db: db}
		e.clock = e.clockStart()
		e.svc = &app.Service{Store: db, Now: e.now, Passwords: password.Fast}
		c := cfg
		c.Service, c.Holder, c.JobEvery = e.svc, "server", -1
		e.srv = server.New(c)
		e.http = httptest.NewServer(e.srv.Handler())
		t.Cleanup(e.http.Close)
		envs = append(envs, e)
	}
	return envs
}
