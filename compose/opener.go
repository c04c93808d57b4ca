package compose

import (
	"strings"

	"rapport"
)

// Situation is why the user opens a conversation about working together.
type Situation string

const (
	NewQuarter    Situation = "new_quarter"     // a quarter of working closely together starts
	AfterHardYear Situation = "after_hard_year" // a hard year for the work is over
	HowWeWork     Situation = "how_we_work"     // simply how to work together from here
)

// Situations lists every situation.
var Situations = []Situation{NewQuarter, AfterHardYear, HowWeWork}

// ParseSituation reads a situation; "new-quarter" and "new_quarter" are the same.
func ParseSituation(s string) (Situation, error) {
	return rapport.ParseEnum("situation", s, Situations)
}

// OpenerChannels are the channels an opener may propose: live ones only.
var OpenerChannels = []rapport.Channel{rapport.ChannelCall, rapport.ChannelVideo, rapport.ChannelInPerson}

// OpenerInput is what an opener is written from.
type OpenerInput struct {
	Contact   rapport.Contact
	User      rapport.User
	Lang      string // "" means the contact's, else the user's
	Register  Register
	Situation Situation
	Channel   rapport.Channel // call, video or in_person; "" means call
}

// Opener writes a short, direct request to talk about how the user and the
// contact work together, for the situation, ending with a proposal to talk
// live on the channel (a call, a video call or a meeting), never to carry on
// in writing.
func Opener(in OpenerInput) (Draft, error) {
	sit, err := ParseSituation(string(in.Situation))
	if err != nil {
		return Draft{}, err
	}
	ch := in.Channel
	if strings.TrimSpace(string(ch)) == "" {
		ch = rapport.ChannelCall
	}
	ch, err = rapport.ParseEnum("channel", string(ch), OpenerChannels)
	if err != nil {
		return Draft{}, err
	}
	reg, err := ParseRegister(string(in.Register))
	if err != nil {
		return Draft{}, err
	}
	w, lang, err := newWriter(in.Lang, reg, &in.Contact, &in.User)
	if err != nil {
		return Draft{}, err
	}
	request, err := w.t("draft.opener."+string(sit), nil)
	if err != nil {
		return Draft{}, err
	}
	propose, err := w.t("draft.propose."+string(ch), nil)
	if err != nil {
		return Draft{}, err
	}
	askTime, err := w.t("draft.ask_time", nil)
	if err != nil {
		return Draft{}, err
	}
	text, err := w.letter(&in.User, request, join(propose, askTime))
	if err != nil {
		return Draft{}, err
	}
	return Draft{Lang: lang, Register: reg, Text: text}, nil
}
