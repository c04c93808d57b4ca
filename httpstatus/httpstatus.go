// Package httpstatus maps Rapport's errors to HTTP statuses: the one place
// for both the API (package server) and the web app (package web).
package httpstatus

import (
	"errors"
	"net/http"

	"rapport"
)

// Of is the HTTP status an error deserves: its code's, and 500 for
// anything that is not a *rapport.Error. A stale version is a conflict
// (409); a request that made it conditional with If-Match gets 412
// instead (Conditional).
func Of(err error) int {
	switch rapport.ErrorCodeOf(err) {
	case rapport.EINVALID:
		return http.StatusBadRequest
	case rapport.ENOTFOUND:
		return http.StatusNotFound
	case rapport.ECONFLICT:
		return http.StatusConflict
	case rapport.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case rapport.EFORBIDDEN:
		return http.StatusForbidden
	case rapport.ETHROTTLED:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// Conditional is the status of err for a request that carried If-Match: a
// stale version fails the precondition (412); anything else is as Of says.
func Conditional(err error) int {
	var e *rapport.Error
	if errors.As(err, &e) && e.Stale {
		return http.StatusPreconditionFailed
	}
	return Of(err)
}
