package compose

import (
	"strings"
	"time"

	"rapport"
	"rapport/i18n"
)

// SilenceReason is a common reason for a long silence. Any other text the
// user gives is used as their own words.
type SilenceReason string

const (
	SilenceStudies SilenceReason = "studies"
	SilenceMoved   SilenceReason = "moved"
	SilenceFamily  SilenceReason = "family"
	SilenceCareer  SilenceReason = "career"
	SilenceBusy    SilenceReason = "busy"
)

// SilenceReasons lists the reasons the catalogs phrase.
var SilenceReasons = []SilenceReason{SilenceStudies, SilenceMoved, SilenceFamily, SilenceCareer, SilenceBusy}

// ReconnectInput is what a reconnection draft is written from.
type ReconnectInput struct {
	Contact rapport.Contact
	User    rapport.User
	// LastContact is the last meaningful contact; zero when there is none
	// on record, which the draft calls "a long time".
	LastContact time.Time
	Now         time.Time
	// Lang is the draft's language; "" means the contact's, else the user's.
	Lang     string
	Register Register // "" means formal
	// Silence is why the user went quiet: one of SilenceReasons, any other
	// text in the user's own words, or "" to say nothing about it.
	Silence string
	WhyNow  string // required: why the user writes now, in their words
	Offer   string // required: what the user offers in return, in their words
}

// Reconnect writes a message to a contact after a long silence, in three
// parts: it acknowledges the silence (how long, computed with Since, and why,
// if the user says), says why the user writes now, and offers something in
// return with thanks in advance. It claims no closeness that the history
// does not show: nothing about the contact's life, no "as you know".
func Reconnect(in ReconnectInput) (Draft, error) {
	whyNow, offer := strings.TrimSpace(in.WhyNow), strings.TrimSpace(in.Offer)
	switch {
	case whyNow == "":
		return Draft{}, rapport.Invalid("why_now", in.WhyNow, "say why you are writing now")
	case offer == "":
		return Draft{}, rapport.Invalid("offer", in.Offer, "say what you can offer in return")
	case in.Now.IsZero():
		return Draft{}, rapport.Invalid("now", "", "the time of writing is required")
	}
	reg, err := ParseRegister(string(in.Register))
	if err != nil {
		return Draft{}, err
	}
	w, lang, err := newWriter(in.Lang, reg, &in.Contact, &in.User)
	if err != nil {
		return Draft{}, err
	}

	ack, err := w.acknowledge(Since(in.LastContact, in.Now), in.Silence)
	if err != nil {
		return Draft{}, err
	}
	why, err := w.t("draft.why_now", i18n.Args{"text": sentence(whyNow, true)})
	if err != nil {
		return Draft{}, err
	}
	offerText, err := w.t("draft.offer", i18n.Args{"text": sentence(offer, false)})
	if err != nil {
		return Draft{}, err
	}
	thanks, err := w.t("draft.thanks", nil)
	if err != nil {
		return Draft{}, err
	}
	parts := Parts{Acknowledge: ack, WhyNow: why, Offer: join(offerText, thanks)}
	text, err := w.letter(&in.User, parts.Acknowledge, parts.WhyNow, parts.Offer)
	if err != nil {
		return Draft{}, err
	}
	return Draft{Lang: lang, Register: reg, Parts: &parts, Text: text}, nil
}

// acknowledge is the first part: hope they are well, how long it has been,
// and the reason for the silence.
func (w *writer) acknowledge(span Span, silence string) (string, error) {
	hope, err := w.t("draft.hope_well", nil)
	if err != nil {
		return "", err
	}
	var args i18n.Args
	if span.counted() {
		args = i18n.Args{"count": span.Count}
	}
	length, err := w.t(span.key(), args)
	if err != nil {
		return "", err
	}
	reason, err := w.reason(silence)
	if err != nil {
		return "", err
	}
	return join(hope, length, reason), nil
}

func (w *writer) reason(silence string) (string, error) {
	silence = strings.TrimSpace(silence)
	if silence == "" {
		return "", nil
	}
	if r, err := rapport.ParseEnum("silence", silence, SilenceReasons); err == nil {
		return w.t("draft.reason."+string(r), nil)
	}
	return w.t("draft.reason.text", i18n.Args{"text": sentence(silence, true)})
}
