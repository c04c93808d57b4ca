package app

import (
	"errors"
	"strings"

	"rapport"
	"rapport/i18n"
	"rapport/rules"
)

// The rules give every text as a catalog key with parameters, and its
// English beside it. These functions render those texts in the user's
// language; a text the catalog cannot render stays in English.

func render(tr *i18n.Translator, key string, p rules.Params, english string) string {
	if tr == nil || tr.Lang() == "en" || key == "" {
		return english
	}
	s, err := tr.Render(key, i18n.Args(p))
	if err != nil {
		return english
	}
	return s
}

// LocalizeWarnings renders warnings' messages and suggestions in tr's language.
func LocalizeWarnings(tr *i18n.Translator, ws []rules.Warning) {
	for k := range ws {
		w := &ws[k]
		w.Message = render(tr, w.MessageKey(), w.Params, w.Message)
		w.Suggestion = render(tr, w.SuggestionKey(), w.Params, w.Suggestion)
	}
}

// LocalizeItems renders the reasons of Today's items in tr's language.
func LocalizeItems(tr *i18n.Translator, items []rules.Item) {
	for k := range items {
		it := &items[k]
		it.Reason = render(tr, it.ReasonKey, it.Params(), it.Reason)
	}
}

// LocalizeStatus renders a status's advice and health factors in tr's language.
func LocalizeStatus(tr *i18n.Translator, st *rules.Status) {
	st.Advice = render(tr, st.AdviceKey, nil, st.Advice)
	for k := range st.Health.Factors {
		f := &st.Health.Factors[k]
		f.Words = render(tr, f.Key, f.Params, f.Words)
	}
}

// LocalizeError says err in tr's language, for a user to read: a
// *rapport.Error by its Key and Args, after the line of the input at fault
// when it has one (error.at_line), a refusal of the rules by its own key
// and parameters, and anything else as an internal error, whose text is for
// the log only. An error without a key, or whose key the catalog cannot
// render, is shown in English (Message). The CLI and the API show errors
// through it.
func LocalizeError(tr *i18n.Translator, err error) string {
	if tr == nil {
		tr = i18n.For("en")
	}
	var e *rapport.Error
	if !errors.As(err, &e) || e.Code == rapport.EINTERNAL {
		return tr.T("error.code.internal", nil)
	}
	if e.Key == "" {
		var r *rules.Refusal
		if errors.As(err, &r) {
			return render(tr, r.Key, r.Params, r.Message)
		}
		return e.Message
	}
	args := verbatim(tr, e.Args)
	s, rerr := tr.Render(e.Key, args)
	if _, framed := e.Args["value"]; rerr == nil && e.Code == rapport.EINVALID && e.Field != "" && framed {
		// The key says why; the message names the field and the value too,
		// as rapport.Invalid makes it. An invalid input whose value must not
		// be shown (a password) has no "value": its key says it all.
		args["why"] = i18n.Text(s)
		s, rerr = tr.Render("error.invalid_value", args)
	}
	if rerr == nil && e.Line > 0 {
		s, rerr = atLine(tr, e.Line, s)
	}
	if rerr != nil {
		return e.Message
	}
	return s
}

// LocalizeWarning says what an import read only in part in tr's language,
// after the line it names: a warning without a key, or whose key the
// catalog cannot render, is shown in English (Message). The field and the
// value are shown verbatim, as LocalizeError shows them.
func LocalizeWarning(tr *i18n.Translator, w RecordWarning) string {
	if tr == nil {
		tr = i18n.For("en")
	}
	if w.Key == "" {
		return w.Message
	}
	s, err := tr.Render(w.Key, verbatim(tr, w.Args))
	if line, ok := w.Args["line"].(int); ok && err == nil && line > 0 {
		s, err = atLine(tr, line, s)
	}
	if err != nil {
		return w.Message
	}
	return s
}

// LocalizeSkipped says why an import left a record out in tr's language:
// by its error (LocalizeError), or its English Reason when it has none, as
// when it came through the API.
func LocalizeSkipped(tr *i18n.Translator, s SkippedRecord) string {
	var e *rapport.Error
	if !errors.As(s.Err, &e) {
		return s.Reason
	}
	return LocalizeError(tr, e)
}

// atLine puts the line of the input at fault before a message.
func atLine(tr *i18n.Translator, line int, message string) (string, error) {
	return tr.Render("error.at_line", i18n.Args{"line": i18n.Text(tr.Digits(line)), "error": i18n.Text(message)})
}

// verbatim prepares an error's arguments. A string is shown as it is, and in
// a right-to-left language isolated, so that "--kind", "-3" or a Latin name
// keeps its order (in the other languages, the translator isolates
// right-to-left text itself). A whole number named line or ref is a line of
// a file, in the language's digits but never grouped. Other numbers, times and genders are the
// translator's to format.
func verbatim(tr *i18n.Translator, args map[string]any) i18n.Args {
	out := make(i18n.Args, len(args)+1)
	for k, v := range args {
		if s, ok := v.(string); ok && tr.RTL() && !strings.HasSuffix(k, "_gender") {
			v = i18n.Isolate(s)
		}
		if n, ok := v.(int); ok && (k == "line" || k == "ref") {
			v = i18n.Text(tr.Digits(n))
		}
		out[k] = v
	}
	return out
}
