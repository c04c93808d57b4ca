package importer

import (
	"strings"
	"time"

	"rapport"
)

// Interactions turns past events into interactions with the contacts who
// attended: contacts maps a lower-case email to the ids of the contacts
// that have it. A meeting that happened is a held live interaction — video
// when it has a conference link (or an online location), in person when it
// has a place, a call otherwise — and a cancelled one is cancelled. When the
// organizer is a contact, they reached out: the interaction is inbound.
// Events in the future, or with no attendee among the contacts, are skipped.
func Interactions(events []Event, contacts map[string][]int64, now time.Time) ([]*rapport.Interaction, []Skipped) {
	var out []*rapport.Interaction
	var skipped []Skipped
	skip := func(e Event, err error) { skipped = append(skipped, Skipped{Line: e.Line, Reason: err}) }
	for _, e := range events {
		if e.Start.After(now) {
			day := e.Start.Format(time.DateOnly)
			skip(e, nothingAt(e.Line, "error.import.event_future", map[string]any{"date": day}, "the event on %s is in the future", day))
			continue
		}
		var ids []int64
		dir := rapport.Outbound
		if org := contacts[e.Organizer]; e.Organizer != "" && len(org) > 0 {
			ids, dir = append(ids, org...), rapport.Inbound
		}
		for _, a := range e.Attendees {
			ids = append(ids, contacts[a]...)
		}
		if len(ids) == 0 {
			day := e.Start.Format(time.DateOnly)
			skip(e, nothingAt(e.Line, "error.import.event_no_contact", map[string]any{"date": day}, "no attendee of the event on %s is a contact", day))
			continue
		}
		i := &rapport.Interaction{
			At:         e.Start,
			Channel:    channelOf(e),
			Direction:  dir,
			Outcome:    rapport.OutcomeHeld,
			Note:       cut(e.Summary, 500),
			ContactIDs: ids,
		}
		if e.Cancelled {
			i.Outcome = rapport.OutcomeCancelled
		}
		i.Normalize()
		if err := i.Validate(); err != nil {
			skip(e, reframe(err, e.Line, ""))
			continue
		}
		if err := i.CheckTime(now); err != nil {
			skip(e, reframe(err, e.Line, ""))
			continue
		}
		out = append(out, i)
	}
	return out, skipped
}

// channelOf is how a meeting happened: by video when it has a conference
// link or its location names an online service, by phone when its location
// says so, in person when it has any other location, and by phone otherwise.
func channelOf(e Event) rapport.Channel {
	loc := strings.ToLower(strings.TrimSpace(e.Location))
	switch {
	case e.Conference != "" || hasWord(loc, videoWords):
		return rapport.ChannelVideo
	case loc == "" || hasWord(loc, callWords):
		return rapport.ChannelCall
	default:
		return rapport.ChannelInPerson
	}
}

// videoWords and callWords are locations that are no place.
var (
	videoWords = []string{"online", "virtual", "zoom", "teams", "google meet", "meet.google", "skype", "webex", "whereby", "jitsi", "video"}
	callWords  = []string{"phone", "call", "telefon", "dial-in"}
)

// hasWord reports whether s holds one of words as a whole word: "call" is
// in "conference call", not in "Calloway Street".
func hasWord(s string, words []string) bool {
	for _, w := range words {
		for i := 0; ; {
			j := strings.Index(s[i:], w)
			if j < 0 {
				break
			}
			start, end := i+j, i+j+len(w)
			if (start == 0 || !isLetter(s[start-1])) && (end == len(s) || !isLetter(s[end])) {
				return true
			}
			i = start + 1
		}
	}
	return false
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80 }
