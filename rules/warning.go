package rules

import (
	"rapport"
)

// WarningCode names a problem the rules found (rules 1, 3, 6, 7, 8).
type WarningCode string

const (
	WarnNotAnAttempt        WarningCode = "not_an_attempt"
	WarnGivenUp             WarningCode = "given_up"
	WarnTrustLost           WarningCode = "trust_lost"
	WarnThirdPartyAsk       WarningCode = "third_party_ask"
	WarnPrematureNetworkAsk WarningCode = "premature_network_ask"
	WarnRepeatPressure      WarningCode = "repeat_pressure"
	WarnReciprocityDeficit  WarningCode = "reciprocity_deficit"
	WarnThankYouPending     WarningCode = "thank_you_pending"
	WarnReconnectFirst      WarningCode = "reconnect_first"
)

// WarningCodes lists every warning code.
var WarningCodes = []WarningCode{
	WarnNotAnAttempt, WarnGivenUp, WarnTrustLost, WarnThirdPartyAsk, WarnPrematureNetworkAsk,
	WarnRepeatPressure, WarnReciprocityDeficit, WarnThankYouPending, WarnReconnectFirst,
}

// Warning is a problem with what the user is about to do: what is wrong
// (Message) and what to do instead (Suggestion), in English from the catalog
// (package i18n). A translator
// renders the catalog keys "warning.CODE.message" and "warning.CODE.suggestion"
// (MessageKey, SuggestionKey) with Params instead.
type Warning struct {
	Code       WarningCode `json:"code"`
	Message    string      `json:"message"`
	Suggestion string      `json:"suggestion"`
	Params     Params      `json:"params,omitempty"`
}

// MessageKey is the catalog key of the warning's message.
func (w Warning) MessageKey() string { return "warning." + string(w.Code) + ".message" }

// SuggestionKey is the catalog key of the warning's suggestion.
func (w Warning) SuggestionKey() string { return "warning." + string(w.Code) + ".suggestion" }

func newWarning(code WarningCode, p Params) Warning {
	w := Warning{Code: code, Params: p}
	w.Message, w.Suggestion = english(w.MessageKey(), p), english(w.SuggestionKey(), p)
	return w
}

// Params are the named values a text is rendered with: the arguments of its
// catalog key. Values are strings, ints and times (time.Time).
type Params map[string]any

// Refusal is why a rule refused an action, as a catalog key and its
// parameters. The rules return it as the cause (Err) of a *rapport.Error
// whose Message is the English, so that errors.As finds it for translation.
type Refusal struct {
	Key     string
	Params  Params
	Message string
}

func (r *Refusal) Error() string { return r.Message }

func refuse(key string, p Params) error {
	r := &Refusal{Key: key, Params: p, Message: english(key, p)}
	return &rapport.Error{Code: rapport.ECONFLICT, Message: r.Message, Err: r}
}

// Params returns the item's reason parameters, for rendering ReasonKey.
func (it Item) Params() Params {
	p := Params{"name": it.ContactName}
	if it.gender != "" {
		p["contact_gender"] = it.gender
	}
	switch it.Kind {
	case ItemPromiseDue, ItemFollowUp:
		p["what"] = it.What
	case ItemAttempt:
		p["attempt"], p["total"], p["goal"] = it.Attempt, it.MaxAttempts, it.What
	case ItemBirthday:
		p["date"] = it.Due
	default:
		p["count"] = it.Count
	}
	return p
}
