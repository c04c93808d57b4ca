package server_test

import (
	"fmt"
	"strings"
	"testing"

	"rapport"
	"rapport/sqlstore/sqltest"
)

func TestSignUpSignsInAndMeSaysWho(t *testing.T) {
	e := newEnv(t, "sqlite")
	a := e.signUp("Acme", "maya@acme.example")
	var me struct {
		Account rapport.Account `json:"account"`
		User    rapport.User    `json:"user"`
	}
	e.must(a, 200, request{method: "GET", path: "/api/v1/me"}).json(t, &me)
	if me.Account.Name != "Acme" || me.User.Email != "maya@acme.example" || me.User.Role != rapport.RoleOwner {
		t.Fatalf("me = %+v", me)
	}
	// The same email cannot sign up twice, whatever its case.
	p := e.must(nil, 409, request{method: "POST", path: "/api/v1/signup", body: map[string]any{
		"display_name": "Other", "email": "MAYA@acme.example", "password": "another long password"}}).problem(t)
	if p.Code != "conflict" || p.Field != "email" {
		t.Fatalf("duplicate sign-up problem = %+v", p)
	}
	// Sign in again, then out: the old session stops working.
	r := e.must(nil, 200, request{method: "POST", path: "/api/v1/signin", body: map[string]any{"email": "maya@acme.example", "password": "a long password 1"}})
	b := e.sessionOf(r)
	e.must(b, 204, request{method: "POST", path: "/api/v1/signout"})
	e.must(b, 401, request{method: "GET", path: "/api/v1/me"})
	e.must(a, 200, request{method: "GET", path: "/api/v1/me"})
}

func TestSignInRefusesWrongPasswordAndUnknownEmailAlike(t *testing.T) {
	e := newEnv(t, "sqlite")
	e.signUp("Acme", "maya@acme.example")
	wrong := e.must(nil, 401, request{method: "POST", path: "/api/v1/signin", body: map[string]any{"email": "maya@acme.example", "password": "not the password"}}).problem(t)
	unknown := e.must(nil, 401, request{method: "POST", path: "/api/v1/signin", body: map[string]any{"email": "nobody@acme.example", "password": "not the password"}}).problem(t)
	if wrong.Detail != unknown.Detail || wrong.Code != unknown.Code {
		t.Fatalf("wrong password says %q, unknown email says %q: they must not differ", wrong.Detail, unknown.Detail)
	}
}

func TestSignInIsThrottledPerAddressAndPerAccount(t *testing.T) {
	e := newEnv(t, "sqlite")
	e.signUp("Acme", "maya@acme.example")
	bad := request{method: "POST", path: "/api/v1/signin", body: map[string]any{"email": "maya@acme.example", "password": "guess guess guess"}}
	good := request{method: "POST", path: "/api/v1/signin", body: map[string]any{"email": "maya@acme.example", "password": "a long password 1"}}
	for range 10 {
		e.must(nil, 401, bad)
	}
	// The eleventh try from this address is refused, even with the right
	// password, and says when to come back.
	r := e.must(nil, 429, good)
	if p := r.problem(t); p.Code != "throttled" || r.header.Get("Retry-After") == "" {
		t.Fatalf("throttled answer = %+v, Retry-After %q", p, r.header.Get("Retry-After"))
	}
	// The window passes: sign-in works again, and the failures are forgotten.
	e.advance(16 * 60 * 1e9)
	e.must(nil, 200, good)
	// Per account: failures from many addresses add up. The test server sees
	// one address, so the account's limit is checked through the store.
	for i := range 20 {
		if err := e.db.AddSigninFailure(t.Context(), []string{fmt.Sprintf("addr:192.0.2.%d", i), "account:1"}, e.now()); err != nil {
			t.Fatal(err)
		}
	}
	e.must(nil, 429, good)
}

