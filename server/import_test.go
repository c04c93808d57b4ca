package server_test

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/client"
	"rapport/sqlstore/sqltest"
)

// vcards joins cards into a vCard file, CRLF as the RFC writes it.
func vcards(cards ...string) string {
	var b strings.Builder
	for _, c := range cards {
		b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\n")
		for l := range strings.Lines(strings.TrimSpace(c)) {
			b.WriteString(strings.TrimSpace(l) + "\r\n")
		}
		b.WriteString("END:VCARD\r\n")
	}
	return b.String()
}

func uploadTo(path, mediaType, file string) request {
	return request{method: "POST", path: path, body: file, header: map[string]string{"Content-Type": mediaType}}
}

// TestImportUploadsAFile: the body is the file; the answer says what the
// import did; the same file again creates nothing; a malformed record
// refuses the whole file, naming its line, unless skip_bad.
func TestImportUploadsAFile(t *testing.T) {
	for _, engine := range sqltest.Engines {
		t.Run(engine, func(t *testing.T) {
			sqltest.Require(t, engine)
			e := newEnv(t, engine)
			owner := e.signUp("Acme", "maya@acme.example")
			tok := e.token(owner, "write")
			zofia := e.must(tok, 201, request{method: "POST", path: "/api/v1/contacts", body: map[string]any{
				"display_name": "Zofia Nowak", "emails": []map[string]string{{"value": "zofia@acme.example"}}}})
			var z rapport.Contact
			zofia.json(t, &z)

			file := vcards("FN:Ola Lis\nEMAIL:ola@lis.example\nCATEGORIES:imported", "FN:Zofia N.\nEMAIL:Zofia@Acme.example\nORG:Acme")
			var res app.ImportResult
			e.must(tok, 200, uploadTo("/api/v1/import/vcard", "text/vcard", file)).json(t, &res)
			if res.Format != app.ImportVCard || len(res.Contacts.Created) != 1 || res.Contacts.Created[0].Name != "Ola Lis" ||
				len(res.Contacts.Merged) != 1 || res.Contacts.Merged[0].ID != z.ID || res.Contacts.Merged[0].MatchedBy != "email" {
				t.Fatalf("first upload: %+v", res)
			}
			if n := e.countContacts(owner.account); n != 2 {
				t.Fatalf("%d contacts after the first upload, want 2", n)
			}

			// Idempotent: the same file again creates and changes nothing.
			res = app.ImportResult{}
			e.must(owner, 200, uploadTo("/api/v1/import/vcard", "text/vcard; charset=utf-8", file)).json(t, &res)
			if len(res.Contacts.Created) != 0 || len(res.Contacts.Merged) != 0 || len(res.Contacts.Unchanged) != 2 {
				t.Fatalf("second upload: %+v", res)
			}
			if n := e.countContacts(owner.account); n != 2 {
				t.Fatalf("%d contacts after the same upload again, want 2", n)
			}

			// A malformed record: 400 naming its line, and nothing written.
			bad := vcards("FN:Good One\nEMAIL:one@example.com", "FN:Bad\nEMAIL:not an address", "FN:Good Two")
			before := e.countContacts(owner.account)
			p := e.must(tok, 400, uploadTo("/api/v1/import/vcard", "text/vcard", bad)).problem(t)
			if p.Code != "invalid" || !strings.Contains(p.Detail, "line 9") {
				t.Errorf("a malformed record: %+v", p)
			}
			if after := e.countContacts(owner.account); after != before {
				t.Fatalf("a refused upload wrote: %d contacts, then %d", before, after)
			}
			res = app.ImportResult{}
			e.must(tok, 200, uploadTo("/api/v1/import/vcard?skip_bad=true", "text/vcard", bad)).json(t, &res)
			if len(res.Contacts.Created) != 2 || len(res.Skipped) != 1 || !res.Skipped[0].Malformed || res.Skipped[0].Line != 6 {
				t.Fatalf("with skip_bad: %+v", res)
			}
			if n := e.countContacts(owner.account); n != before+2 {
				t.Fatalf("%d contacts after skip_bad, want %d", n, before+2)
			}

			// A calendar: events with the account's contacts become
			// interactions, once.
			ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:review@test\r\nDTSTART:20261110T100000Z\r\n" +
				"DTEND:20261110T110000Z\r\nSUMMARY:Review\r\nATTENDEE:mailto:zofia@acme.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
			res = app.ImportResult{}
			e.must(tok, 200, uploadTo("/api/v1/import/ics", "text/calendar", ics)).json(t, &res)
			if len(res.Interactions.Created) != 1 || len(res.Interactions.Created[0].ContactIDs) != 1 || res.Interactions.Created[0].ContactIDs[0] != z.ID {
				t.Fatalf("calendar: %+v", res)
			}
			res = app.ImportResult{}
			e.must(tok, 200, uploadTo("/api/v1/import/ics", "text/calendar", ics)).json(t, &res)
			if len(res.Interactions.Created) != 0 || len(res.Interactions.Unchanged) != 1 {
				t.Fatalf("calendar again: %+v", res)
			}
		})
	}
}

