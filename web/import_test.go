package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rapport"
)

// vcf joins vCards into a file, with CRLF line ends: each card's lines
// are between BEGIN:VCARD, VERSION:3.0 and END:VCARD.
func vcf(cards ...string) string {
	var b strings.Builder
	for _, c := range cards {
		b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\n")
		for l := range strings.SplitSeq(c, "\n") {
			b.WriteString(l + "\r\n")
		}
		b.WriteString("END:VCARD\r\n")
	}
	return b.String()
}

// upload posts the import form: a file and the form's fields.
func (s *site) upload(path, token, format, name, file string, skipBad bool) (int, string) {
	s.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf_token", token)
	mw.WriteField("format", format)
	if skipBad {
		mw.WriteField("skip_bad", "1")
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		s.t.Fatal(err)
	}
	io.WriteString(fw, file)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, s.http.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := s.client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// liveContacts counts the account's contacts outside the trash.
func (s *site) liveContacts() int {
	s.t.Helper()
	cs, err := s.svc.Store.Contacts(context.Background(), s.owner().Account.ID, rapport.ContactFilter{})
	if err != nil {
		s.t.Fatal(err)
	}
	return len(cs)
}

// rawKeys finds a catalog key shown as it is: a missing message.
var rawKeys = regexp.MustCompile(`\b(web|enum|state|contact|warning|cli|error)\.[a-z_]+(\.[a-z_]+)*\b`)

const (
	goodCards = "FN:Łucja Wiśniewska\nEMAIL:lucja@example.pl\nTEL:+48 600 100 200"
	arabCard  = "FN:خالد العمري\nEMAIL:khaled@example.sa"
	badCard   = "FN:Bad\nEMAIL:not an address"
)

func TestImportAVCardOnceThenNothingNew(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	code, page, _ := s.get("/import")
	mustContain(t, "/import", page, `enctype="multipart/form-data"`, `name="file"`, `name="skip_bad"`, `value="vcard"`, `value="ics"`)
	mustNotContain(t, "/import", page, `value="json"`)
	if code != http.StatusOK {
		t.Fatalf("/import = %d", code)
	}
	_, contacts, _ := s.get("/contacts")
	mustContain(t, "/contacts", contacts, `href="/import"`, `href="/contacts/dupes"`)

	file := vcf(goodCards, arabCard)
	code, body := s.upload("/import", token, "vcard", "people.vcf", file, false)
	if code != http.StatusOK {
		t.Fatalf("import = %d\n%s", code, body)
	}
	mustContain(t, "the import's result", elementByID(t, body, "import-result"), "Created 2 contacts", "<bdi>Łucja Wiśniewska</bdi>",
		"<bdi>خالد العمري</bdi>", "<bdi>people.vcf</bdi>", "Line 1:", "Line 7:")
	if n := s.liveContacts(); n != 2 {
		t.Fatalf("after the import: %d contacts, want 2", n)
	}

	code, body = s.upload("/import", token, "vcard", "people.vcf", file, false)
	if code != http.StatusOK {
		t.Fatalf("the same import again = %d\n%s", code, body)
	}
	res := elementByID(t, body, "import-result")
	mustContain(t, "the same file again", res, "2 records matched contacts and brought nothing new")
	mustNotContain(t, "the same file again", res, "Created", `id="import-created"`, `id="import-merged"`)
	if n := s.liveContacts(); n != 2 {
		t.Fatalf("after the same import again: %d contacts, want 2", n)
	}
}

func TestAMalformedVCardIsRefusedWholeUnlessSkipBad(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	file := vcf(goodCards, badCard)
	before := s.liveContacts()
	code, body := s.upload("/import", token, "vcard", "people.vcf", file, false)
	if code != http.StatusBadRequest {
		t.Fatalf("a malformed file = %d, want 400\n%s", code, body)
	}
	alert := between(body, `role="alert">`, "</p>")
	mustContain(t, "the refusal", alert, "people.vcf was not imported, and nothing was written", "line 10: EMAIL: invalid value")
	mustContain(t, "the form again", body, `action="/import"`)
	if after := s.liveContacts(); after != before {
		t.Fatalf("a refused import wrote contacts: %d before, %d after", before, after)
	}

	code, body = s.upload("/import", token, "vcard", "people.vcf", file, true)
	if code != http.StatusOK {
		t.Fatalf("with skip_bad = %d\n%s", code, body)
	}
	mustContain(t, "with skip_bad", elementByID(t, body, "import-result"), "Created 1 contact<", "Left out 1 record:", "<bdi>Łucja Wiśniewska</bdi>")
	mustContain(t, "the records left out", elementByID(t, body, "import-skipped"), "line 10: EMAIL: invalid value")
	if n := s.liveContacts(); n != 1 {
		t.Fatalf("with skip_bad: %d contacts, want 1", n)
	}

	// A format it does not read, and no file, are shown on the form.
	if code, body := s.upload("/import", token, "json", "people.json", "{}", false); code != http.StatusBadRequest || !strings.Contains(body, `role="alert"`) {
		t.Errorf("a JSON restore from the web = %d\n%s", code, body)
	}
	if code, body, _ := s.post("/import", url.Values{"csrf_token": {token}, "format": {"vcard"}}); code != http.StatusBadRequest || !strings.Contains(body, "choose a file to import") {
		t.Errorf("no file = %d\n%s", code, body)
	}
	// Without the CSRF token, nothing is read.
	if code, _ := s.upload("/import", "", "vcard", "people.vcf", vcf(arabCard), false); code != http.StatusForbidden {
		t.Errorf("an upload without the CSRF token = %d, want 403", code)
	}
	if n := s.liveContacts(); n != 1 {
		t.Fatalf("after the refusals: %d contacts, want 1", n)
	}
}

func TestAViewerCannotImportOrMerge(t *testing.T) {
	s := newSite(t)
	s.signUp("en")
	a := s.addContact(&rapport.Contact{DisplayName: "Anna", Emails: []rapport.ContactPoint{{Label: "work", Value: "anna@acme.example"}}})
	s.addContact(&rapport.Contact{DisplayName: "Anna N.", Emails: []rapport.ContactPoint{{Label: "work", Value: "anna@acme.example"}}})
	viewer := s.joinAs(rapport.RoleViewer, "en")
	if code, _, _ := s.get("/import"); code != http.StatusForbidden {
		t.Errorf("a viewer GET /import = %d, want 403", code)
	}
	if code, _ := s.upload("/import", viewer, "vcard", "people.vcf", vcf(arabCard), false); code != http.StatusForbidden {
		t.Errorf("a viewer POST /import = %d, want 403", code)
	}
	code, page, _ := s.get("/contacts/dupes")
	if code != http.StatusOK || !strings.Contains(page, "<bdi>Anna N.</bdi>") {
		t.Fatalf("a viewer GET /contacts/dupes = %d\n%s", code, page)
	}
	if n := strings.Count(page, `method="post"`); n != 1 {
		t.Errorf("a viewer sees %d forms that post on the duplicates (only sign-out expected)", n)
	}
	if code, _, _ := s.post(a+"/merge", url.Values{"csrf_token": {viewer}, "other": {"2"}}); code != http.StatusForbidden {
		t.Errorf("a viewer POST merge = %d, want 403", code)
	}
	_, contacts, _ := s.get("/contacts")
	mustNotContain(t, "a viewer's contacts", contacts, `href="/import"`)
	if n := s.liveContacts(); n != 2 {
		t.Errorf("a viewer changed the contacts: %d live", n)
	}
}

func TestDupesListsTheSameEmailAndAMergeKeepsBothHistories(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	email := []rapport.ContactPoint{{Label: "work", Value: "zofia@acme.example"}}
	keep := &rapport.Contact{DisplayName: "Zofia Kowalczyk", Emails: email}
	drop := &rapport.Contact{DisplayName: "Zosia K.", Emails: []rapport.ContactPoint{{Label: "home", Value: "Zofia@ACME.example"}}}
	keepPath := s.addContact(keep)
	s.addContact(drop)
	s.addContact(&rapport.Contact{DisplayName: "Someone Else"})
	s.log(10, rapport.Outbound, keep.ID)
	s.log(5, rapport.Inbound, drop.ID)

	code, page, _ := s.get("/contacts/dupes")
	if code != http.StatusOK {
		t.Fatalf("/contacts/dupes = %d\n%s", code, page)
	}
	list := elementByID(t, page, "dupes")
	mustContain(t, "the duplicates", list, "<bdi>Zofia Kowalczyk</bdi>", "<bdi>Zosia K.</bdi>", "the same email",
		fmt.Sprintf(`action="/contacts/%d/merge"`, keep.ID), fmt.Sprintf(`name="other" value="%d"`, drop.ID),
		fmt.Sprintf("Merge #%d into #%d", drop.ID, keep.ID))
	mustNotContain(t, "the duplicates", list, "Someone Else")

	// The contact's own merge form, and its mistakes shown on the page.
	_, cp, _ := s.get(keepPath)
	mustContain(t, "the contact's merge form", elementByID(t, cp, "merge"), `action="`+keepPath+`/merge"`, `name="other"`, `for="merge-other"`)
	if code, body, _ := s.post(keepPath+"/merge", url.Values{"csrf_token": {token}, "other": {"abc"}}); code != http.StatusBadRequest || !strings.Contains(body, `role="alert"`) {
		t.Errorf("merge with other=abc = %d", code)
	}
	if code, body, _ := s.post(keepPath+"/merge", url.Values{"csrf_token": {token}, "other": {strconv.FormatInt(keep.ID, 10)}}); code != http.StatusBadRequest || !strings.Contains(body, "cannot be merged into itself") {
		t.Errorf("merge into itself = %d\n%s", code, between(body, `role="alert">`, "</p>"))
	}

	code, body, h := s.post(keepPath+"/merge", url.Values{"csrf_token": {token}, "other": {strconv.FormatInt(drop.ID, 10)}})
	if code != http.StatusSeeOther || h.Get("Location") != keepPath+"?done=merged" {
		t.Fatalf("merge = %d to %q\n%s", code, h.Get("Location"), body)
	}
	ctx, acct := context.Background(), s.owner().Account.ID
	kept, err := s.svc.Store.Contact(ctx, acct, keep.ID)
	if err != nil {
		t.Fatal(err)
	}
	hist, err := s.svc.History(ctx, acct, kept)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist.Interactions) != 2 {
		t.Errorf("the kept contact has %d interactions, want both contacts' 2", len(hist.Interactions))
	}
	gone, err := s.svc.Store.Contact(ctx, acct, drop.ID)
	if err != nil || gone.DeletedAt == nil {
		t.Errorf("the merged contact is not in the trash: %+v, %v", gone, err)
	}
	_, page, _ = s.get(keepPath + "?done=merged")
	mustContain(t, "after the merge", page, "Contacts merged: the other one is now in the trash.")
	_, page, _ = s.get("/contacts/dupes")
	mustContain(t, "the duplicates after the merge", page, "No likely duplicates.")
}