func TestCSRFIsRequiredOnUnsafeCookieRequests(t *testing.T) {
	e := newEnv(t, "sqlite")
	a := e.signUp("Acme", "maya@acme.example")
	create := request{method: "POST", path: "/api/v1/contacts", body: map[string]any{"display_name": "Zofia"}}
	noToken := *a
	noToken.csrf = ""
	if p := e.must(&noToken, 403, create).problem(t); p.Code != "csrf" {
		t.Fatalf("without CSRF token: %+v", p)
	}
	wrong := *a
	wrong.csrf = "x" + a.csrf[1:]
	e.must(&wrong, 403, create)
	// Another site's page posting with the user's cookie is refused by its
	// origin, even before the token.
	cross := create
	cross.header = map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
	if p := e.must(a, 403, cross).problem(t); p.Code != "cross_origin" {
		t.Fatalf("cross-site request: %+v", p)
	}
	if n := e.countContacts(a.account); n != 0 {
		t.Fatalf("%d contacts written by refused requests", n)
	}
	e.must(a, 201, create)
	// GET needs no token; a bearer token needs none (no browser sends it by itself).
	e.must(&noToken, 200, request{method: "GET", path: "/api/v1/contacts"})
	tok := e.token(a, "write")
	e.must(tok, 201, create)
}

func TestTokenScopesAndRoles(t *testing.T) {
	e := newEnv(t, "sqlite")
	owner := e.signUp("Acme", "maya@acme.example")
	rd, wr := e.token(owner, "read"), e.token(owner, "write")
	create := request{method: "POST", path: "/api/v1/contacts", body: map[string]any{"display_name": "Zofia"}}
	e.must(rd, 200, request{method: "GET", path: "/api/v1/contacts"})
	if p := e.must(rd, 403, create).problem(t); p.Code != "forbidden" {
		t.Fatalf("read token writing: %+v", p)
	}
	// A read token cannot mint a write token.
	e.must(rd, 403, request{method: "POST", path: "/api/v1/tokens", body: map[string]any{"scope": "write"}})
	e.must(wr, 201, create)
	// Revoked: refused at once.
	var ts []rapport.APIToken
	e.must(owner, 200, request{method: "GET", path: "/api/v1/tokens"}).json(t, &ts)
	e.must(owner, 204, request{method: "DELETE", path: fmt.Sprintf("/api/v1/tokens/%d", ts[1].ID)})
	e.must(wr, 401, request{method: "GET", path: "/api/v1/contacts"})
	// A malformed or forged token is 401 with nothing to tell them apart.
	for _, tok := range []string{"nonsense", "rt_1_1_" + strings.Repeat("A", 43), "rt_999_1_" + strings.Repeat("A", 43)} {
		if p := e.must(&caller{token: tok}, 401, request{method: "GET", path: "/api/v1/contacts"}).problem(t); p.Detail != "invalid or expired credentials" {
			t.Fatalf("token %q: %+v", tok, p)
		}
	}

	// Roles: a viewer reads; even a write token of theirs does not write;
	// an editor writes but does not invite.
	var inv struct {
		Token string `json:"token"`
	}
	e.must(owner, 201, request{method: "POST", path: "/api/v1/invites", body: map[string]any{"role": "viewer"}}).json(t, &inv)
	viewer := e.sessionOf(e.must(nil, 201, request{method: "POST", path: "/api/v1/invites/accept", body: map[string]any{
		"token": inv.Token, "display_name": "Vic", "email": "vic@acme.example", "password": "vic's long password"}}))
	// Single use.
	e.must(nil, 409, request{method: "POST", path: "/api/v1/invites/accept", body: map[string]any{
		"token": inv.Token, "display_name": "Eve", "email": "eve@acme.example", "password": "eve's long password"}})
	e.must(viewer, 200, request{method: "GET", path: "/api/v1/contacts"})
	e.must(viewer, 403, create)
	e.must(e.token(viewer, "write"), 403, create)
	e.must(owner, 201, request{method: "POST", path: "/api/v1/invites", body: map[string]any{"role": "editor", "email": "ed@acme.example"}}).json(t, &inv)
	editor := e.sessionOf(e.must(nil, 201, request{method: "POST", path: "/api/v1/invites/accept", body: map[string]any{
		"token": inv.Token, "display_name": "Ed", "password": "ed's long password"}}))
	e.must(editor, 201, create)
	e.must(editor, 403, request{method: "POST", path: "/api/v1/invites", body: map[string]any{"role": "viewer"}})
}