// TestImportRefusals: the media type of the format, no JSON archive, no
// unknown format, no file over 64 MiB, no viewer; in the caller's language.
func TestImportRefusals(t *testing.T) {
	e := newEnv(t, "sqlite")
	owner := e.signUp("Acme", "maya@acme.example")
	tok := e.token(owner, "write")
	file := vcards("FN:Ola Lis")

	for _, tc := range []struct {
		path, mediaType, want string
	}{
		{"/api/v1/import/vcard", "text/csv", "text/vcard"},
		{"/api/v1/import/vcard", "application/json", "text/vcard"},
		{"/api/v1/import/linkedin", "text/vcard", "text/csv"},
		{"/api/v1/import/google", "", "text/csv"},
		{"/api/v1/import/ics", "text/plain", "text/calendar"},
	} {
		p := e.must(tok, 415, uploadTo(tc.path, tc.mediaType, file)).problem(t)
		if p.Code != "unsupported_media" || !strings.Contains(p.Detail, "send "+tc.want) {
			t.Errorf("%s as %q: %+v", tc.path, tc.mediaType, p)
		}
	}
	p := e.must(tok, 415, uploadTo("/api/v1/import/vcard?lang=pl", "text/csv", file)).problem(t)
	if !strings.Contains(p.Detail, "wyślij treść jako text/vcard") {
		t.Errorf("in Polish: %q", p.Detail)
	}

	p = e.must(tok, 400, uploadTo("/api/v1/import/json", "application/json", `{"format":"rapport"}`)).problem(t)
	if p.Code != "invalid" || p.Field != "format" || !strings.Contains(p.Detail, "format json") {
		t.Errorf("json: %+v", p)
	}
	p = e.must(tok, 404, uploadTo("/api/v1/import/xml", "text/xml", "<x/>")).problem(t)
	if p.Code != "not_found" || !strings.Contains(p.Detail, "xml") || !strings.Contains(p.Detail, "vcard, linkedin, google, ics") {
		t.Errorf("xml: %+v", p)
	}

	viewerInvite := e.must(owner, 201, request{method: "POST", path: "/api/v1/invites", body: map[string]any{"role": "viewer"}})
	var inv struct {
		Token string `json:"token"`
	}
	viewerInvite.json(t, &inv)
	viewer := e.sessionOf(e.must(nil, 201, request{method: "POST", path: "/api/v1/invites/accept", body: map[string]any{
		"token": inv.Token, "display_name": "Vic", "password": "vic's long password", "email": "vic@acme.example"}}))
	e.must(viewer, 403, uploadTo("/api/v1/import/vcard", "text/vcard", file))
	e.must(e.token(owner, "read"), 403, uploadTo("/api/v1/import/vcard", "text/vcard", file))
	e.must(nil, 401, uploadTo("/api/v1/import/vcard", "text/vcard", file))

	// Over 64 MiB: 413, and nothing written.
	big := vcards("FN:Big\nNOTE:"+strings.Repeat("x", 64<<20), "FN:Ola Lis")
	p = e.must(tok, 413, uploadTo("/api/v1/import/vcard", "text/vcard", big)).problem(t)
	if p.Code != "too_large" {
		t.Errorf("over 64 MiB: %+v", p)
	}
	// Sent without a length (chunked), it is read up to the limit.
	req, err := http.NewRequest("POST", e.http.URL+"/api/v1/import/vcard", struct{ *strings.Reader }{strings.NewReader(big)})
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok.token)
	req.Header.Set("Content-Type", "text/vcard")
	if res, err := e.http.Client().Do(req); err == nil {
		res.Body.Close()
		if res.StatusCode != 413 {
			t.Errorf("over 64 MiB, chunked: %d", res.StatusCode)
		}
	}
	if n := e.countContacts(owner.account); n != 0 {
		t.Errorf("refused uploads wrote %d contacts", n)
	}
}

