package rules

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"rapport"
)

// Ask is an ask the user is about to make (rule 8).
type Ask struct {
	Kind     rapport.FavorKind `json:"kind"`
	About    string            `json:"about"`
	OnBehalf string            `json:"on_behalf"` // "" when the ask is for the user
	// OnBehalfKnown: the person asked for shares a held interaction with the
	// contact. The caller resolves it (the rules see one contact only).
	OnBehalfKnown bool `json:"on_behalf_known"`
}

// AskResult is the verdict of CheckAsk: OK when there is no warning.
type AskResult struct {
	OK       bool      `json:"ok"`
	Warnings []Warning `json:"warnings"`
}

// networkKinds are the asks that open the contact's network to the user.
var networkKinds = []rapport.FavorKind{rapport.FavorIntro, rapport.FavorContacts, rapport.FavorReferral}

// CheckAsk says whether an ask is likely to hurt the relationship (rule 8),
// with a warning for each problem, in this order:
//
//   - given_up: the latest effort was given up and they have not reached out since;
//   - trust_lost;
//   - third_party_ask: on behalf of someone the contact does not know;
//   - premature_network_ask: an intro, contacts or referral ask with fewer
//     than NetworkMinConversations held live conversations (Summary.HeldLive),
//     or known (since the earlier of the contact's creation and first
//     interaction) for fewer than NetworkMinKnownDays days;
//   - repeat_pressure: an ask of the same kind and a similar topic (see
//     SimilarTopic) that they declined or granted only in part, RepeatAskDays
//     days ago or less (the most recent such ask is named);
//   - reciprocity_deficit, thank_you_pending, and reconnect_first (dormant).
func CheckAsk(h History, a Ask, s rapport.Settings, now time.Time) AskResult {
	c := newClock(now)
	ct := h.contact()
	name, gender := ct.DisplayName, genderOf(ct)
	res := AskResult{Warnings: []Warning{}}
	add := func(code WarningCode, p Params) {
		p["contact_gender"] = gender
		res.Warnings = append(res.Warnings, newWarning(code, p))
	}

	last, reachedOut := effortsOf(&h, s, c, nil)
	if last.state == EffortGivenUp && !reachedOut {
		res.Warnings = append(res.Warnings, givenUpWarning(ct, last))
	}
	if t := trustOf(&h, c); t.state == TrustLost {
		add(WarnTrustLost, Params{"name": name})
	}
	if strings.TrimSpace(a.OnBehalf) != "" && !a.OnBehalfKnown {
		add(WarnThirdPartyAsk, Params{"name": name, "on_behalf": strings.TrimSpace(a.OnBehalf)})
	}
	if slices.Contains(networkKinds, a.Kind) {
		known := 0
		if k := ct.KnownSince(); !k.IsZero() {
			known = max(c.since(k), 0)
		}
		if ct.Summary.HeldLive < s.NetworkMinConversations || known < s.NetworkMinKnownDays {
			add(WarnPrematureNetworkAsk, Params{
				"name": name, "held": ct.Summary.HeldLive, "min_held": s.NetworkMinConversations,
				"known": known, "min_known": s.NetworkMinKnownDays,
			})
		}
	}
	if prev := repeatedAsk(h.Favors, a, s, c); prev != nil {
		add(WarnRepeatPressure, Params{"name": name, "date": prev.At, "outcome": string(prev.Outcome)})
	}
	rec := reciprocityOf(&h, s)
	if rec.Deficit {
		add(WarnReciprocityDeficit, Params{"name": name, "count": -rec.Balance})
	}
	if rec.ThankYouPending {
		add(WarnThankYouPending, Params{"name": name, "count": rec.Unthanked})
	}
	if k := keepOf(ct, s, c); k.dormant {
		add(WarnReconnectFirst, Params{"name": name, "count": k.days})
	}
	res.OK = len(res.Warnings) == 0
	return res
}

// repeatedAsk returns the latest ask like a that they declined or granted
// only in part, at most RepeatAskDays days ago; nil when there is none.
func repeatedAsk(fs []*rapport.Favor, a Ask, s rapport.Settings, c clock) *rapport.Favor {
	var found *rapport.Favor
	for _, f := range fs {
		if f.Dir != rapport.FavorAsked || f.Kind != a.Kind ||
			(f.Outcome != rapport.FavorDeclined && f.Outcome != rapport.FavorPartial) {
			continue
		}
		if d := c.since(f.At); d < 0 || d > s.RepeatAskDays {
			continue
		}
		if (found == nil || f.At.After(found.At)) && SimilarTopic(f.About, a.About) {
			found = f
		}
	}
	return found
}

// SimilarTopic reports whether two asks' topics are about the same thing.
// Both are folded (rapport.FoldSearch: case and accents ignored) and cut into
// words; words shorter than 4 letters and the common words of commonWords
// (text.go) are left out. Two words match when equal, when the shorter
// starts the longer or ends it ("referral"/"referrals", "intro"/"introduction",
// the Arabic article: "شركه"/"الشركه"), or when they differ only in the
// shorter one's last letter and what follows ("firma"/"firmy",
// "rekomendacja"/"rekomendacji"; at least 4 letters in common). Topics are similar when more than half
// of the words of the one with fewer words match a word of the other.
//
// A topic left empty on either side matches anything: the kind alone decides.
// Topics that are equal once folded match, however short their words.
func SimilarTopic(a, b string) bool {
	fa, fb := rapport.FoldSearch(a), rapport.FoldSearch(b)
	if fa == "" || fb == "" || fa == fb {
		return true
	}
	wa, wb := topicWords(fa), topicWords(fb)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	if len(wb) < len(wa) {
		wa, wb = wb, wa
	}
	shared := 0
	for _, x := range wa {
		if slices.ContainsFunc(wb, func(y string) bool { return wordsMatch(x, y) }) {
			shared++
		}
	}
	return 2*shared > len(wa)
}

const minTopicWord = 4 // letters

func topicWords(folded string) []string {
	words := strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	out := words[:0]
	for _, w := range words {
		if utf8.RuneCountInString(w) >= minTopicWord && !commonWords[w] && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func wordsMatch(x, y string) bool {
	if len(y) < len(x) {
		x, y = y, x
	}
	if strings.HasPrefix(y, x) || strings.HasSuffix(y, x) {
		return true
	}
	// Inflected forms: all but the last letter of the shorter word in common.
	common, n := 0, utf8.RuneCountInString(x)
	for k, r := range x {
		q, _ := utf8.DecodeRuneInString(y[k:])
		if q != r {
			break
		}
		common++
	}
	return common >= max(minTopicWord, n-1)
}