func TestStaleVersionIsRefusedWith412AndNothingOverwritten(t *testing.T) {
	for _, engine := range sqltest.Engines {
		t.Run(engine, func(t *testing.T) {
			sqltest.Require(t, engine)
			e := newEnv(t, engine)
			a := e.token(e.signUp("Acme", "maya@acme.example"), "write")
			r := e.must(a, 201, request{method: "POST", path: "/api/v1/contacts", body: map[string]any{"display_name": "Zofia", "org": "Acme"}})
			if r.header.Get("ETag") != `"1"` {
				t.Fatalf("ETag of a new contact = %q", r.header.Get("ETag"))
			}
			path := r.header.Get("Location")
			patch := func(etag, org string) resp {
				rq := request{method: "PATCH", path: path, body: map[string]any{"org": org}}
				if etag != "" {
					rq.header = map[string]string{"If-Match": etag}
				}
				return e.do(a, rq)
			}
			if r := patch(`"1"`, "Globex"); r.status != 200 || r.header.Get("ETag") != `"2"` {
				t.Fatalf("first update = %d ETag %q\n%s", r.status, r.header.Get("ETag"), r.body)
			}
			r = patch(`"1"`, "Initech")
			if p := r.problem(t); r.status != 412 || p.Code != "stale_version" {
				t.Fatalf("stale update = %d %+v", r.status, p)
			}
			if r := patch("", "Initech"); r.status != 428 {
				t.Fatalf("update without If-Match = %d, want 428", r.status)
			}
			var ct rapport.Contact
			e.must(a, 200, request{method: "GET", path: path}).json(t, &ct)
			if ct.Org != "Globex" || ct.Version != 2 {
				t.Fatalf("after a stale update the contact is %q v%d, want Globex v2", ct.Org, ct.Version)
			}
			// Interactions too: an outcome set on an old version is refused.
			var li struct {
				ID int64 `json:"id"`
			}
			e.must(a, 201, request{method: "POST", path: "/api/v1/interactions", body: map[string]any{
				"contact_ids": []int64{ct.ID}, "channel": "call", "invitation": true, "at": "2026-11-21T10:00:00Z"}}).json(t, &li)
			ip := fmt.Sprintf("/api/v1/interactions/%d", li.ID)
			e.must(a, 200, request{method: "PATCH", path: ip, body: map[string]any{"outcome": "declined"}, header: map[string]string{"If-Match": `"1"`}})
			e.must(a, 412, request{method: "PATCH", path: ip, body: map[string]any{"outcome": "cancelled"}, header: map[string]string{"If-Match": `"1"`}})
		})
	}
}

func TestBadBodiesAreRefusedClearlyAndWriteNothing(t *testing.T) {
	e := newEnv(t, "sqlite")
	a := e.token(e.signUp("Acme", "maya@acme.example"), "write")
	for _, tc := range []struct {
		name   string
		body   string
		ctype  string
		status int
		code   string
		field  string
		detail string
	}{
		{"oversized", `{"display_name": "` + strings.Repeat("x", 2<<20) + `"}`, "", 413, "too_large", "", "too large"},
		{"malformed", "{\n  \"display_name\": \"Zofia\",\n  oops\n}", "", 400, "invalid", "", "line 3"},
		{"unknown field", `{"display_name": "Zofia", "nickname": "Zo"}`, "", 400, "invalid", "nickname", "nickname: unknown field"},
		{"wrong type", `{"display_name": 12}`, "", 400, "invalid", "display_name", "display_name"},
		{"two values", `{"display_name": "Zofia"} {}`, "", 400, "invalid", "", "more than one"},
		{"empty", ``, "", 400, "invalid", "", "empty"},
		{"not JSON", `display_name=Zofia`, "application/x-www-form-urlencoded", 415, "unsupported_media", "", "application/json"},
		{"invalid value", `{"display_name": "Zofia", "kind": "enemy"}`, "", 400, "invalid", "kind", "enemy"},
		{"store-kept field", `{"display_name": "Zofia", "version": 7}`, "", 400, "invalid", "version", "unknown field"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rq := request{method: "POST", path: "/api/v1/contacts", body: tc.body}
			if tc.ctype != "" {
				rq.header = map[string]string{"Content-Type": tc.ctype}
			}
			r := e.must(a, tc.status, rq)
			p := r.problem(t)
			if p.Code != tc.code || p.Field != tc.field || !strings.Contains(p.Detail, tc.detail) {
				t.Fatalf("problem = %+v; want code %q field %q detail containing %q", p, tc.code, tc.field, tc.detail)
			}
			if n := e.countContacts(1); n != 0 {
				t.Fatalf("%d contacts written by a refused request", n)
			}
		})
	}
}

