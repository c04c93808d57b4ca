package rapport

import (
	"errors"
	"fmt"
	"maps"
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
	ETHROTTLED    ErrorCode = "throttled"    // too many attempts: wait and retry
	EINTERNAL     ErrorCode = "internal"     // anything else: a bug or a broken database
)

// Error is an error a user may see. Message is safe to show; Err, when set,
// is the cause and is only logged.
type Error struct {
	Code    ErrorCode
	Field   string // the input field at fault, when there is one
	Message string // in English: what logs show, and the fallback
	// Key is the catalog key of the message (package i18n) and Args its
	// arguments, so that an adapter can say it in the user's language
	// (app.LocalizeError); an error without a Key is shown as Message. A
	// string argument is shown verbatim (what the user typed, an id, a name,
	// an enum value); a number is a quantity, written in the language's
	// digits. For an EINVALID error with a Field, as Invalid makes, Key says
	// only why the value is invalid, and Args hold "field" and "value": the
	// message names them around it, as Message does.
	Key  string
	Args map[string]any
	// Line is the line of the input at fault; 0 when none. Message names it
	// ("line 7: …") and Key does not: app.LocalizeError adds it
	// (error.at_line).
	Line int
	// Stale marks a conflict of versions (StaleVersion), which the API
	// answers with 412 rather than 409.
	Stale bool
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

// Keyed sets the catalog key of e's message, adds args to its arguments and
// returns e. The English of Message and of the key's entry in the English
// catalog must say the same.
func (e *Error) Keyed(key string, args map[string]any) *Error {
	e.Key = key
	if len(args) > 0 && e.Args == nil {
		e.Args = make(map[string]any, len(args))
	}
	maps.Copy(e.Args, args)
	return e
}

// Errorf returns an *Error of the given code.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid reports a bad value for a named field. The message names both, so
// that a one-line error tells the user exactly what to fix. why is the
// English reason; Keyed gives its catalog key (error.invalid.REASON).
func Invalid(field string, value any, why string) *Error {
	v := fmt.Sprint(value)
	return &Error{
		Code:    EINVALID,
		Field:   field,
		Message: fmt.Sprintf("%s: invalid value %q: %s", field, v, why),
		Args:    map[string]any{"field": field, "value": v},
	}
}

// NotFound reports a missing thing, named by what it is (contact,
// interaction, promise, favor, token: the catalog key error.not_found.WHAT)
// and how it was asked for.
func NotFound(what string, ref any) *Error {
	r := fmt.Sprint(ref)
	return (&Error{Code: ENOTFOUND, Message: fmt.Sprintf("%s %s not found", what, r)}).
		Keyed("error.not_found."+what, map[string]any{"ref": r})
}

// StaleVersion reports an update based on a version of a row (what: contact,
// interaction, promise, favor) that is no longer the stored one: the
// caller must read it again. The API answers it with 412.
func StaleVersion(what string, id, current, sent int64) *Error {
	e := Errorf(ECONFLICT, "%s %d was changed since you read it (version %d, you had %d): read it again and redo your change", what, id, current, sent).
		Keyed("error.stale."+what, map[string]any{"id": fmt.Sprint(id), "current": fmt.Sprint(current), "version": fmt.Sprint(sent)})
	e.Stale = true
	return e
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

// ErrorMessage returns the text that is safe to show a user for err, in
// English; app.LocalizeError says it in the user's language.
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
