package app

import (
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

// LocalizeRefusal renders a rules refusal in tr's language.
func LocalizeRefusal(tr *i18n.Translator, r *rules.Refusal) string {
	return render(tr, r.Key, r.Params, r.Message)
}
