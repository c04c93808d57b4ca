package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"rapport/sqlstore/sqltest"
)

// marker is in every text of account A, so that a leak shows in any answer.
const marker = "ALPHA-SECRET"

// TestOneAccountNeverSeesOrChangesAnothers walks every route of the API as
// account B, with a token and with a cookie, aimed at account A's
// resources, and checks that B gets nothing of A's (not found, the same
// answer as for an id that exists nowhere) and that A's data is unchanged.
func TestOneAccountNeverSeesOrChangesAnothers(t *testing.T) {
	for _, engine := range sqltest.Engines {
		t.Run(engine, func(t *testing.T) {
			sqltest.Require(t, engine)
			e := newEnv(t, engine)
			aSession := e.signUp(marker+" Corp", "alpha@a.example")
			a := e.token(aSession, "write")
			ids := seedAccount(t, e, a, marker)
			bSession := e.signUp("Beta", "beta@b.example")
			bToken := e.token(bSession, "write")
			seedAccount(t, e, bToken, "beta")
			// A's contact has the email of the vCard B uploads: the
			// import must create B's own contact, not find A's.
			e.must(a, 200, request{method: "PATCH", path: contactPath(ids.only), header: map[string]string{"If-Match": "*"},
				body: map[string]any{"emails": []map[string]string{{"value": sharedEmail}}}})
			// B has one contact; A has three: A's contact 3 exists only in A.
			before := snapshot(t, e, a, ids)

			// Public routes name no resource of an account; sign-out ends
			// only the caller's own session (and would end B's here).
			skip := map[string]bool{"/api/v1/signup": true, "/api/v1/signin": true, "/api/v1/invites/accept": true, "/api/v1/signout": true}
			for _, rt := range e.srv.Routes() {
				if skip[rt.Pattern] {
					continue
				}
				for _, b := range []*caller{bToken, bSession} {
					for _, target := range []int64{ids.only, 999} {
						rq, aimed, id := aimAt(t, rt.Method, rt.Pattern, target, ids)
						r := e.do(b, rq)
						if strings.Contains(string(r.body), marker) {
							t.Errorf("%s %s as B leaks A's data: %s", rt.Method, rq.path, r.body)
						}
						if aimed && r.status < 400 {
							t.Errorf("%s %s as B = %d, want 404: B reached A's resource\n%s", rt.Method, rq.path, r.status, r.body)
						}
						if aimed && target == ids.only {
							// Same answer as for an id that exists nowhere:
							// nothing tells B that A's exists.
							rq2, _, _ := aimAt(t, rt.Method, rt.Pattern, 999, ids)
							r2 := e.do(b, rq2)
							if r.status != r2.status || normalize(r.body, id) != normalize(r2.body, 999) {
								t.Errorf("%s %s: A's id answers %d %s, a missing id %d %s", rt.Method, rt.Pattern, r.status, r.body, r2.status, r2.body)
							}
						}
					}
				}
			}
			after := snapshot(t, e, a, ids)
			if before != after {
				t.Fatalf("A's data changed while B called every route:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// sharedEmail is the email of one of A's contacts, and of the vCard B uploads.
const sharedEmail = "shared@both.example"

// seeded are the last ids of each kind in an account: for A, ids that B
// does not have (A has twenty contacts and tokens and three of the rest;
// B one of each).
type seeded struct {
	only, interaction, promise, token int64
}

// seedAccount gives an account contacts (three when name is the marker, one
// otherwise) and one of each record, all named with name.
func seedAccount(t *testing.T, e *env, c *caller, name string) seeded {
	t.Helper()
	n := 1
	if name == marker {
		n = 3
	}
	var s seeded
	for i := range n {
		s.only = e.contact(c, fmt.Sprintf("%s contact %d", name, i+1))
		var out struct {
			ID int64 `json:"id"`
		}
		e.must(c, 201, request{method: "POST", path: "/api/v1/interactions", body: map[string]any{
			"contact_ids": []int64{s.only}, "channel": "call", "note": name + " call", "at": "2026-11-19T10:00:00Z"}}).json(t, &out)
		s.interaction = out.ID
		e.must(c, 201, request{method: "POST", path: "/api/v1/promises", body: map[string]any{
			"contact_id": s.only, "by": "them", "what": name + " deck"}}).json(t, &out)
		s.promise = out.ID
		e.must(c, 201, request{method: "POST", path: "/api/v1/favors", body: map[string]any{
			"contact_id": s.only, "dir": "received", "kind": "referral", "about": name + " tender"}})
		e.must(c, 201, request{method: "POST", path: fmt.Sprintf("/api/v1/contacts/%d/notes", s.only), body: map[string]any{"body": name + " note"}})
		e.must(c, 201, request{method: "POST", path: fmt.Sprintf("/api/v1/contacts/%d/trust", s.only), body: map[string]any{"kind": "breach", "note": name + " breach"}})
		var tok struct {
			Info struct {
				ID int64 `json:"id"`
			} `json:"info"`
		}
		e.must(c, 201, request{method: "POST", path: "/api/v1/tokens", body: map[string]any{"scope": "read", "name": name + " token"}}).json(t, &tok)
		s.token = tok.Info.ID
	}
	// B creates contacts and tokens as the test walks the routes: A's last
	// ones stay beyond what B can reach.
	for name == marker && s.only < 20 {
		s.only = e.contact(c, fmt.Sprintf("%s contact %d", name, s.only+1))
		var tok struct {
			Info struct {
				ID int64 `json:"id"`
			} `json:"info"`
		}
		e.must(c, 201, request{method: "POST", path: "/api/v1/tokens", body: map[string]any{"scope": "read", "name": name + " token"}}).json(t, &tok)
		s.token = tok.Info.ID
	}
	return s
}

// aimAt builds a request for a route aimed at target (an id of A's) in its
// path or body; aimed says whether the request names a resource by id, and
// id which.
func aimAt(t *testing.T, method, pattern string, target int64, ids seeded) (rq request, aimed bool, id int64) {
	t.Helper()
	path := strings.ReplaceAll(pattern, "{id}", fmt.Sprint(target))
	aimed, id = strings.Contains(pattern, "{id}"), target
	body := map[string]map[string]any{
		"POST /api/v1/signout":                        nil,
		"POST /api/v1/invites":                        {"role": "viewer"},
		"POST /api/v1/tokens":                         {"scope": "read"},
		"POST /api/v1/feed":                           {"name": "feed"},
		"POST /api/v1/contacts":                       {"display_name": "B's new contact"},
		"PATCH /api/v1/contacts/{id}":                 {"org": "B was here"},
		"POST /api/v1/contacts/{id}/restore":          nil,
		"POST /api/v1/contacts/{id}/notes":            {"body": "B's note"},
		"POST /api/v1/contacts/{id}/efforts":          {"goal": "B's goal"},
		"POST /api/v1/contacts/{id}/trust":            {"kind": "breach"},
		"POST /api/v1/contacts/{id}/thank":            nil,
		"POST /api/v1/contacts/{id}/ask-check":        {"kind": "intro"},
		"POST /api/v1/contacts/{id}/drafts/reconnect": {"why_now": "why", "offer": "help"},
		"POST /api/v1/contacts/{id}/drafts/opener":    {"situation": "how_we_work"},
		"POST /api/v1/interactions":                   {"contact_ids": []int64{target}, "channel": "call"},
		"PATCH /api/v1/interactions/{id}":             {"outcome": "declined"},
		"POST /api/v1/promises":                       {"contact_id": target, "by": "me", "what": "B's promise"},
		"POST /api/v1/promises/{id}/keep":             nil,
		"POST /api/v1/promises/{id}/break":            nil,
		"POST /api/v1/favors":                         {"contact_id": target, "dir": "given"},
		"PUT /api/v1/settings":                        nil, // filled below
		"DELETE /api/v1/contacts/{id}":                nil,
		"DELETE /api/v1/tokens/{id}":                  nil,
		"GET /api/v1/contacts/{id}/timeline":          nil,
		"GET /api/v1/contacts/{id}":                   nil,
		"GET /api/v1/contacts/resolve":                nil, // aimed by ?ref= below
		"GET /api/v1/contacts/{id}/notes":             nil,
		"GET /api/v1/contacts/{id}/status":            nil,
		"GET /api/v1/interactions/{id}":               nil,
		"GET /api/v1/promises/{id}":                   nil,
		"GET /api/v1/me":                              nil,
		"GET /api/v1/users":                           nil,
		"GET /api/v1/tokens":                          nil,
		"GET /api/v1/contacts":                        nil,
		"GET /api/v1/efforts":                         nil,
		"GET /api/v1/promises":                        nil,
		"GET /api/v1/trust-events":                    nil,
		"GET /api/v1/favors":                          nil,
		"GET /api/v1/today":                           nil,
		"GET /api/v1/review":                          nil,
		"GET /api/v1/settings":                        nil,
		"POST /api/v1/import/{format}":                nil, // a vCard, below
	}
	key := method + " " + pattern
	b, known := body[key]
	if !known {
		t.Fatalf("route %s is not in the isolation test: add how to aim it at another account", key)
	}
	rq = request{method: method, path: path}
	switch {
	case key == "PUT /api/v1/settings":
		rq.body = map[string]any{"cadence_inner_days": 7, "cadence_core_days": 30, "cadence_wider_days": 90,
			"dormant_days": 365, "max_attempts": 3, "no_response_days": 7, "network_min_conversations": 3,
			"network_min_known_days": 90, "repeat_ask_days": 30, "reciprocity_deficit": -3, "birthday_window_days": 7}
	case key == "POST /api/v1/import/{format}":
		rq.path = "/api/v1/import/vcard"
		rq.body = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:B's upload\r\nEMAIL:" + strings.ToUpper(sharedEmail) + "\r\nEND:VCARD\r\n"
		rq.header = map[string]string{"Content-Type": "text/vcard"}
	case b != nil:
		rq.body = b
		if _, ok := b["contact_id"]; ok {
			aimed = true
		}
		if _, ok := b["contact_ids"]; ok {
			aimed = true
		}
	case method != "GET" && method != "DELETE":
		rq.body = map[string]any{}
	}
	// Lists filtered by one of A's contacts must come back empty, not A's.
	if method == "GET" && !aimed && (pattern == "/api/v1/promises" || pattern == "/api/v1/favors" ||
		pattern == "/api/v1/efforts" || pattern == "/api/v1/trust-events") {
		rq.path += fmt.Sprintf("?contact_id=%d", target)
	}
	if pattern == "/api/v1/contacts/resolve" {
		rq.path += fmt.Sprintf("?ref=%d", target)
		aimed = true
	}
	// A has three of everything, B one: A's third exists only in A.
	if target != 999 {
		for prefix, last := range map[string]int64{"/api/v1/tokens/": ids.token, "/api/v1/interactions/": ids.interaction, "/api/v1/promises/": ids.promise} {
			if strings.HasPrefix(pattern, prefix+"{id}") {
				rq.path, id = strings.ReplaceAll(pattern, "{id}", fmt.Sprint(last)), last
			}
		}
	}
	return rq, aimed, id
}

// normalize removes the id from an answer, so that answers about two
// missing ids compare equal.
func normalize(body []byte, id int64) string {
	return strings.ReplaceAll(string(body), fmt.Sprint(id), "ID")
}

// snapshot is everything of A's that the API shows, as one string.
func snapshot(t *testing.T, e *env, a *caller, ids seeded) string {
	t.Helper()
	var b strings.Builder
	for _, p := range []string{"/api/v1/contacts?limit=500", "/api/v1/contacts?trash=true", "/api/v1/promises", "/api/v1/favors",
		"/api/v1/efforts", "/api/v1/trust-events", "/api/v1/settings", "/api/v1/tokens", "/api/v1/users",
		fmt.Sprintf("/api/v1/contacts/%d/timeline", ids.only), fmt.Sprintf("/api/v1/contacts/%d/notes", ids.only)} {
		r := e.must(a, 200, request{method: "GET", path: p})
		var v any
		if err := json.Unmarshal(r.body, &v); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %s\n", p, r.body)
	}
	return b.String()
}
