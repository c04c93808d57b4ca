package server_test

import (
	"net/http"
	"strings"
	"testing"

	"rapport/i18n"
)

// TestProblemsSpeakTheCallersLanguage sends requests that fail in
// representative ways, in English, Polish and Arabic (Accept-Language), and
// checks that only the detail changes: the status, title, code and field are
// the same in all three, the details differ from one another, the English
// is the error's own English, and each names the field or value at fault
// verbatim (isolated in Arabic).
func TestProblemsSpeakTheCallersLanguage(t *testing.T) {
	body := func(s string) request { return request{method: "POST", path: "/api/v1/contacts", body: s} }
	for _, tc := range []struct {
		name        string
		status      int
		code, field string
		en          string   // the English detail, when pinned
		names       []string // what every detail names verbatim
		// prepare readies the server and returns who sends which request.
		prepare func(e *env) (*caller, request)
	}{
		{
			name: "wrong password", status: 401, code: "unauthorized",
			en: "wrong email or password",
			prepare: func(e *env) (*caller, request) {
				e.signUp("Acme", "maya@acme.example")
				return nil, request{method: "POST", path: "/api/v1/signin", body: map[string]any{"email": "maya@acme.example", "password": "not the password"}}
			},
		},
		{
			name: "throttled sign-in", status: 429, code: "throttled",
			en: "too many failed sign-ins: wait a few minutes and try again",
			prepare: func(e *env) (*caller, request) {
				e.signUp("Acme", "maya@acme.example")
				bad := request{method: "POST", path: "/api/v1/signin", body: map[string]any{"email": "maya@acme.example", "password": "guess guess guess"}}
				for range 10 {
					e.must(nil, 401, bad)
				}
				return nil, bad
			},
		},
		{
			name: "password too short", status: 400, code: "invalid", field: "password",
			en:    "password: must be at least 10 characters",
			names: []string{"password"},
			prepare: func(e *env) (*caller, request) {
				return nil, request{method: "POST", path: "/api/v1/signup", body: map[string]any{"display_name": "Maya", "email": "maya@acme.example", "password": "sesame"}}
			},
		},
		{
			name: "no CSRF token", status: 403, code: "csrf",
			en:    "missing or wrong CSRF token: send the csrf_token of your session in X-CSRF-Token",
			names: []string{"X-CSRF-Token"},
			prepare: func(e *env) (*caller, request) {
				a := *e.signUp("Acme", "maya@acme.example")
				a.csrf = ""
				return &a, body(`{"display_name": "Zofia"}`)
			},
		},
		{
			name: "read token writing", status: 403, code: "forbidden",
			en: "this token may only read: create a token with scope write",
			prepare: func(e *env) (*caller, request) {
				return e.token(e.signUp("Acme", "maya@acme.example"), "read"), body(`{"display_name": "Zofia"}`)
			},
		},
		{
			name: "body too large", status: 413, code: "too_large",
			en: "request body too large: at most 1,048,576 bytes",
			prepare: func(e *env) (*caller, request) {
				return e.token(e.signUp("Acme", "maya@acme.example"), "write"), body(`{"display_name": "` + strings.Repeat("x", 2<<20) + `"}`)
			},
		},
		{
			name: "not JSON", status: 415, code: "unsupported_media",
			en:    `Content-Type: invalid value "text/plain": send application/json`,
			names: []string{"Content-Type", "text/plain"},
			prepare: func(e *env) (*caller, request) {
				rq := body(`display_name=Zofia`)
				rq.header = map[string]string{"Content-Type": "text/plain"}
				return e.token(e.signUp("Acme", "maya@acme.example"), "write"), rq
			},
		},
		{
			name: "unknown field", status: 400, code: "invalid", field: "nickname",
			en:    "nickname: unknown field",
			names: []string{"nickname"},
			prepare: func(e *env) (*caller, request) {
				return e.token(e.signUp("Acme", "maya@acme.example"), "write"), body(`{"display_name": "Zofia", "nickname": "Zo"}`)
			},
		},
		{
			name: "malformed JSON", status: 400, code: "invalid",
			names: []string{"3", "invalid character 'o' looking for beginning of object key string"},
			prepare: func(e *env) (*caller, request) {
				return e.token(e.signUp("Acme", "maya@acme.example"), "write"), body("{\n  \"display_name\": \"Zofia\",\n  oops\n}")
			},
		},
		{
			name: "no If-Match", status: 428, code: "version_required",
			en:    "send the version you read in If-Match (the ETag of the resource)",
			names: []string{"If-Match"},
			prepare: func(e *env) (*caller, request) {
				a := e.token(e.signUp("Acme", "maya@acme.example"), "write")
				id := e.contact(a, "Zofia")
				return a, request{method: "PATCH", path: contactPath(id), body: map[string]any{"org": "Globex"}}
			},
		},
		{
			name: "stale version", status: 412, code: "stale_version",
			en: "contact 1 was changed since you read it (version 2, you had 1): read it again and redo your change",
			prepare: func(e *env) (*caller, request) {
				a := e.token(e.signUp("Acme", "maya@acme.example"), "write")
				id := e.contact(a, "Zofia")
				e.must(a, 200, request{method: "PATCH", path: contactPath(id), body: map[string]any{"org": "Globex"}, header: map[string]string{"If-Match": `"1"`}})
				return a, request{method: "PATCH", path: contactPath(id), body: map[string]any{"org": "Initech"}, header: map[string]string{"If-Match": `"1"`}}
			},
		},
		{
			name: "unknown contact", status: 404, code: "not_found",
			en:    "contact 99 not found",
			names: []string{"99"},
			prepare: func(e *env) (*caller, request) {
				return e.token(e.signUp("Acme", "maya@acme.example"), "read"), request{method: "GET", path: "/api/v1/contacts/99"}
			},
		},
		{
			name: "an id that is not one", status: 404, code: "not_found",
			en:    "interaction abc not found",
			names: []string{"abc"},
			prepare: func(e *env) (*caller, request) {
				return e.token(e.signUp("Acme", "maya@acme.example"), "read"), request{method: "GET", path: "/api/v1/interactions/abc"}
			},
		},
		{
			name: "no such route", status: 404, code: "not_found",
			en:    "no such route: GET /api/v1/nothing",
			names: []string{"GET", "/api/v1/nothing"},
			prepare: func(e *env) (*caller, request) {
				return nil, request{method: "GET", path: "/api/v1/nothing"}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, "sqlite")
			who, rq := tc.prepare(e)
			details := map[string]string{}
			for _, lang := range []string{"en", "pl", "ar"} {
				r := rq
				r.header = map[string]string{"Accept-Language": lang}
				for k, v := range rq.header {
					r.header[k] = v
				}
				p := e.must(who, tc.status, r).problem(t)
				if p.Code != tc.code || p.Field != tc.field || p.Status != tc.status || p.Title != http.StatusText(tc.status) || p.Type != "about:blank" {
					t.Errorf("%s: problem %+v; want code %q field %q, the status's title", lang, p, tc.code, tc.field)
				}
				for _, name := range tc.names {
					want := name
					if lang == "ar" {
						want = i18n.Isolate(name)
					}
					if !strings.Contains(p.Detail, want) {
						t.Errorf("%s: detail %q does not name %q", lang, p.Detail, want)
					}
				}
				for other, d := range details {
					if d == p.Detail {
						t.Errorf("%s: detail %q is the same as in %s", lang, p.Detail, other)
					}
				}
				details[lang] = p.Detail
			}
			if tc.en != "" && details["en"] != tc.en {
				t.Errorf("en: detail %q, want %q", details["en"], tc.en)
			}
			if testing.Verbose() {
				for _, lang := range []string{"en", "pl", "ar"} {
					t.Logf("%s: %s", lang, details[lang])
				}
			}
		})
	}
}

// TestSignInRefusalIsTheSameForAnyEmailInEveryLanguage: whether the email
// exists or not, a failed sign-in says the same words, in each language.
func TestSignInRefusalIsTheSameForAnyEmailInEveryLanguage(t *testing.T) {
	e := newEnv(t, "sqlite")
	e.signUp("Acme", "maya@acme.example")
	for _, lang := range []string{"en", "pl", "ar"} {
		say := func(email string) string {
			return e.must(nil, 401, request{method: "POST", path: "/api/v1/signin?lang=" + lang,
				body: map[string]any{"email": email, "password": "not the password"}}).problem(t).Detail
		}
		wrong, unknown := say("maya@acme.example"), say("nobody@acme.example")
		if wrong != unknown || strings.Contains(unknown, "nobody") {
			t.Errorf("%s: a wrong password says %q, an unknown email %q", lang, wrong, unknown)
		}
	}
}
