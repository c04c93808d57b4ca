package server_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"rapport"
	"rapport/sqlstore/sqltest"
)

// davDo sends a CardDAV request with HTTP Basic credentials.
func (e *env) davDo(email, token, method, path, body string, header map[string]string) resp {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.http.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if email != "" || token != "" {
		req.SetBasicAuth(email, token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	cl := *e.http.Client()
	cl.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := cl.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return resp{status: res.StatusCode, header: res.Header, body: data}
}

func davCard(uid, fn string) string {
	return "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:" + uid + "\r\nFN:" + fn + "\r\nN:;" + fn + ";;;\r\nEMAIL;TYPE=work:" +
		strings.ToLower(strings.ReplaceAll(fn, " ", ".")) + "@example.org\r\nEND:VCARD\r\n"
}

// TestCardDAVKeepsTheVersionRules checks the address book under the API's
// rules: Basic auth with an email and a token, ETags that are versions, a
// stale or blind write refused with nothing changed, read tokens that only
// read, deletes to the trash, and one account's cards out of another's reach.
func TestCardDAVKeepsTheVersionRules(t *testing.T) {
	for _, engine := range sqltest.Engines {
		t.Run(engine, func(t *testing.T) {
			sqltest.Require(t, engine)
			e := newEnv(t, engine)
			owner := e.signUp("Alpha", "alpha@a.example")
			w := e.token(owner, "write")
			r := e.token(owner, "read")
			id := e.contact(w, "Zofia Nowak")
			book := fmt.Sprintf("/dav/%d-1/contacts/default/", owner.account)
			card := fmt.Sprintf("%s%d.vcf", book, id)
			const email = "alpha@a.example"

			// Discovery.
			if res := e.davDo("", "", "PROPFIND", "/.well-known/carddav", "", nil); res.status != http.StatusMovedPermanently || res.header.Get("Location") != "/dav/" {
				t.Fatalf("well-known = %d %q", res.status, res.header.Get("Location"))
			}
			if res := e.davDo("", "", "PROPFIND", "/dav/", "", nil); res.status != http.StatusUnauthorized || res.header.Get("WWW-Authenticate") == "" {
				t.Fatalf("no credentials = %d", res.status)
			}
			for _, bad := range [][2]string{{email, "rt_1_1_" + strings.Repeat("x", 43)}, {"beta@b.example", w.token}, {email, "a long password 1"}} {
				if res := e.davDo(bad[0], bad[1], "PROPFIND", "/dav/", "", map[string]string{"Depth": "0"}); res.status != http.StatusUnauthorized {
					t.Fatalf("credentials %q = %d, want 401", bad, res.status)
				}
			}
			res := e.davDo(email, r.token, "PROPFIND", "/dav/", "", map[string]string{"Depth": "0"})
			if res.status != http.StatusMultiStatus || !strings.Contains(string(res.body), fmt.Sprintf("/dav/%d-1/", owner.account)) {
				t.Fatalf("PROPFIND /dav/ = %d\n%s", res.status, res.body)
			}
			res = e.davDo(email, r.token, "PROPFIND", book, "", map[string]string{"Depth": "1"})
			if res.status != http.StatusMultiStatus || !strings.Contains(string(res.body), card) || !strings.Contains(string(res.body), `&#34;1&#34;`) {
				t.Fatalf("PROPFIND book = %d\n%s", res.status, res.body)
			}

			// GET: vCard with the version as ETag, UID rapport-contact-ID.
			res = e.davDo(email, r.token, "GET", card, "", nil)
			if res.status != 200 || res.header.Get("ETag") != `"1"` || !strings.Contains(string(res.body), fmt.Sprintf("UID:rapport-contact-%d", id)) {
				t.Fatalf("GET = %d %q\n%s", res.status, res.header.Get("ETag"), res.body)
			}
			vcf := "Content-Type"
			put := func(tok, path, body string, h map[string]string) resp {
				hh := map[string]string{vcf: "text/vcard"}
				for k, v := range h {
					hh[k] = v
				}
				return e.davDo(email, tok, "PUT", path, body, hh)
			}
			edited := strings.Replace(string(res.body), "FN:Zofia Nowak", "FN:Zofia Nowak-Kowalska", 1)

			// A read token never writes.
			if res := put(r.token, card, edited, map[string]string{"If-Match": `"1"`}); res.status != http.StatusForbidden {
				t.Fatalf("PUT with a read token = %d", res.status)
			}
			// A blind write (no If-Match) on an existing card, and a create
			// (If-None-Match: *) over it, fail their precondition.
			if res := put(w.token, card, edited, nil); res.status != http.StatusPreconditionFailed {
				t.Fatalf("PUT without If-Match = %d\n%s", res.status, res.body)
			}
			if res := put(w.token, card, edited, map[string]string{"If-None-Match": "*"}); res.status != http.StatusPreconditionFailed {
				t.Fatalf("PUT If-None-Match: * = %d", res.status)
			}
			// The current version writes and bumps the version.
			res = put(w.token, card, edited, map[string]string{"If-Match": `"1"`})
			if res.status != http.StatusCreated || res.header.Get("ETag") != `"2"` {
				t.Fatalf("PUT If-Match 1 = %d %q\n%s", res.status, res.header.Get("ETag"), res.body)
			}
			c, err := e.db.Contact(t.Context(), owner.account, id)
			if err != nil || c.DisplayName != "Zofia Nowak-Kowalska" || c.Version != 2 || c.Kind != rapport.KindClient {
				t.Fatalf("after PUT: %+v %v", c, err)
			}
			// A stale If-Match changes nothing.
			stale := strings.Replace(edited, "FN:Zofia Nowak-Kowalska", "FN:Lost Update", 1)
			if res := put(w.token, card, stale, map[string]string{"If-Match": `"1"`}); res.status != http.StatusPreconditionFailed {
				t.Fatalf("PUT stale = %d", res.status)
			}
			if c, _ := e.db.Contact(t.Context(), owner.account, id); c.DisplayName != "Zofia Nowak-Kowalska" || c.Version != 2 {
				t.Fatalf("a stale PUT changed the contact: %+v", c)
			}

			// A client's new card keeps its name and UID; its NOTE becomes a note.
			newCard := book + "client-made.vcf"
			body := strings.Replace(davCard("client-uid-1", "Jan Kowalski"), "END:VCARD", "NOTE:met at the fair\r\nEND:VCARD", 1)
			res = put(w.token, newCard, body, map[string]string{"If-None-Match": "*"})
			if res.status != http.StatusCreated || res.header.Get("ETag") != `"1"` {
				t.Fatalf("PUT new = %d\n%s", res.status, res.body)
			}
			res = e.davDo(email, r.token, "GET", newCard, "", nil)
			if res.status != 200 || !strings.Contains(string(res.body), "UID:client-uid-1") || !strings.Contains(string(res.body), "FN:Jan Kowalski") {
				t.Fatalf("GET new = %d\n%s", res.status, res.body)
			}
			if res := put(w.token, book+"other.vcf", davCard("client-uid-1", "Jan Again"), map[string]string{"If-None-Match": "*"}); res.status != http.StatusConflict {
				t.Fatalf("PUT a taken UID = %d", res.status)
			}
			if e.countContacts(owner.account) != 2 {
				t.Fatalf("contacts = %d, want 2", e.countContacts(owner.account))
			}

			// Another account sees none of it, even at the same paths.
			beta := e.signUp("Beta", "beta@b.example")
			bw := e.token(beta, "write")
			for _, p := range []string{card, newCard, book} {
				for _, m := range []string{"GET", "PROPFIND", "DELETE"} {
					if res := e.davDo("beta@b.example", bw.token, m, p, "", map[string]string{"Depth": "1"}); res.status != http.StatusNotFound &&
						!(m == "PROPFIND" && !strings.Contains(string(res.body), "Zofia")) {
						t.Fatalf("beta %s %s = %d\n%s", m, p, res.status, res.body)
					}
				}
			}

			// Delete: a stale If-Match is refused; the current one sends the
			// contact to the trash.
			if res := e.davDo(email, w.token, "DELETE", card, "", map[string]string{"If-Match": `"1"`}); res.status != http.StatusPreconditionFailed {
				t.Fatalf("DELETE stale = %d", res.status)
			}
			if res := e.davDo(email, w.token, "DELETE", card, "", map[string]string{"If-Match": `"2"`}); res.status != http.StatusNoContent {
				t.Fatalf("DELETE = %d\n%s", res.status, res.body)
			}
			if c, err := e.db.Contact(t.Context(), owner.account, id); err != nil || c.DeletedAt == nil {
				t.Fatalf("deleted contact not in the trash: %+v %v", c, err)
			}
			if res := e.davDo(email, r.token, "GET", card, "", nil); res.status != http.StatusNotFound {
				t.Fatalf("GET deleted = %d", res.status)
			}
		})
	}
}
