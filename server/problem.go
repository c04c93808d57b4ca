package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"rapport"
	"rapport/app"
	"rapport/httpstatus"
	"rapport/i18n"
)

// Problem is an RFC 9457 problem details object. Type is about:blank, so
// Title is the status's phrase; Code is Rapport's stable error code, which
// clients switch on.
type Problem struct {
	Type       string   `json:"type"`
	Title      string   `json:"title"`
	Status     int      `json:"status"`
	Detail     string   `json:"detail,omitempty"`
	Instance   string   `json:"instance,omitempty"`
	Code       string   `json:"code"`
	Field      string   `json:"field,omitempty"`
	Candidates []string `json:"candidates,omitempty"`
}

// Codes of problems that are HTTP's own, beside rapport's error codes.
const (
	codeStale            = "stale_version"       // If-Match does not match: 412
	codeVersionRequired  = "version_required"    // no If-Match on an update: 428
	codeTooLarge         = "too_large"           // body over the limit: 413
	codeUnsupportedMedia = "unsupported_media"   // not JSON: 415
	codeMethod           = "method_not_allowed"  // 405
	codeCSRF             = "csrf"                // 403 without a valid CSRF token
	codeCrossOrigin      = "cross_origin"        // 403 from another origin
	codeShuttingDown     = "shutting_down"       // 503 while stopping
	codeDatabase         = "database"            // 503 from /readyz: the database does not answer
	codeRouteNotFound    = rapport.ENOTFOUND     // no such route: a 404 like any other
	codeUnauthorized     = rapport.EUNAUTHORIZED // 401
)

// httpError is an error with an HTTP status of its own (from the protocol,
// not the domain). What it says is a *rapport.Error, so that Server.fail
// says it in the caller's language as it does the domain's errors: its
// Message is the English, its Key and Args the catalog's (error.http.*).
// field is the problem's field, which the message need not name.
type httpError struct {
	status int
	code   string
	field  string
	says   *rapport.Error
}

func (e *httpError) Error() string { return e.says.Message }

// newHTTPError makes an httpError that says key with args; english is what
// the key's English entry says with them.
func newHTTPError(status int, code, field, key string, args map[string]any, english string) *httpError {
	says := (&rapport.Error{Code: rapport.EINVALID, Message: english}).Keyed(key, args)
	return &httpError{status: status, code: code, field: field, says: says}
}

// badHeader refuses the value of a header as the domain refuses a field's:
// "NAME: invalid value "VALUE": why", with the header's name and value
// verbatim (error.invalid_value) and why said by key.
func badHeader(status int, code, field, name, value, key, why string) *httpError {
	return &httpError{status: status, code: code, field: field, says: rapport.Invalid(name, value, why).Keyed(key, nil)}
}

// tooLarge refuses a body over max bytes.
func tooLarge(max int64) *httpError {
	return newHTTPError(http.StatusRequestEntityTooLarge, codeTooLarge, "", "error.http.too_large",
		map[string]any{"count": max}, fmt.Sprintf("request body too large: at most %d bytes", max))
}

// detailOf says err in tr's language: an httpError by what it says, a body
// over the limit as such, and any other error as app.LocalizeError does
// (field names and values verbatim, isolated in Arabic; an internal error
// without its cause).
func detailOf(tr *i18n.Translator, err error) string {
	var he *httpError
	if errors.As(err, &he) {
		return app.LocalizeError(tr, he.says)
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return app.LocalizeError(tr, tooLarge(mbe.Limit).says)
	}
	return app.LocalizeError(tr, err)
}

// statusOf is the one place that maps errors to HTTP statuses.
// A request with If-Match that meets a stale version fails its
// precondition (412); without, the same error is a conflict (409).
func statusOf(err error, conditional bool) (status int, code string) {
	var he *httpError
	if errors.As(err, &he) {
		return he.status, he.code
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge, codeTooLarge
	}
	status = httpstatus.Of(err)
	if conditional {
		status = httpstatus.Conditional(err)
	}
	switch {
	case status == http.StatusPreconditionFailed:
		return status, codeStale
	case status == http.StatusInternalServerError:
		return status, string(rapport.EINTERNAL)
	}
	return status, string(rapport.ErrorCodeOf(err))
}

// problemOf builds the problem for err. Only safe text reaches it: internal
// errors say "internal error", and their cause goes to the log.
func problemOf(err error, conditional bool, detail string, instance string) Problem {
	status, code := statusOf(err, conditional)
	p := Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Code: code, Instance: instance, Detail: detail}
	var he *httpError
	var e *rapport.Error
	switch {
	case errors.As(err, &he):
		p.Field = he.field
	case errors.As(err, &e) && e.Code != rapport.EINTERNAL:
		p.Field, p.Candidates = e.Field, e.Candidates
	}
	return p
}

func writeProblem(w http.ResponseWriter, p Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	if p.Status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "900")
	}
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}