func TestTheImportAndDuplicatesPagesSpeakEveryLanguage(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	s.addContact(&rapport.Contact{DisplayName: "Anna", Emails: []rapport.ContactPoint{{Label: "work", Value: "anna@acme.example"}}})
	s.addContact(&rapport.Contact{DisplayName: "Anna", Phones: []rapport.ContactPoint{{Label: "work", Value: "+48 600 100 200"}}})
	for _, lang := range []string{"en", "ar", "pl"} {
		dir := `<html lang="` + lang + `" dir="ltr">`
		if lang == "ar" {
			dir = `<html lang="ar" dir="rtl">`
		}
		check := func(what string, code int, body string, want int) {
			t.Helper()
			if code != want || !strings.Contains(body, dir) {
				t.Errorf("%s in %s = %d, without %s", what, lang, code, dir)
			}
			if k := rawKeys.FindString(body); k != "" {
				t.Errorf("%s in %s shows the key %q", what, lang, k)
			}
		}
		q := "?lang=" + lang
		for _, p := range []string{"/import", "/contacts/dupes", "/contacts/1", "/contacts"} {
			code, body, _ := s.get(p + q)
			check(p, code, body, http.StatusOK)
		}
		code, body := s.upload("/import"+q, token, "vcard", "people.vcf", vcf(goodCards, arabCard, badCard, "FN:Anna\nEMAIL:anna@acme.example\nNOTE:met in Gdańsk"), true)
		check("the import's result", code, body, http.StatusOK)
		code, body = s.upload("/import"+q, token, "vcard", "people.vcf", vcf(badCard), false)
		check("a refused import", code, body, http.StatusBadRequest)
		_, body, _ = s.get("/contacts/1?done=merged&lang=" + lang)
		check("the merge's confirmation", http.StatusOK, body, http.StatusOK)
		if !strings.Contains(body, `class="flash"`) {
			t.Errorf("no confirmation of the merge in %s", lang)
		}
	}
}

