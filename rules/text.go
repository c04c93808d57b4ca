package rules

// Every English text of package rules, and nothing else. Each text has a
// catalog key (the key package i18n renders in other languages) and reads
// its parameters by name; the parameters of each key are listed beside it.
// Names and free text ("name", "what", "goal", "on_behalf") arrive as the
// user wrote them; "date" is a time.Time; everything else is an int.

import (
	"fmt"
	"strconv"
	"strings"
	"time"
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

// english renders a key with its parameters; an unknown key renders as itself.
func english(key string, p Params) string {
	if f, ok := englishText[key]; ok {
		return f(p)
	}
	return key
}

// englishText holds every English text but the Today reasons (below).
var englishText = map[string]func(p Params) string{
	// (no parameters)
	keyProfessionalOnly: func(Params) string {
		return "professional only: include in necessary meetings and communications; stop inviting"
	},

	// channel: the written channel used.
	"warning.not_an_attempt.message": func(Params) string {
		return "A written invitation does not count as an attempt: email, texts and social messages are one-way."
	},
	"warning.not_an_attempt.suggestion": func(Params) string {
		return "Call instead, or propose a video call or a meeting."
	},
	// name; count: the failed attempts.
	"warning.given_up.message": func(p Params) string {
		return fmt.Sprintf("You have tried %s with %s, and the effort is given up: don't chase.", times(p.int("count")), p.str("name"))
	},
	"warning.given_up.suggestion": func(Params) string {
		return "Stay professional: include them in meetings the work needs, but stop inviting. If they reach out themselves, you may start afresh."
	},
	// name.
	"warning.trust_lost.message": func(p Params) string {
		return p.str("name") + ": trust is lost."
	},
	"warning.trust_lost.suggestion": func(Params) string {
		return "Keep it professional: no invitations and no asks. Reset trust only deliberately, with a reason."
	},
	// name; on_behalf: the person the user asks for.
	"warning.third_party_ask.message": func(p Params) string {
		return fmt.Sprintf("%s does not know %s, on whose behalf you are asking.", p.str("name"), p.str("on_behalf"))
	},
	"warning.third_party_ask.suggestion": func(Params) string {
		return "Don't ask, or ask one very specific question for them."
	},
	// name; held, min_held: live conversations held, and needed; known,
	// min_known: days known, and needed.
	"warning.premature_network_ask.message": func(p Params) string {
		return fmt.Sprintf("%s: it is too early to ask for introductions or contacts; the relationship is not built yet (%s held of %d, known for %s of %d).",
			p.str("name"), plural(p.int("held"), "%d live conversation", "%d live conversations"), p.int("min_held"),
			plural(p.int("known"), "%d day", "%d days"), p.int("min_known"))
	},
	"warning.premature_network_ask.suggestion": func(Params) string {
		return "Build the relationship first: open with your own interests and goals, and ask later."
	},
	// name; date: the earlier ask; outcome: declined or partial.
	"warning.repeat_pressure.message": func(p Params) string {
		how := "they declined"
		if p.str("outcome") == "partial" {
			how = "they helped only in part"
		}
		return fmt.Sprintf("You asked %s about this on %s, and %s.", p.str("name"), longDate(p.time("date")), how)
	},
	"warning.repeat_pressure.suggestion": func(Params) string {
		return "Thank them for what they did, and ask for pointers instead."
	},
	// name; count: favors received minus favors given.
	"warning.reciprocity_deficit.message": func(p Params) string {
		return fmt.Sprintf("%s has done you %s more than you have done them.", p.str("name"), plural(p.int("count"), "%d favor", "%d favors"))
	},
	"warning.reciprocity_deficit.suggestion": func(Params) string {
		return "Offer something before you ask again."
	},
	// name; count: favors not thanked.
	"warning.thank_you_pending.message": func(p Params) string {
		return fmt.Sprintf("%s did you %s, and no thanks is on record yet.", p.str("name"), plural(p.int("count"), "a favor", "%d favors"))
	},
	"warning.thank_you_pending.suggestion": func(Params) string {
		return "Say thank you first."
	},
	// name; count: days since the last meaningful contact (or since known).
	"warning.reconnect_first.message": func(p Params) string {
		return fmt.Sprintf("%s: no real contact for %s.", p.str("name"), plural(p.int("count"), "%d day", "%d days"))
	},
	"warning.reconnect_first.suggestion": func(Params) string {
		return "Reconnect first: acknowledge the silence, say why you are writing now, and offer something in return."
	},

	// Today reasons: see itemReason. name, and what / attempt, total, goal /
	// count / date as Item.Params gives them.
	keyTodayPromiseMine:      func(p Params) string { return reasonPromiseMine(p.str("name"), p.str("what")) },
	keyTodayPromiseTheirs:    func(p Params) string { return reasonPromiseTheirs(p.str("name"), p.str("what")) },
	keyTodayAttempt:          func(p Params) string { return reasonAttempt(p.int("attempt"), p.int("total"), p.str("goal")) },
	keyTodayThankYou:         func(p Params) string { return reasonThankYou(p.str("name")) },
	keyTodayKeepInTouch:      func(p Params) string { return reasonKeepInTouch(p.int("count")) },
	keyTodayKeepInTouchNever: func(p Params) string { return reasonKeepInTouchNever(p.int("count")) },
	keyTodayReconnect:        func(p Params) string { return reasonReconnect(p.int("count")) },
	keyTodayReconnectNever:   func(p Params) string { return reasonReconnectNever(p.int("count")) },
	keyTodayOffer:            func(p Params) string { return reasonOffer(p.str("name")) },
	keyTodayBirthday:         func(p Params) string { return reasonBirthday(p.time("date")) },

	// Health factors. count: days since the last meaningful contact; cadence: days.
	keyHealthRecencyWithin: func(p Params) string {
		return fmt.Sprintf("Last real contact %s, within the %d-day cadence.", ago(p.int("count")), p.int("cadence"))
	},
	keyHealthRecencyOverdue: func(p Params) string {
		return fmt.Sprintf("Last real contact %s, past the %d-day cadence.", ago(p.int("count")), p.int("cadence"))
	},
	keyHealthRecencyDormant: func(p Params) string {
		return fmt.Sprintf("No real contact for %s: dormant.", plural(p.int("count"), "%d day", "%d days"))
	},
	keyHealthRecencyNever: func(Params) string { return "No real contact on record yet." },
	// count: interactions they started; total: all interactions.
	keyHealthTwoWayNone: func(Params) string { return "No interactions yet." },
	keyHealthTwoWayOnlyMe: func(p Params) string {
		return fmt.Sprintf("Only you reach out: they started none of %d interactions.", p.int("total"))
	},
	keyHealthTwoWayBoth: func(p Params) string {
		return fmt.Sprintf("They started %d of %d interactions.", p.int("count"), p.int("total"))
	},
	// given, received: favors; count: received minus given.
	keyHealthReciprocityBalanced: func(p Params) string {
		return fmt.Sprintf("Favors in balance: %d given, %d received.", p.int("given"), p.int("received"))
	},
	keyHealthReciprocityBehind: func(p Params) string {
		return fmt.Sprintf("They have done you %s more than you have done them.", plural(p.int("count"), "%d favor", "%d favors"))
	},
	keyHealthReciprocityDeficit: func(p Params) string {
		return fmt.Sprintf("Reciprocity deficit: they have done you %s more than you have done them.", plural(p.int("count"), "%d favor", "%d favors"))
	},
	// count: favors not thanked.
	keyHealthThankYouNone:    func(Params) string { return "No thank-you owed." },
	keyHealthThankYouPending: func(p Params) string { return plural(p.int("count"), "%d favor", "%d favors") + " not thanked yet." },
	// count: promises kept; total: promises kept, broken, and mine past due.
	keyHealthPromisesNone: func(Params) string { return "No promise kept or broken yet." },
	keyHealthPromisesRecord: func(p Params) string {
		return fmt.Sprintf("%d of %d promises kept, yours and theirs.", p.int("count"), p.int("total"))
	},
	// attempt, total; count: failed attempts.
	keyHealthEffortNone: func(Params) string { return "No effort to strengthen the relationship." },
	keyHealthEffortActive: func(p Params) string {
		return fmt.Sprintf("Effort under way: attempt %d of %d.", p.int("attempt"), p.int("total"))
	},
	keyHealthEffortSucceeded: func(Params) string { return "The last effort succeeded." },
	keyHealthEffortGivenUp: func(p Params) string {
		return fmt.Sprintf("Given up after %s: professional only.", plural(p.int("count"), "%d failed attempt", "%d failed attempts"))
	},
	keyHealthEffortReachedOut: func(Params) string { return "The last effort was given up, but they have reached out since." },
	// count: breaches since the last reset.
	keyHealthTrustGood:         func(Params) string { return "No breach of trust since the last reset." },
	keyHealthTrustSecondChance: func(Params) string { return "One breach of trust: a second chance." },
	keyHealthTrustLost: func(p Params) string {
		return fmt.Sprintf("%s of trust: trust is lost.", plural(p.int("count"), "%d breach", "%d breaches"))
	},

	// Refusals. name; attempt, total, goal / count.
	keyRefuseActive: func(p Params) string {
		return fmt.Sprintf("An effort with %s is already under way (attempt %d of %d): %s", p.str("name"), p.int("attempt"), p.int("total"), p.str("goal"))
	},
	keyRefuseGivenUp: func(p Params) string {
		return fmt.Sprintf("The last effort with %s was given up after %s; a new one may start once they reach out themselves (an inbound call, video call or meeting).",
			p.str("name"), plural(p.int("count"), "%d failed attempt", "%d failed attempts"))
	},
	keyRefuseTrustLost: func(p Params) string {
		return fmt.Sprintf("Trust in %s is lost; reset it first, deliberately and with a reason (rapport trust reset).", p.str("name"))
	},
}

// The Today reasons, one function per key, shared by englishText (from
// Params) and itemReason (from an Item, without building Params).
func reasonPromiseMine(name, what string) string { return "You promised " + name + ": " + what }
func reasonPromiseTheirs(name, what string) string {
	return name + " promised: " + what + ". Follow up."
}
func reasonAttempt(attempt, total int, goal string) string {
	return "Attempt " + strconv.Itoa(attempt) + " of " + strconv.Itoa(total) + ": " + goal
}
func reasonThankYou(name string) string { return name + " did you a favor: say thank you." }

// The four reasons Today gives most are written with one allocation each:
// the number goes through a buffer on the stack (num), and a string(bytes)
// inside a concatenation is not copied.
func reasonKeepInTouch(days int) string {
	if days < 2 {
		return "Overdue: last real contact " + ago(days) + "."
	}
	var b [20]byte
	return "Overdue: last real contact " + string(num(&b, days)) + " days ago."
}
func reasonKeepInTouchNever(days int) string {
	var b [20]byte
	return "Overdue: no real contact yet, in " + string(num(&b, days)) + dayWord(days) + " since you added them."
}
func reasonReconnect(days int) string {
	var b [20]byte
	return "Dormant: no real contact for " + string(num(&b, days)) + dayWord(days) + ". Time to reconnect."
}
func reasonReconnectNever(days int) string {
	var b [20]byte
	return "Dormant: no real contact in " + string(num(&b, days)) + dayWord(days) + " since you added them. Time to connect."
}

func num(b *[20]byte, n int) []byte { return strconv.AppendInt(b[:0], int64(n), 10) }

func dayWord(n int) string {
	if n == 1 {
		return " day"
	}
	return " days"
}
func reasonOffer(name string) string {
	return name + " has done more for you than you for them: offer something."
}
func reasonBirthday(date time.Time) string { return "Birthday: " + longDate(date) + "." }

// itemReason renders an item's reason in English.
func itemReason(it *Item) string {
	switch it.ReasonKey {
	case keyTodayPromiseMine:
		return reasonPromiseMine(it.ContactName, it.What)
	case keyTodayPromiseTheirs:
		return reasonPromiseTheirs(it.ContactName, it.What)
	case keyTodayAttempt:
		return reasonAttempt(it.Attempt, it.MaxAttempts, it.What)
	case keyTodayThankYou:
		return reasonThankYou(it.ContactName)
	case keyTodayKeepInTouch:
		return reasonKeepInTouch(it.Count)
	case keyTodayKeepInTouchNever:
		return reasonKeepInTouchNever(it.Count)
	case keyTodayReconnect:
		return reasonReconnect(it.Count)
	case keyTodayReconnectNever:
		return reasonReconnectNever(it.Count)
	case keyTodayOffer:
		return reasonOffer(it.ContactName)
	case keyTodayBirthday:
		return reasonBirthday(it.Due)
	}
	return english(it.ReasonKey, it.Params())
}

// plural picks English's form for n, one ("%d day", "a favor") or other
// ("%d days"), and writes n in place of its %d.
func plural(n int, one, other string) string {
	form := other
	if n == 1 {
		form = one
	}
	if !strings.Contains(form, "%d") {
		return form
	}
	return strings.Replace(form, "%d", strconv.Itoa(n), 1)
}

func ago(days int) string {
	switch days {
	case 0:
		return "today"
	case 1:
		return "yesterday"
	}
	return strconv.Itoa(days) + " days ago"
}

func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return strconv.Itoa(n) + " times"
}

func longDate(t time.Time) string { return t.Format("January 2, 2006") }

// commonWords are words too common to make two ask topics similar
// (SimilarTopic), in Rapport's languages, folded (rapport.FoldSearch) and of
// at least minTopicWord letters. Language data, kept with the English.
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