// TestImportReadsFloatingTimesInTheZoneNamed: a calendar's floating times
// are read in the zone of ?tz= (as TZ does for the CLI), in UTC without
// it; the client sends its own zone; an unknown zone is refused, naming tz.
func TestImportReadsFloatingTimesInTheZoneNamed(t *testing.T) {
	e := newEnv(t, "sqlite")
	owner := e.signUp("Acme", "maya@acme.example")
	tok := e.token(owner, "write")
	e.must(tok, 201, request{method: "POST", path: "/api/v1/contacts", body: map[string]any{
		"display_name": "Zofia Nowak", "emails": []map[string]string{{"value": "zofia@acme.example"}}}})
	event := func(uid string) string {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTART:20261110T100000\r\n" +
			"SUMMARY:Review\r\nATTENDEE:mailto:zofia@acme.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	at := func(res app.ImportResult) string {
		if len(res.Interactions.Created) != 1 {
			t.Fatalf("import: %+v", res)
		}
		return res.Interactions.Created[0].At.UTC().Format(time.RFC3339)
	}
	var res app.ImportResult
	e.must(tok, 200, uploadTo("/api/v1/import/ics?tz=Europe/Warsaw", "text/calendar", event("warsaw@test"))).json(t, &res)
	if got := at(res); got != "2026-11-10T09:00:00Z" {
		t.Errorf("10:00 in Warsaw read as %s", got)
	}
	res = app.ImportResult{}
	e.must(tok, 200, uploadTo("/api/v1/import/ics", "text/calendar", event("utc@test"))).json(t, &res)
	if got := at(res); got != "2026-11-10T10:00:00Z" {
		t.Errorf("10:00 without a zone read as %s", got)
	}
	cl, err := client.New(e.http.URL, tok.token)
	if err != nil {
		t.Fatal(err)
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	got, err := cl.Import(t.Context(), app.ImportICS, strings.NewReader(event("tokyo@test")), app.ImportOptions{Location: tokyo})
	if err != nil || at(*got) != "2026-11-10T01:00:00Z" {
		t.Errorf("through the client, in Tokyo: %+v, %v", got, err)
	}
	for _, tz := range []string{"Mars/Olympus", "Local"} {
		p := e.must(tok, 400, uploadTo("/api/v1/import/ics?tz="+tz, "text/calendar", event("bad@test"))).problem(t)
		if p.Code != "invalid" || p.Field != "tz" || !strings.Contains(p.Detail, "not a time zone") {
			t.Errorf("tz=%s: %+v", tz, p)
		}
	}
}

// TestImportIsTheAccountsOwn: B's upload with the email of one of A's
// contacts creates B's own contact (ids are each account's own: B's first
// contact is #1 as A's is), and A's stays as it was.
func TestImportIsTheAccountsOwn(t *testing.T) {
	e := newEnv(t, "sqlite")
	a := e.token(e.signUp("Alpha", "alpha@a.example"), "write")
	var ac rapport.Contact
	e.must(a, 201, request{method: "POST", path: "/api/v1/contacts", body: map[string]any{
		"display_name": "Alpha's Zofia", "emails": []map[string]string{{"value": "zofia@acme.example"}}}}).json(t, &ac)
	bOwner := e.signUp("Beta", "beta@b.example")
	b := e.token(bOwner, "write")

	var res app.ImportResult
	e.must(b, 200, uploadTo("/api/v1/import/vcard", "text/vcard", vcards("FN:Zofia\nEMAIL:zofia@acme.example\nORG:Beta Corp"))).json(t, &res)
	if len(res.Contacts.Created) != 1 || len(res.Contacts.Merged)+len(res.Contacts.Unchanged) != 0 {
		t.Fatalf("B's upload: %+v", res)
	}
	if n := e.countContacts(bOwner.account); n != 1 {
		t.Errorf("B has %d contacts, want 1", n)
	}
	var after rapport.Contact
	e.must(a, 200, request{method: "GET", path: contactPath(ac.ID)}).json(t, &after)
	if after.Version != ac.Version || after.Org != "" {
		t.Errorf("A's contact changed: %+v", after)
	}
}

// TestClientImport: the client uploads with the format's media type, and
// turns a refusal back into the error the server had.
func TestClientImport(t *testing.T) {
	e := newEnv(t, "sqlite")
	owner := e.signUp("Acme", "maya@acme.example")
	tok := e.token(owner, "write")
	cl, err := client.New(e.http.URL, tok.token)
	if err != nil {
		t.Fatal(err)
	}
	res, err := cl.Import(t.Context(), app.ImportVCard, strings.NewReader(vcards("FN:Ola Lis", "FN:Jan")), app.ImportOptions{})
	if err != nil || len(res.Contacts.Created) != 2 {
		t.Fatalf("vcard: %+v, %v", res, err)
	}
	csv := "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nAnn,Lee,https://www.linkedin.com/in/annlee,ann@lee.example,Globex,CTO,01 Mar 2024\r\n"
	if res, err = cl.Import(t.Context(), app.ImportLinkedIn, bytes.NewReader([]byte(csv)), app.ImportOptions{}); err != nil || len(res.Contacts.Created) != 1 {
		t.Fatalf("linkedin: %+v, %v", res, err)
	}
	_, err = cl.Import(t.Context(), app.ImportVCard, strings.NewReader(vcards("FN:Bad\nEMAIL:not an address")), app.ImportOptions{})
	var re *rapport.Error
	if !errors.As(err, &re) || re.Code != rapport.EINVALID || !strings.Contains(re.Message, "line 4") {
		t.Fatalf("malformed: %v", err)
	}
	res, err = cl.Import(t.Context(), app.ImportVCard, strings.NewReader(vcards("FN:Bad\nEMAIL:not an address")), app.ImportOptions{SkipBad: true})
	if err != nil || len(res.Skipped) != 1 || !res.Skipped[0].Malformed {
		t.Fatalf("skip bad: %+v, %v", res, err)
	}
	if _, err = cl.Import(t.Context(), app.ImportJSON, strings.NewReader("{}"), app.ImportOptions{}); rapport.ErrorCodeOf(err) != rapport.EINVALID {
		t.Fatalf("json: %v", err)
	}
	if n := e.countContacts(owner.account); n != 3 {
		t.Errorf("%d contacts, want 3", n)
	}
}
