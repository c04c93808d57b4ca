package importer

import (
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"rapport"
)

// Every error and warning of the importer says itself in English (Message,
// which names the line) and as a catalog key with its arguments, which
// app.LocalizeError and app.LocalizeWarning render in the user's language:
// error.import.… (or error.invalid.… when the domain's reason says the same)
// for errors, import.warning.… for warnings. The key never names the line:
// the error's Line (the warning's) does, and the adapter frames the message
// with it (error.at_line).

// invalidAt reports a bad value of a named field on a line, as
// rapport.Invalid words it: `line 42: BDAY: invalid value "31-02": why`.
// key is the catalog key of why, and args its arguments besides the field
// and the value.
func invalidAt(line int, field string, value any, key, why string, args map[string]any) *rapport.Error {
	e := rapport.Invalid(field, value, why).Keyed(key, args)
	e.Args["value"] = shown(fmt.Sprint(value))
	return atLine(line, e)
}

// shown is a value of the file as a message quotes it (%q), without the
// quotes: what is invisible, or would break the line, is escaped (\x00,
// \t), so that the catalog's message says what the English does.
func shown(s string) string {
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// errorAt reports a malformed line that has no one field at fault; key is
// the catalog key of format, and args its arguments.
func errorAt(line int, key string, args map[string]any, format string, a ...any) *rapport.Error {
	return atLine(line, rapport.Errorf(rapport.EINVALID, format, a...).Keyed(key, args))
}

// nothingAt reports a record with nothing to import, as errorAt does.
func nothingAt(line int, key string, args map[string]any, format string, a ...any) *rapport.Error {
	return atLine(line, rapport.Errorf(rapport.ENOTFOUND, format, a...).Keyed(key, args))
}

// atLine prefixes the message with the line, and notes it in Line: the
// catalog key says the rest, and the adapter puts the line before it.
func atLine(line int, e *rapport.Error) *rapport.Error {
	e.Message = fmt.Sprintf("line %d: %s", line, e.Message)
	e.Line = line
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
		if _, ok := e.Args["field"]; ok {
			out.Args = maps.Clone(e.Args)
			out.Args["field"] = field
		}
	}
	return atLine(line, &out)
}

// reason is why a value is refused, or a rule not expanded: its English,
// and its catalog key with arguments.
type reason struct {
	key  string
	args map[string]any
	text string
}

func (r *reason) Error() string { return r.text }

// ruleReason is err as a reason: ours as it is, and rrule-go's own words
// (in English) as the cause of error.import.rrule_invalid.
func ruleReason(err error) *reason {
	var r *reason
	if errors.As(err, &r) {
		return r
	}
	return &reason{key: "error.import.rrule_invalid", args: map[string]any{"cause": err.Error()}, text: err.Error()}
}

// warnAt words a value left out, or kept in part: `line 7: BDAY: "1985" left
// out: …`. key is the catalog key of the whole warning but the line, and
// args its arguments besides the field and the value.
func warnAt(line int, field, value, what, key string, args map[string]any) Warning {
	return Warning{Line: line, Field: field, Value: shown(value), Key: key, Args: args,
		Message: fmt.Sprintf("line %d: %s: %q %s", line, field, value, what)}
}
