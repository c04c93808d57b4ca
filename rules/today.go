package rules

import (
	"cmp"
	"slices"
	"time"

	"rapport"
)

// ItemKind is what an agenda item asks of the user.
type ItemKind string

// The kinds of item, in the order Today ranks them (rule 10).
const (
	ItemPromiseDue  ItemKind = "promise_due"   // a promise of mine due today or overdue
	ItemFollowUp    ItemKind = "follow_up"     // a promise of theirs past its due date
	ItemAttempt     ItemKind = "attempt"       // the next attempt of an active effort
	ItemThankYou    ItemKind = "thank_you"     // a favor received and not thanked
	ItemKeepInTouch ItemKind = "keep_in_touch" // past the cadence, not dormant
	ItemReconnect   ItemKind = "reconnect"     // dormant, inner or core tier
	ItemOffer       ItemKind = "offer"         // a reciprocity deficit
	ItemBirthday    ItemKind = "birthday"      // within BirthdayWindowDays
)

// ItemKinds lists every kind of item, in rank order.
var ItemKinds = []ItemKind{ItemPromiseDue, ItemFollowUp, ItemAttempt, ItemThankYou, ItemKeepInTouch, ItemReconnect, ItemOffer, ItemBirthday}

// Item is one entry of the agenda. Reason is the English of ReasonKey
// rendered with Params().
type Item struct {
	Kind        ItemKind  `json:"kind"`
	ContactID   int64     `json:"contact_id"`
	ContactName string    `json:"contact_name"`
	Reason      string    `json:"reason"`
	Due         time.Time `json:"due"`
	// Attempt and MaxAttempts: "attempt 2 of 3" (attempt items; 0 otherwise).
	Attempt     int    `json:"attempt"`
	MaxAttempts int    `json:"max_attempts"`
	ReasonKey   string `json:"reason_key"`
	// What is the promise (promise_due, follow_up) or the effort's goal (attempt).
	What string `json:"what,omitempty"`
	// Count is the days since the last meaningful contact (keep_in_touch,
	// reconnect; since the contact was known when there was none), the favors
	// to thank (thank_you) or the favors owed (offer).
	Count     int   `json:"count,omitempty"`
	PromiseID int64 `json:"promise_id,omitempty"`
	EffortID  int64 `json:"effort_id,omitempty"`
	// gender is the contact's grammatical gender, for Params ("contact_gender").
	gender string
	rank   int8
}

// Today is the user's agenda at now (rule 10), from candidate histories:
// callers may pass more contacts than need attention, and the rules choose.
// Contacts in the trash, and histories without a contact, never appear.
//
// For each contact it gives: an item per promise of mine due today or
// overdue (undated promises never come due) and per promise of theirs past
// its due date; the current attempt of an active effort (a pending one only
// once its day has come, due then; otherwise due since the effort started or
// the last attempt failed); a thank-you when favors received are not
// thanked; keep_in_touch when overdue and not dormant, or reconnect when
// dormant and in the inner or core tier (dormant wider-tier contacts get
// neither); an offer when reciprocity is in deficit; a birthday within
// BirthdayWindowDays days (today included). Contacts that are professional
// only (given up without reaching out since, or trust lost) get no
// invitation item: no attempt, keep_in_touch or reconnect.
//
// Ranking: by kind in the order of ItemKinds (the order of rule 10), then
// the earliest due first (the most overdue), then by contact id and promise
// id, so the order is total and stable.
//
// Of a history, Today reads only the latest effort started by now and the
// interactions since it, the open promises with a due date and the promises
// they broke (trust), and favors only to find a thank-you owed or a
// deficit: callers may leave out other efforts and promises, and the favors
// of a contact who has neither.
func Today(hs []History, s rapport.Settings, now time.Time) []Item {
	c := newClock(now)
	// Most contacts need at most one thing: one allocation, not a growing slice.
	items := make([]Item, 0, len(hs))
	for k := range hs {
		items = appendToday(items, &hs[k], s, c)
	}
	sortItems(items)
	return items
}

// itemKey is what Today ranks an item by, compact so that sorting moves
// 40 bytes instead of an Item.
type itemKey struct {
	sec       int64 // Due, Unix seconds
	contactID int64
	promiseID int64
	nsec      int32
	idx       int32 // the item's index before sorting
	rank      int8
}

func compareKeys(a, b itemKey) int {
	switch {
	case a.rank != b.rank:
		return cmp.Compare(a.rank, b.rank)
	case a.sec != b.sec:
		return cmp.Compare(a.sec, b.sec)
	case a.nsec != b.nsec:
		return cmp.Compare(a.nsec, b.nsec)
	case a.contactID != b.contactID:
		return cmp.Compare(a.contactID, b.contactID)
	}
	return cmp.Compare(a.promiseID, b.promiseID)
}

