package web

import (
	"net/http"
	"strings"

	"rapport"
	"rapport/app"
	"rapport/compose"
	"rapport/i18n"
	"rapport/rules"
)

// The two drafts the composer writes.
const (
	draftReconnect = "reconnect"
	draftOpener    = "opener"
)

// composeView is the composer's page: the form, filled in as the user left
// it, and the draft once written.
type composeView struct {
	Contact *rapport.Contact
	Draft   string // reconnect or opener
	// The form's fields.
	WhyNow, Offer, Silence, SilenceText, Lang, Register, Situation, Channel string
	// The choices it offers.
	Reasons    []compose.SilenceReason
	Registers  []compose.Register
	Situations []compose.Situation
	Channels   []rapport.Channel
	// The result.
	Result  *app.DraftResult
	Problem string // why the form was refused, in the page's language
}

// DraftDir is the direction of the draft's language, for its dir attribute.
func (v *composeView) DraftDir() string {
	if v.Result != nil && i18n.For(v.Result.Lang).RTL() {
		return "rtl"
	}
	return "ltr"
}

func newComposeView(c *rapport.Contact, draft string) *composeView {
	if draft != draftOpener {
		draft = draftReconnect
	}
	return &composeView{Contact: c, Draft: draft, Register: string(compose.Formal),
		Situation: string(compose.Situations[0]), Channel: string(rapport.ChannelCall),
		Reasons: compose.SilenceReasons, Registers: compose.Registers, Situations: compose.Situations,
		Channels: compose.OpenerChannels}
}

// composePage shows the composer for a reconnection message
// (?draft=reconnect, the default) or an opener (?draft=opener).
func (w *Web) composePage(rw http.ResponseWriter, r *http.Request, pg *page) error {
	c, err := w.pathContact(r, pg)
	if err != nil {
		return err
	}
	pg.Data = newComposeView(c, r.URL.Query().Get("draft"))
	w.render(rw, http.StatusOK, "compose", pg)
	return nil
}

// composeDraft writes the draft the form asks for and shows it, ready to
// copy, with the warnings that come with it. Nothing is stored or sent.
func (w *Web) composeDraft(rw http.ResponseWriter, r *http.Request, pg *page) error {
	c, err := w.pathContact(r, pg)
	if err != nil {
		return err
	}
	v := newComposeView(c, r.PostFormValue("draft"))
	v.WhyNow, v.Offer = r.PostFormValue("why_now"), r.PostFormValue("offer")
	v.Silence, v.SilenceText = r.PostFormValue("silence"), r.PostFormValue("silence_text")
	v.Lang = r.PostFormValue("lang")
	if reg := r.PostFormValue("register"); reg != "" {
		v.Register = reg
	}
	if s := r.PostFormValue("situation"); s != "" {
		v.Situation = s
	}
	if ch := r.PostFormValue("channel"); ch != "" {
		v.Channel = ch
	}
	pg.Data = v
	problem := func(err error) error { return w.formProblem(rw, pg, "compose", &v.Problem, err) }

	lang, err := draftLanguage(v.Lang)
	if err != nil {
		return problem(err)
	}
	reg, err := compose.ParseRegister(v.Register)
	if err != nil {
		return problem(err)
	}
	var res app.DraftResult
	if v.Draft == draftOpener {
		sit, err := compose.ParseSituation(v.Situation)
		if err != nil {
			return problem(err)
		}
		ch, err := rapport.ParseEnum("channel", v.Channel, compose.OpenerChannels)
		if err != nil {
			return problem(err)
		}
		res, err = w.svc.DraftOpener(r.Context(), pg.P.Account.ID, c, compose.OpenerInput{
			Lang: lang, Register: reg, Situation: sit, Channel: ch})
		if err != nil {
			return problem(err)
		}
	} else {
		// compose says these in English only: the web app says them itself.
		switch {
		case strings.TrimSpace(v.WhyNow) == "":
			return problem(composeRequired("why_now", "say why you are writing now", "web.compose.why_now_required"))
		case strings.TrimSpace(v.Offer) == "":
			return problem(composeRequired("offer", "say what you can offer in return", "web.compose.offer_required"))
		}
		silence := v.Silence
		if strings.TrimSpace(v.SilenceText) != "" {
			silence = v.SilenceText // the user's own words win over a listed reason
		}
		res, err = w.svc.DraftReconnect(r.Context(), pg.P.Account.ID, c, compose.ReconnectInput{
			Lang: lang, Register: reg, Silence: silence, WhyNow: v.WhyNow, Offer: v.Offer})
		if err != nil {
			return problem(err)
		}
	}
	localizeDraftWarnings(pg.tr, res.Warnings)
	v.Result = &res
	w.render(rw, http.StatusOK, "compose", pg)
	return nil
}

// composeRequired reports a field left empty, with a key that says all (no
// field: value frame around it).
func composeRequired(field, english, key string) error {
	return (&rapport.Error{Code: rapport.EINVALID, Field: field, Message: field + ": " + english}).Keyed(key, nil)
}

// draftLanguage checks the language asked for a draft: en, ar, pl, or ""
// for the contact's.
func draftLanguage(lang string) (string, error) {
	lang = strings.TrimSpace(lang)
	if lang == "" {
		return "", nil
	}
	for _, l := range i18n.Supported {
		if lang == l {
			return l, nil
		}
	}
	choices := strings.Join(i18n.Supported, ", ")
	return "", rapport.Invalid("lang", lang, "must be one of "+choices).Keyed("error.invalid.one_of", map[string]any{"choices": choices})
}

// localizeDraftWarnings says a draft's warnings in the page's language. The
// app writes them in the draft's language, which app.LocalizeWarnings takes
// for English; they are rendered again from their keys and parameters, and
// a warning the catalog cannot render keeps its words.
func localizeDraftWarnings(tr *i18n.Translator, ws []rules.Warning) {
	for k := range ws {
		w := &ws[k]
		if s, err := tr.Render(w.MessageKey(), i18n.Args(w.Params)); err == nil {
			w.Message = s
		}
		if s, err := tr.Render(w.SuggestionKey(), i18n.Args(w.Params)); err == nil {
			w.Suggestion = s
		}
	}
}