func TestProblemsForUnknownRoutesAndMethods(t *testing.T) {
	e := newEnv(t, "sqlite")
	if p := e.must(nil, 404, request{method: "GET", path: "/api/v1/nothing"}).problem(t); p.Code != "not_found" {
		t.Fatalf("unknown route: %+v", p)
	}
	r := e.must(nil, 405, request{method: "PUT", path: "/api/v1/contacts"})
	if p := r.problem(t); p.Code != "method_not_allowed" || !strings.Contains(r.header.Get("Allow"), "GET") {
		t.Fatalf("wrong method: %+v, Allow %q", p, r.header.Get("Allow"))
	}
	if p := e.must(nil, 401, request{method: "GET", path: "/api/v1/contacts"}).problem(t); p.Code != "unauthorized" {
		t.Fatalf("anonymous: %+v", p)
	}
}

func TestHealthReadinessAndMetrics(t *testing.T) {
	e := newEnv(t, "sqlite")
	e.must(nil, 200, request{method: "GET", path: "/healthz"})
	e.must(nil, 200, request{method: "GET", path: "/readyz"})
	e.must(nil, 401, request{method: "GET", path: "/api/v1/contacts"})
	m := e.must(nil, 200, request{method: "GET", path: "/metrics"})
	if !strings.Contains(string(m.body), `rapport_http_requests_total{route="GET /api/v1/contacts",status="401"} 1`) {
		t.Fatalf("metrics do not count the request:\n%s", m.body)
	}
}

func TestErrorsSpeakTheCallersLanguage(t *testing.T) {
	e := newEnv(t, "sqlite")
	a := e.token(e.signUp("Acme", "maya@acme.example"), "write")
	r := e.must(a, 404, request{method: "GET", path: "/api/v1/contacts/99/status", header: map[string]string{"Accept-Language": "pl-PL,pl;q=0.9"}})
	en := e.must(a, 404, request{method: "GET", path: "/api/v1/contacts/99/status"})
	if r.problem(t).Detail == en.problem(t).Detail {
		t.Fatalf("the Polish problem detail is the English one: %q", r.problem(t).Detail)
	}
}

func TestARecordWithoutItsContactIsTheRequestsMistake(t *testing.T) {
	e := newEnv(t, "sqlite")
	a := e.token(e.signUp("Acme", "maya@acme.example"), "write")
	for _, rq := range []request{
		{method: "POST", path: "/api/v1/promises", body: map[string]any{"by": "me", "what": "the deck"}},
		{method: "POST", path: "/api/v1/favors", body: map[string]any{"dir": "given"}},
		{method: "POST", path: "/api/v1/interactions", body: map[string]any{"contact_ids": []int64{0}, "channel": "call"}},
	} {
		p := e.must(a, 400, rq).problem(t)
		if p.Code != "invalid" || (p.Field != "contact_id" && p.Field != "contact_ids") {
			t.Errorf("%s %s without a contact: %+v", rq.method, rq.path, p)
		}
	}
}
