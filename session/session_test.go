package session

import (
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestCookieIsSecureExceptOverPlainHTTPToLoopback(t *testing.T) {
	for _, tc := range []struct {
		url, proto string
		secure     bool
	}{
		{"http://127.0.0.1:8080/", "", false},
		{"http://localhost:8080/", "", false},
		{"http://[::1]:8080/", "", false},
		{"http://rapport.example.com/", "", true},
		{"http://192.0.2.7:8080/", "", true},
		{"http://127.0.0.1:8080/", "https", true},
	} {
		r := httptest.NewRequest("POST", tc.url, nil)
		if tc.proto != "" {
			r.Header.Set("X-Forwarded-Proto", tc.proto)
		}
		w := httptest.NewRecorder()
		Set(w, r, "rs_1_1_secret", time.Now().Add(time.Hour))
		ck := w.Result().Cookies()[0]
		if ck.Secure != tc.secure || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
			t.Errorf("%s (proto %q): cookie %+v, want Secure %v, HttpOnly, SameSite=Lax", tc.url, tc.proto, ck, tc.secure)
		}
	}
}

func TestCSRFTokenBelongsToItsSession(t *testing.T) {
	a, b := CSRFToken("rs_1_1_aaaa"), CSRFToken("rs_1_2_bbbb")
	if a == b || a == "" {
		t.Fatalf("two sessions share a CSRF token: %q %q", a, b)
	}
	form := func(tok string) *http.Request {
		r := httptest.NewRequest("POST", "/x", strings.NewReader(url.Values{CSRFField: {tok}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return r
	}
	header := func(tok string) *http.Request {
		r := httptest.NewRequest("POST", "/x", strings.NewReader(`{"csrf_token": "`+tok+`"}`))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set(CSRFHeader, tok)
		return r
	}
	multipartForm := func(tok string) *http.Request {
		var b strings.Builder
		mw := multipart.NewWriter(&b)
		mw.WriteField(CSRFField, tok)
		fw, _ := mw.CreateFormFile("file", "contacts.vcf")
		fw.Write([]byte("BEGIN:VCARD\r\nEND:VCARD\r\n"))
		mw.Close()
		r := httptest.NewRequest("POST", "/import", strings.NewReader(b.String()))
		r.Header.Set("Content-Type", mw.FormDataContentType())
		return r
	}
	jsonBody := httptest.NewRequest("POST", "/x", strings.NewReader(`{"csrf_token": "`+a+`"}`))
	jsonBody.Header.Set("Content-Type", "application/json")
	for _, tc := range []struct {
		name string
		r    *http.Request
		want bool
	}{
		{"form field", form(a), true},
		{"header", header(a), true},
		{"a file upload's field", multipartForm(a), true},
		{"a file upload with another session's token", multipartForm(b), false},
		{"another session's token", form(b), false},
		{"no token", form(""), false},
		{"a token inside a JSON body is not read", jsonBody, false},
	} {
		if got := ValidCSRF(tc.r, "rs_1_1_aaaa"); got != tc.want {
			t.Errorf("%s: ValidCSRF = %v, want %v", tc.name, got, tc.want)
		}
	}
}
