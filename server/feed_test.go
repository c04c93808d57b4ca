package server_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/emersion/go-ical"

	"rapport/sqlstore/sqltest"
)

// TestCalendarFeed checks the feed: a URL shown once that serves
// text/calendar with the user's dated items (stable UIDs, all-day dates,
// summaries in the user's language), that works as no API token and takes
// none, and that stops when revoked.
func TestCalendarFeed(t *testing.T) {
	for _, engine := range sqltest.Engines {
		t.Run(engine, func(t *testing.T) {
			sqltest.Require(t, engine)
			e := newEnv(t, engine)
			owner := e.signUp("Alpha", "alpha@a.example")
			w := e.token(owner, "write")
			id := e.contact(w, "Zofia Nowak")
			e.must(w, 201, request{method: "POST", path: "/api/v1/promises", body: map[string]any{
				"contact_id": id, "by": "me", "what": "send the deck", "due": "2026-11-20T12:00:00Z"}})
			e.must(w, 201, request{method: "POST", path: "/api/v1/promises", body: map[string]any{
				"contact_id": id, "by": "them", "what": "the signed offer", "due": "2026-12-10T12:00:00Z"}})
			e.must(w, 200, request{method: "PATCH", path: contactPath(id), body: map[string]any{"birthday": "--12-01"},
				header: map[string]string{"If-Match": `"1"`, "Content-Type": "application/json"}})
			other := e.signUp("Beta", "beta@b.example")
			e.contact(e.token(other, "write"), "Secret Beta Person")

			var f struct {
				URL   string `json:"url"`
				Path  string `json:"path"`
				Token string `json:"token"`
				Info  struct {
					ID    int64  `json:"id"`
					Scope string `json:"scope"`
				} `json:"info"`
			}
			e.must(w, 201, request{method: "POST", path: "/api/v1/feed", body: map[string]any{}}).json(t, &f)
			if !strings.HasPrefix(f.Token, "rf_") || f.Info.Scope != "feed" || f.URL != e.http.URL+f.Path {
				t.Fatalf("feed = %+v", f)
			}
			res := e.do(nil, request{method: "GET", path: f.Path, header: map[string]string{"Accept-Language": "pl"}})
			if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "text/calendar") {
				t.Fatalf("GET feed = %d %q\n%s", res.status, res.header.Get("Content-Type"), res.body)
			}
			cal, err := ical.NewDecoder(bytes.NewReader(res.body)).Decode()
			if err != nil {
				t.Fatalf("not iCalendar: %v\n%s", err, res.body)
			}
			events := cal.Events()
			if len(events) != 3 || strings.Contains(string(res.body), "Beta") {
				t.Fatalf("%d events, want 3 (a promise due, one upcoming, a birthday):\n%s", len(events), res.body)
			}
			uids := map[string]bool{}
			for _, ev := range events {
				uid, _ := ev.Props.Text(ical.PropUID)
				uids[uid] = true
				start := ev.Props.Get(ical.PropDateTimeStart)
				if start == nil || start.ValueType() != ical.ValueDate || ev.Props.Get(ical.PropDateTimeStamp) == nil {
					t.Fatalf("event %s: DTSTART %v is not all-day, or no DTSTAMP", uid, start)
				}
			}
			if !strings.Contains(string(res.body), "Zofia Nowak") || !strings.Contains(string(res.body), "DTSTART;VALUE=DATE:20261120") {
				t.Fatalf("feed:\n%s", res.body)
			}
			// The same UIDs on the next read.
			again := e.do(nil, request{method: "GET", path: f.Path})
			c2, _ := ical.NewDecoder(bytes.NewReader(again.body)).Decode()
			for _, ev := range c2.Events() {
				if uid, _ := ev.Props.Text(ical.PropUID); !uids[uid] {
					t.Fatalf("UID %s is new on the second read", uid)
				}
			}

			// The feed's credential is no API token, and an API token is no feed.
			if res := e.do(&caller{token: f.Token}, request{method: "GET", path: "/api/v1/contacts"}); res.status != http.StatusUnauthorized {
				t.Fatalf("feed credential as a token = %d", res.status)
			}
			if res := e.do(nil, request{method: "GET", path: "/feed/" + w.token + ".ics"}); res.status != http.StatusNotFound {
				t.Fatalf("API token as a feed = %d", res.status)
			}
			if res := e.davDo("alpha@a.example", f.Token, "PROPFIND", "/dav/", "", nil); res.status != http.StatusUnauthorized {
				t.Fatalf("feed credential over CardDAV = %d", res.status)
			}
			if res := e.do(w, request{method: "POST", path: "/api/v1/tokens", body: map[string]any{"scope": "feed"}}); res.status != http.StatusBadRequest {
				t.Fatalf("POST /tokens scope feed = %d", res.status)
			}

			// Revoked like any token.
			e.must(w, 204, request{method: "DELETE", path: fmt.Sprintf("/api/v1/tokens/%d", f.Info.ID)})
			if res := e.do(nil, request{method: "GET", path: f.Path}); res.status != http.StatusNotFound {
				t.Fatalf("revoked feed = %d", res.status)
			}
		})
	}
}
