// Package compose writes the drafts Rapport offers: a reconnection message
// for a dormant contact and an opener for a conversation about how two people
// work together. Both are pure functions of their input: the caller supplies
// the contact, the user, the last meaningful contact, now, and the language
// and register. Every word comes from the i18n catalogs (draft.*); this
// package only picks the messages and puts them together.
package compose

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"rapport"
	"rapport/i18n"
)

// Register is how formal a draft is. It matters most in Polish (Pan/Pani
// against ty) and in the Arabic greeting.
type Register string

const (
	Formal   Register = "formal"
	Informal Register = "informal"
)

// Registers lists both registers, the default first.
var Registers = []Register{Formal, Informal}

// ParseRegister reads a register; "" is formal.
func ParseRegister(s string) (Register, error) {
	if strings.TrimSpace(s) == "" {
		return Formal, nil
	}
	return rapport.ParseEnum("register", s, Registers)
}

// Draft is a message for the user to send. Parts holds the three parts of a
// reconnection (nil for an opener); Text is the whole message, greeting and
// signature included.
type Draft struct {
	Lang     string   `json:"lang"`
	Register Register `json:"register"`
	Parts    *Parts   `json:"parts,omitempty"`
	Text     string   `json:"text"`
}

// Parts are the three parts of a reconnection, in the order they are written.
type Parts struct {
	Acknowledge string `json:"acknowledge"` // the silence, how long, and why
	WhyNow      string `json:"why_now"`     // why the user writes now
	Offer       string `json:"offer"`       // something in return, and thanks in advance
}

// writer renders draft messages for one contact, user, language and register.
type writer struct {
	tr   *i18n.Translator
	args i18n.Args
}

func newWriter(lang string, reg Register, c *rapport.Contact, u *rapport.User) (*writer, string, error) {
	lang, err := draftLang(lang, c, u)
	if err != nil {
		return nil, "", err
	}
	tr := i18n.For(lang)
	return &writer{tr: tr, args: i18n.Args{
		"name":           contactName(c),
		"contact_gender": string(c.Gender),
		"user_gender":    string(u.Gender),
		"register":       string(reg),
	}}, tr.Lang(), nil
}

// draftLang picks the draft's language: the one asked for, else the
// contact's (the reader's), else the user's, else English.
func draftLang(lang string, c *rapport.Contact, u *rapport.User) (string, error) {
	if lang != "" {
		l, ok := i18n.Match(lang)
		if !ok {
			return "", rapport.Invalid("lang", lang, "drafts are written in "+strings.Join(i18n.Supported, ", "))
		}
		return l, nil
	}
	for _, l := range []string{c.Lang, u.Lang} {
		if m, ok := i18n.Match(l); ok {
			return m, nil
		}
	}
	return "en", nil
}

// contactName is the name a draft addresses: the given name, else the
// display name.
func contactName(c *rapport.Contact) string {
	if s := strings.TrimSpace(c.GivenName); s != "" {
		return s
	}
	return strings.TrimSpace(c.DisplayName)
}

// t renders a draft message with the writer's arguments plus extra ones.
func (w *writer) t(key string, extra i18n.Args) (string, error) {
	args := make(i18n.Args, len(w.args)+len(extra))
	for k, v := range w.args {
		args[k] = v
	}
	for k, v := range extra {
		args[k] = v
	}
	s, err := w.tr.Render(key, args)
	if err != nil {
		return "", rapport.Internal(err)
	}
	return s, nil
}

// letter puts a greeting, paragraphs, a closing and the user's name together.
func (w *writer) letter(u *rapport.User, paragraphs ...string) (string, error) {
	greeting, err := w.t("draft.greeting", nil)
	if err != nil {
		return "", err
	}
	closing, err := w.t("draft.closing", nil)
	if err != nil {
		return "", err
	}
	lines := []string{w.line(greeting), ""}
	for _, p := range paragraphs {
		lines = append(lines, w.line(p), "")
	}
	lines = append(lines, w.line(closing))
	if name := strings.TrimSpace(u.DisplayName); name != "" {
		lines = append(lines, w.line(w.tr.Embed(name)))
	}
	return strings.Join(lines, "\n"), nil
}

// line makes a line of an Arabic letter that starts with an isolate (a Latin
// name, or the user's own words in English) keep the letter's direction: the
// bidi algorithm skips an isolate's content when it looks for a paragraph's
// direction, and would otherwise fall back to left-to-right.
func (w *writer) line(s string) string {
	if w.tr.RTL() && strings.HasPrefix(s, i18n.FSI) {
		return "\u200f" + s // RIGHT-TO-LEFT MARK
	}
	return s
}

// sentence tidies the user's own words into a sentence: trimmed, spaces
// collapsed, and ended with a full stop unless it ends with punctuation.
// With capital, the first letter is capitalised.
func sentence(s string, capital bool) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return s
	}
	if capital {
		r, n := utf8.DecodeRuneInString(s)
		s = string(unicode.ToUpper(r)) + s[n:]
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if !strings.ContainsRune(".!?…؟)\"'”»", last) {
		s += "."
	}
	return s
}

func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}
