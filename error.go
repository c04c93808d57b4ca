package rapport

import (
	"errors"
	"fmt"
)

// ErrorCode is the kind of an error. The CLI maps it to an exit status and the
// API to an HTTP status, each in one place; nothing else inspects errors.
type ErrorCode string

const (
	EINVALID      ErrorCode = "invalid"      // bad input from the user
	ENOTFOUND     ErrorCode = "not_found"    // no such thing in this account
	ECONFLICT     ErrorCode = "conflict"     // stale version, duplicate, ambiguous reference
	EUNAUTHORIZED ErrorCode = "unauthorized" // not signed in, bad credentials
	EFORBIDDEN    ErrorCode = "forbidden"    // signed in but not allowed
	EINTERNAL     ErrorCode = "internal"     // anything else: a bug or a broken database
)

// Error is an error a user may see. Message is safe to show; Err, when set,
// is the cause and is only logged.
type Error struct {
	Code    ErrorCode
	Field   string // the input field at fault, when there is one
	Message string
	// Candidates lists the matches of an ambiguous reference, so the CLI and
	// API can show them.
	Candidates []string
	Err        error
}

func (e *Error) Error() string {
	if e.Err != nil && e.Message == "" {
		return e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given code.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid reports a bad value for a named field. The message names both, so
// that a one-line error tells the user exactly what to fix.
func Invalid(field string, value any, why string) *Error {
	return &Error{
		Code:    EINVALID,
		Field:   field,
		Message: fmt.Sprintf("%s: invalid value %q: %s", field, fmt.Sprint(value), why),
	}
}

// NotFound reports a missing thing, named by what it is and how it was asked for.
func NotFound(what string, ref any) *Error {
	return &Error{Code: ENOTFOUND, Message: fmt.Sprintf("%s %v not found", what, ref)}
}

// Internal wraps an unexpected error; its text is logged, never shown.
func Internal(err error) *Error {
	return &Error{Code: EINTERNAL, Message: "internal error", Err: err}
}

// ErrorCodeOf returns the code of err: EINTERNAL for errors that are not *Error.
func ErrorCodeOf(err error) ErrorCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EINTERNAL
}

// ErrorMessage returns the text that is safe to show a user for err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		if e.Code == EINTERNAL {
			return "internal error"
		}
		return e.Message
	}
	return "internal error"
}