// sortItems sorts items in rank order: it sorts their keys, then moves each
// item once into place, following the cycles of the permutation.
func sortItems(items []Item) {
	keys := make([]itemKey, len(items))
	for k := range items {
		it := &items[k]
		keys[k] = itemKey{sec: it.Due.Unix(), nsec: int32(it.Due.Nanosecond()), contactID: it.ContactID, promiseID: it.PromiseID, idx: int32(k), rank: it.rank}
	}
	slices.SortFunc(keys, compareKeys)
	for k := range keys {
		if keys[k].idx < 0 {
			continue
		}
		tmp, j := items[k], k
		for {
			src := int(keys[j].idx)
			keys[j].idx = -1
			if src == k {
				items[j] = tmp
				break
			}
			items[j], j = items[src], src
		}
	}
}

func appendToday(items []Item, h *History, s rapport.Settings, c clock) []Item {
	ct := h.Contact
	if ct == nil || ct.DeletedAt != nil {
		return items
	}
	gender := genderOf(ct)
	add := func(it Item) {
		it.ContactID, it.ContactName, it.gender = ct.ID, ct.DisplayName, gender
		it.rank = int8(slices.Index(ItemKinds, it.Kind))
		it.Reason = itemReason(&it)
		items = append(items, it)
	}

	for _, p := range h.Promises {
		switch {
		case mineDue(p, c):
			add(Item{Kind: ItemPromiseDue, ReasonKey: keyTodayPromiseMine, Due: *p.Due, What: p.What, PromiseID: p.ID})
		case theirsOverdue(p, c):
			add(Item{Kind: ItemFollowUp, ReasonKey: keyTodayPromiseTheirs, Due: *p.Due, What: p.What, PromiseID: p.ID})
		}
	}

	trust := trustOf(h, c)
	var last effortRun
	var reachedOut bool
	if len(h.Efforts) > 0 {
		last, reachedOut = effortsOf(h, s, c, nil)
	}
	invite := !professionalOnly(last, reachedOut, trust)

	if invite && last.state == EffortActive {
		due := last.dueAt
		if last.pending != nil {
			due = last.pending.At
		}
		if last.pending == nil || c.day(due) <= c.today {
			add(Item{Kind: ItemAttempt, ReasonKey: keyTodayAttempt, Due: due, What: last.effort.Goal,
				Attempt: last.failed + 1, MaxAttempts: max(s.MaxAttempts, 1), EffortID: last.effort.ID})
		}
	}

	rec := reciprocityOf(h, s)
	if rec.ThankYouPending {
		add(Item{Kind: ItemThankYou, ReasonKey: keyTodayThankYou, Due: rec.oldestUnthanked, Count: rec.Unthanked})
	}

	if invite {
		keep := keepOf(ct, s, c)
		switch {
		case keep.dormant:
			if ct.Tier == rapport.TierInner || ct.Tier == rapport.TierCore {
				key := keyTodayReconnect
				if !keep.meaningful {
					key = keyTodayReconnectNever
				}
				add(Item{Kind: ItemReconnect, ReasonKey: key, Due: keep.dormantSince(s, c), Count: keep.days})
			}
		case keep.overdue:
			key := keyTodayKeepInTouch
			if !keep.meaningful {
				key = keyTodayKeepInTouchNever
			}
			add(Item{Kind: ItemKeepInTouch, ReasonKey: key, Due: keep.due(c), Count: keep.days})
		}
	}

	if rec.Deficit {
		due := rec.lastReceived
		if due.IsZero() {
			due = c.midnight(c.today)
		}
		add(Item{Kind: ItemOffer, ReasonKey: keyTodayOffer, Due: due, Count: -rec.Balance})
	}

	if next, ok := birthdayDue(ct.Birthday, c, s); ok {
		add(Item{Kind: ItemBirthday, ReasonKey: keyTodayBirthday, Due: next})
	}
	return items
}

// BirthdayDue is when the item of a birthday b (nil: none known) is due at
// now: the next birthday, when it is within BirthdayWindowDays days (today
// included).
func BirthdayDue(b *rapport.Birthday, s rapport.Settings, now time.Time) (time.Time, bool) {
	return birthdayDue(b, newClock(now), s)
}

func birthdayDue(b *rapport.Birthday, c clock, s rapport.Settings) (time.Time, bool) {
	if b == nil {
		return time.Time{}, false
	}
	next := b.Next(c.now)
	y, m, d := next.Date()
	return next, int(civil(y, m, d)-c.today) <= s.BirthdayWindowDays
}

// Top keeps the first limit items of each kind of a ranked agenda, in
// order: an agenda of thousands is no agenda. more counts, by kind, the
// items left out (only kinds with some).
func Top(items []Item, limit int) (top []Item, more map[ItemKind]int) {
	top, more = make([]Item, 0, min(len(items), limit*len(ItemKinds))), map[ItemKind]int{}
	shown := map[ItemKind]int{}
	for _, it := range items {
		if shown[it.Kind] == limit {
			more[it.Kind]++
			continue
		}
		shown[it.Kind]++
		top = append(top, it)
	}
	return top, more
}
