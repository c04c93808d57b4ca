package rules

// The catalog keys of every text package rules produces, and the English
// beside them. The words themselves are in package i18n's catalogs
// (i18n/locales/*.toml), in English, Arabic and Polish: the rules render
// English from there (english), and the CLI renders the same key and Params
// in the user's language. The parameters of each key are documented in
// i18n/locales/en.toml. Names and free text ("name", "what", "goal",
// "on_behalf") arrive as the user wrote them; "date" is a time.Time;
// "contact_gender" is the contact's rapport.Gender; "outcome" and "channel"
// are codes; everything else is an int.

import (
	"strings"
	"sync"

	"rapport"
	"rapport/i18n"
)

// Catalog keys.
const (
	keyProfessionalOnly = "contact.professional_only"

	keyTodayPromiseMine      = "today.promise_mine"
	keyTodayPromiseTheirs    = "today.promise_theirs"
	keyTodayAttempt          = "today.effort_attempt"
	keyTodayThankYou         = "today.thank_you"
	keyTodayKeepInTouch      = "today.keep_in_touch"
	keyTodayKeepInTouchNever = "today.keep_in_touch_never"
	keyTodayReconnect        = "today.reconnect"
	keyTodayReconnectNever   = "today.reconnect_never"
	keyTodayOffer            = "today.offer"
	keyTodayBirthday         = "today.birthday"

	keyHealthRecencyWithin       = "health.recency.within"
	keyHealthRecencyOverdue      = "health.recency.overdue"
	keyHealthRecencyDormant      = "health.recency.dormant"
	keyHealthRecencyNever        = "health.recency.never"
	keyHealthTwoWayNone          = "health.two_way.none"
	keyHealthTwoWayOnlyMe        = "health.two_way.only_me"
	keyHealthTwoWayBoth          = "health.two_way.both"
	keyHealthReciprocityBalanced = "health.reciprocity.balanced"
	keyHealthReciprocityBehind   = "health.reciprocity.behind"
	keyHealthReciprocityDeficit  = "health.reciprocity.deficit"
	keyHealthThankYouNone        = "health.thank_you.none"
	keyHealthThankYouPending     = "health.thank_you.pending"
	keyHealthPromisesNone        = "health.promises.none"
	keyHealthPromisesRecord      = "health.promises.record"
	keyHealthEffortNone          = "health.effort.none"
	keyHealthEffortActive        = "health.effort.active"
	keyHealthEffortSucceeded     = "health.effort.succeeded"
	keyHealthEffortGivenUp       = "health.effort.given_up"
	keyHealthEffortReachedOut    = "health.effort.reached_out"
	keyHealthTrustGood           = "health.trust.good"
	keyHealthTrustSecondChance   = "health.trust.second_chance"
	keyHealthTrustLost           = "health.trust.lost"

	keyRefuseActive    = "refusal.effort_active"
	keyRefuseGivenUp   = "refusal.given_up"
	keyRefuseTrustLost = "refusal.trust_lost"
)

// en renders the catalogs' English.
var en = sync.OnceValue(func() *i18n.Translator { return i18n.For("en") })

// english renders a key with its parameters from the English catalog; a key
// the catalog cannot render shows as itself (a test makes sure none does).
func english(key string, p Params) string {
	return en().T(key, i18n.Args(p))
}

// genderOf is the contact's grammatical gender as the catalogs take it
// ("contact_gender"): feminine, masculine or unknown.
func genderOf(ct *rapport.Contact) string { return i18n.NormalizeGender(string(ct.Gender)) }

// itemReason renders an item's reason in English: english(it.ReasonKey,
// it.Params()), but without a template per item. Today gives tens of
// thousands of reasons at once, and a reason depends on an item's names and
// free text only by quoting them; so the catalog's English is rendered once
// per shape (the key, the numbers, the date and the gender) with markers for
// the texts, and each item's texts are written in place of the markers.
func itemReason(it *Item) string {
	pt := reasonPatternOf(it)
	if pt == nil {
		return english(it.ReasonKey, it.Params())
	}
	if len(pt.slots) == 0 {
		return pt.parts[0]
	}
	var name, what string
	n := 0
	for k, slot := range pt.slots {
		switch {
		case slot == slotName && name == "":
			name = en().Embed(it.ContactName)
		case slot == slotWhat && what == "":
			what = en().Embed(it.What)
		}
		n += len(pt.parts[k])
	}
	n += len(pt.parts[len(pt.slots)]) + len(name) + len(what)
	var b strings.Builder
	b.Grow(n)
	for k, slot := range pt.slots {
		b.WriteString(pt.parts[k])
		if slot == slotName {
			b.WriteString(name)
		} else {
			b.WriteString(what)
		}
	}
	b.WriteString(pt.parts[len(pt.slots)])
	return b.String()
}