// TestTheImportPageSaysWarningsInTheUsersLanguage: what an import read in
// part, and the records it left out, are said in the page's language, each
// after its line in the language's digits, with the file's field and value
// as they are.
func TestTheImportPageSaysWarningsInTheUsersLanguage(t *testing.T) {
	s := newSite(t)
	token := s.signUp("en")
	code, body := s.upload("/import?lang=ar", token, "vcard", "people.vcf", vcf("FN:Ala Kot\nBDAY:1985", badCard), true)
	if code != http.StatusOK {
		t.Fatalf("import = %d\n%s", code, body)
	}
	const fsi, pdi = "\u2068", "\u2069"
	mustContain(t, "the warnings in Arabic", elementByID(t, body, "import-warnings"),
		"<bdi>السطر ٤: "+fsi+"BDAY"+pdi+": استُبعدت القيمة «"+fsi+"1985"+pdi+"»: سنة بلا شهر ولا يوم</bdi>")
	mustContain(t, "the records left out in Arabic", elementByID(t, body, "import-skipped"),
		"<bdi>السطر ٩: "+fsi+"EMAIL"+pdi+": قيمة غير صالحة «"+fsi+"not an address"+pdi+"»: ليس عنوان بريد إلكتروني صالحًا</bdi>")
	mustNotContain(t, "the import in Arabic", elementByID(t, body, "import-result"), "left out", "line 4", "invalid value")
}
