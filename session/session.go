// Package session is the browser side of a signed-in session, shared by
// the API and the web app: the cookie that carries the session credential,
// and the CSRF token derived from it. The sessions themselves are rows of
// the store (app.Service.SessionPrincipal reads them).
package session

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/http"
	"strings"
	"time"
)

// Cookie is the name of the session cookie.
const Cookie = "rapport_session"

// CSRFHeader carries the CSRF token on unsafe requests made with the
// session cookie; forms send it as the field CSRFField.
const (
	CSRFHeader = "X-CSRF-Token"
	CSRFField  = "csrf_token"
)

// Credential is the session credential a request's cookie carries, or "".
func Credential(r *http.Request) string {
	if ck, err := r.Cookie(Cookie); err == nil {
		return ck.Value
	}
	return ""
}

// CSRFToken derives a session's CSRF token from its credential, so that it
// needs no storage and changes with the session: HMAC-SHA256 keyed by the
// session's credential.
func CSRFToken(credential string) string {
	m := hmac.New(sha256.New, []byte(credential))
	m.Write([]byte("rapport csrf v1"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// ValidCSRF reports whether a request carries its session's CSRF token, in
// the header or, from a form, the field.
func ValidCSRF(r *http.Request, credential string) bool {
	got := r.Header.Get(CSRFHeader)
	if ct := r.Header.Get("Content-Type"); got == "" &&
		(strings.HasPrefix(ct, "application/x-www-form-urlencoded") || strings.HasPrefix(ct, "multipart/form-data")) {
		got = r.PostFormValue(CSRFField) // never parses a JSON body
	}
	want := CSRFToken(credential)
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// Set sets the session cookie: HttpOnly, SameSite=Lax, and Secure unless
// the request came over plain HTTP to a loopback address (a local install
// without TLS, where browsers would drop a Secure cookie).
func Set(w http.ResponseWriter, r *http.Request, credential string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{
		Name: Cookie, Value: credential, Path: "/", Expires: expires,
		HttpOnly: true, Secure: secure(r), SameSite: http.SameSiteLaxMode,
	})
}

// Clear removes the session cookie.
func Clear(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: Cookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: secure(r), SameSite: http.SameSiteLaxMode})
}

func secure(r *http.Request) bool {
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		return true
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

// ClientAddr is the caller's address, for sign-in throttling. Proxies'
// headers are not trusted: they are the caller's to forge.
func ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