// The markers that stand for an item's texts in a reason pattern: private-use
// characters, written left to right, which Embed leaves alone in English.
const (
	markName = "\ue000"
	markWhat = "\ue001"
)

const (
	slotName byte = iota
	slotWhat
)

// reasonShape is everything but the texts that an item's reason depends on.
type reasonShape struct {
	key     string
	kind    ItemKind
	gender  string
	a, b, c int // count; attempt and total; or the birthday's year, month, day
}

// reasonPattern is a reason with its texts cut out: parts[0], slot 0,
// parts[1], slot 1, … parts[len(slots)].
type reasonPattern struct {
	parts []string
	slots []byte
}

// maxReasonPatterns bounds the cache; past it, reasons are rendered whole.
const maxReasonPatterns = 1 << 14

var reasonPatterns struct {
	sync.RWMutex
	m map[reasonShape]*reasonPattern
}

func reasonPatternOf(it *Item) *reasonPattern {
	sh := reasonShape{key: it.ReasonKey, kind: it.Kind, gender: it.gender}
	switch it.Kind {
	case ItemPromiseDue, ItemFollowUp:
	case ItemAttempt:
		sh.a, sh.b = it.Attempt, it.MaxAttempts
	case ItemBirthday:
		y, m, d := it.Due.Date()
		sh.a, sh.b, sh.c = y, int(m), d
	default:
		sh.a = it.Count
	}
	reasonPatterns.RLock()
	pt, ok := reasonPatterns.m[sh]
	reasonPatterns.RUnlock()
	if ok {
		return pt
	}
	marked := *it
	marked.ContactName, marked.What = markName, markWhat
	pt = newReasonPattern(english(it.ReasonKey, marked.Params()))
	if pt == nil {
		return nil
	}
	reasonPatterns.Lock()
	if reasonPatterns.m == nil {
		reasonPatterns.m = make(map[reasonShape]*reasonPattern)
	}
	if len(reasonPatterns.m) < maxReasonPatterns {
		reasonPatterns.m[sh] = pt
	}
	reasonPatterns.Unlock()
	return pt
}

// newReasonPattern cuts a reason rendered with markers at its markers; nil
// if the markers did not come through as they went in (isolated, say).
func newReasonPattern(s string) *reasonPattern {
	pt := &reasonPattern{}
	for {
		i := strings.IndexAny(s, markName+markWhat)
		if i < 0 {
			break
		}
		pt.parts = append(pt.parts, s[:i])
		if strings.HasPrefix(s[i:], markName) {
			pt.slots = append(pt.slots, slotName)
			s = s[i+len(markName):]
		} else {
			pt.slots = append(pt.slots, slotWhat)
			s = s[i+len(markWhat):]
		}
	}
	pt.parts = append(pt.parts, s)
	for k := range pt.slots {
		if strings.HasSuffix(pt.parts[k], i18n.FSI) && strings.HasPrefix(pt.parts[k+1], i18n.PDI) {
			return nil
		}
	}
	return pt
}

// commonWords are words too common to make two ask topics similar
// (SimilarTopic), in Rapport's languages, folded (rapport.FoldSearch) and of
// at least minTopicWord letters. Language data, kept with the text keys.
var commonWords = map[string]bool{
	// English
	"about": true, "with": true, "from": true, "that": true, "this": true, "these": true, "those": true,
	"your": true, "their": true, "them": true, "they": true, "have": true, "some": true, "more": true,
	"into": true, "over": true, "also": true, "what": true, "when": true, "which": true, "would": true,
	"could": true, "should": true, "there": true, "here": true, "other": true, "help": true, "please": true,
	"someone": true, "anyone": true, "regarding": true, "like": true, "just": true, "maybe": true,
	// Polish
	"jest": true, "przez": true, "oraz": true, "ktory": true, "ktora": true, "ktore": true, "jako": true,
	"zeby": true, "tego": true, "tych": true, "moze": true, "bardzo": true, "takze": true, "sprawie": true,
	"pomoc": true, "kogos": true, "jakis": true, "jakas": true, "mnie": true, "prosba": true,
	// Arabic (folded: ة → ه, ى → ي)
	"التي": true, "الذي": true, "الذين": true, "عندما": true, "ايضا": true, "بخصوص": true, "مساعده": true,
}
