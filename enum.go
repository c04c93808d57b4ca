package rapport

import (
	"slices"
	"strings"
)

// ParseEnum returns the member of values spelled s (case-insensitive, "-"
// accepted for "_"), or an EINVALID error naming field, s and the choices.
func ParseEnum[T ~string](field, s string, values []T) (T, error) {
	norm := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_")
	for _, v := range values {
		if string(v) == norm {
			return v, nil
		}
	}
	return "", notOneOf(field, s, values)
}

// Choices lists enum values for messages and help: "a, b, c".
func Choices[T ~string](values []T) string {
	s := make([]string, len(values))
	for i, v := range values {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

func validEnum[T ~string](field string, v T, values []T) error {
	if slices.Contains(values, v) {
		return nil
	}
	return notOneOf(field, v, values)
}

// notOneOf reports a value that is none of values, listing them.
func notOneOf[T ~string](field string, v any, values []T) *Error {
	c := Choices(values)
	return Invalid(field, v, "must be one of "+c).Keyed("error.invalid.one_of", map[string]any{"choices": c})
}
