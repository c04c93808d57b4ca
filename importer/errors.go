package importer

import (
	"errors"
	"fmt"
	"strings"

	"rapport"
)

// invalidAt reports a bad value of a named field on a line, as
// rapport.Invalid words it: `line 42: BDAY: invalid value "31-02": why`.
func invalidAt(line int, field string, value any, why string) *rapport.Error {
	e := rapport.Invalid(field, value, why)
	return atLine(line, e)
}

// errorAt reports a malformed line that has no one field at fault.
func errorAt(line int, format string, args ...any) *rapport.Error {
	return atLine(line, rapport.Errorf(rapport.EINVALID, format, args...))
}

// nothingAt reports a record with nothing to import.
func nothingAt(line int, format string, args ...any) *rapport.Error {
	return atLine(line, rapport.Errorf(rapport.ENOTFOUND, format, args...))
}

// atLine prefixes the message with the line. The catalog key is dropped: a
// translated message would lose the line, and the line is what the user needs.
func atLine(line int, e *rapport.Error) *rapport.Error {
	e.Message = fmt.Sprintf("line %d: %s", line, e.Message)
	e.Key, e.Args = "", nil
	return e
}

// reframe turns a domain validation error about a field of ours ("email")
// into one about the file's field ("E-mail 1 - Value") on its line.
func reframe(err error, line int, field string) error {
	var e *rapport.Error
	if !errors.As(err, &e) {
		return err
	}
	out := *e
	if e.Field != "" && field != "" {
		out.Message = field + strings.TrimPrefix(e.Message, e.Field)
		out.Field = field
	}
	return atLine(line, &out)
}
