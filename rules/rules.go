// Package rules applies Rapport's relationship rules (issue 4): live beats
// written, three attempts, given up means professional, keep in touch and
// reconnect, promises, trust (a second chance, never a third), reciprocity,
// the ask check, health, Today and the review.
//
// Every function is pure: it reads a History, the account's Settings and
// "now", and does no I/O. It has no clock of its own, and no threshold of its
// own: every number a rule compares with comes from rapport.Settings.
//
// Days are calendar days in now's location: a contact last met yesterday at
// 23:00 was met 1 day ago at 08:00 today. Due dates are midnight in that
// location.
//
// Every text a rule produces is a catalog key plus parameters
// (Warning.Code/Params, Item.ReasonKey/Params, Factor.Key/Params, Refusal,
// Status.AdviceKey), rendered in English beside them from package i18n's
// English catalog, so that the same key and parameters render in Arabic or
// Polish too. text.go names the keys; the words are only in the catalogs.
package rules

import (
	"cmp"
	"slices"
	"sort"
	"time"

	"rapport"
)

// History is what the rules know of one contact.
//
// Contact.Summary aggregates the contact's whole interaction history; the
// rules read recency, two-way-ness (Summary.Inbound), the count of held live
// conversations and the first contact from it, never from Interactions.
//
// Interactions may be partial: it must hold every live interaction with
// this contact at or after the earliest Effort.StartedAt (the efforts are
// derived from them); the rules read no other (a written interaction is
// never an attempt nor a reach-out). It may be in any order; the store's
// order (newest first) and oldest first are read without copying. Every
// interaction in it is taken to involve Contact.
type History struct {
	Contact      *rapport.Contact
	Interactions []*rapport.Interaction
	Efforts      []*rapport.Effort
	Promises     []*rapport.Promise
	Favors       []*rapport.Favor
	Trust        []*rapport.TrustEvent
}

// contact returns h.Contact, or an empty contact when there is none, so that
// a History without a contact evaluates to "nothing known" instead of a panic.
func (h *History) contact() *rapport.Contact {
	if h.Contact == nil {
		return &rapport.Contact{}
	}
	return h.Contact
}

// EffectiveOutcome is the outcome of i as read at now: a scheduled
// interaction that was due NoResponseDays or more calendar days ago, and got
// no outcome since, has had no response (rule 2). Every other outcome is
// read as it is stored.
func EffectiveOutcome(i *rapport.Interaction, s rapport.Settings, now time.Time) rapport.Outcome {
	return newClock(now).outcome(i, s)
}

// day is a calendar day: the number of days since 1970-01-01.
type day int64

// civil returns the day of a date (Howard Hinnant's days_from_civil), with no
// allocation and no time zone lookup.
func civil(y int, m time.Month, d int) day {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := yy
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := yy - era*400
	mm := int64(m)
	if mm > 2 {
		mm -= 3
	} else {
		mm += 9
	}
	doy := (153*mm+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468)
}

// clock is "now" with what every rule derives from it.
type clock struct {
	now   time.Time
	loc   *time.Location
	today day
}

func newClock(now time.Time) clock {
	c := clock{now: now, loc: now.Location()}
	c.today = c.day(now)
	return c
}

// day returns the calendar day of t in now's location.
func (c clock) day(t time.Time) day {
	y, m, d := t.In(c.loc).Date()
	return civil(y, m, d)
}

// since returns how many calendar days lie between t's day and today.
func (c clock) since(t time.Time) int { return int(c.today - c.day(t)) }

// midnight returns the start of day d in now's location.
func (c clock) midnight(d day) time.Time {
	return time.Date(1970, time.January, 1+int(d), 0, 0, 0, 0, c.loc)
}

func (c clock) outcome(i *rapport.Interaction, s rapport.Settings) rapport.Outcome {
	if i.Outcome == rapport.OutcomeScheduled && !i.At.After(c.now) && c.since(i.At) >= s.NoResponseDays {
		return rapport.OutcomeNoResponse
	}
	return i.Outcome
}

// failedAt is when an attempt failed: when it happened, or, for a scheduled
// one that went unanswered, the day it became no_response.
func (c clock) failedAt(i *rapport.Interaction, s rapport.Settings) time.Time {
	if i.Outcome == rapport.OutcomeScheduled {
		return c.midnight(c.day(i.At) + day(s.NoResponseDays))
	}
	return i.At
}

// compareInteractions orders interactions oldest first, by time then id.
func compareInteractions(a, b *rapport.Interaction) int {
	if c := a.At.Compare(b.At); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// timeline reads interactions oldest first, whatever order they came in:
// oldest first and newest first are read in place; any other order is
// copied and sorted.
type timeline struct {
	is  []*rapport.Interaction
	rev bool
}

func newTimeline(is []*rapport.Interaction) timeline {
	if slices.IsSortedFunc(is, compareInteractions) {
		return timeline{is: is}
	}
	if slices.IsSortedFunc(is, func(a, b *rapport.Interaction) int { return compareInteractions(b, a) }) {
		return timeline{is: is, rev: true}
	}
	sorted := slices.Clone(is)
	slices.SortFunc(sorted, compareInteractions)
	return timeline{is: sorted}
}

func (t timeline) len() int { return len(t.is) }

func (t timeline) at(k int) *rapport.Interaction {
	if t.rev {
		return t.is[len(t.is)-1-k]
	}
	return t.is[k]
}

// first returns the index of the first interaction at or after at.
func (t timeline) first(at time.Time) int {
	return sort.Search(t.len(), func(k int) bool { return !t.at(k).At.Before(at) })
}

// without returns is without the interaction of id (when id is not 0).
func without(is []*rapport.Interaction, id int64) []*rapport.Interaction {
	if id == 0 || !slices.ContainsFunc(is, func(i *rapport.Interaction) bool { return i.ID == id }) {
		return is
	}
	return slices.DeleteFunc(slices.Clone(is), func(i *rapport.Interaction) bool { return i.ID == id })
}
