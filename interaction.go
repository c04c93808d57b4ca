package rapport

import (
	"fmt"
	"strings"
	"time"
)

// Channel is how an interaction happened.
type Channel string

const (
	ChannelInPerson Channel = "in_person"
	ChannelVideo    Channel = "video"
	ChannelCall     Channel = "call"
	ChannelEmail    Channel = "email"
	ChannelText     Channel = "text"
	ChannelSocial   Channel = "social"
)

// Channels lists every channel, live ones first.
var Channels = []Channel{ChannelInPerson, ChannelVideo, ChannelCall, ChannelEmail, ChannelText, ChannelSocial}

// Live reports whether the channel is a live conversation. Live beats written:
// only live channels build a relationship; written ones are one-way.
func (c Channel) Live() bool {
	return c == ChannelInPerson || c == ChannelVideo || c == ChannelCall
}

// Direction says who reached out.
type Direction string

const (
	Outbound Direction = "outbound"
	Inbound  Direction = "inbound"
)

// Directions lists both directions.
var Directions = []Direction{Outbound, Inbound}

// Outcome is what became of an interaction.
type Outcome string

const (
	OutcomeHeld       Outcome = "held"        // the conversation happened
	OutcomeScheduled  Outcome = "scheduled"   // agreed, not yet happened
	OutcomeDeclined   Outcome = "declined"    // they said no
	OutcomeNoResponse Outcome = "no_response" // no answer
	OutcomeCancelled  Outcome = "cancelled"   // they cancelled a scheduled meeting
	OutcomeSent       Outcome = "sent"        // a written message went out (or came in)
	OutcomeReplied    Outcome = "replied"     // a written message got an answer
)

// Outcomes lists every outcome.
var Outcomes = []Outcome{OutcomeHeld, OutcomeScheduled, OutcomeDeclined, OutcomeNoResponse, OutcomeCancelled, OutcomeSent, OutcomeReplied}

// liveOutcomes and writtenOutcomes are the outcomes that make sense per kind of channel.
var (
	liveOutcomes    = []Outcome{OutcomeHeld, OutcomeScheduled, OutcomeDeclined, OutcomeNoResponse, OutcomeCancelled}
	writtenOutcomes = []Outcome{OutcomeSent, OutcomeReplied, OutcomeDeclined, OutcomeNoResponse}
)

var channelNoun = map[Channel]string{
	ChannelInPerson: "a meeting in person", ChannelVideo: "a video call", ChannelCall: "a call",
	ChannelEmail: "an email", ChannelText: "a text", ChannelSocial: "a social message",
}

// Interaction is one exchange with one or more contacts: a call, a meeting
// (which can involve several people), a message.
type Interaction struct {
	ID         int64     `json:"id"`
	At         time.Time `json:"at"`
	Channel    Channel   `json:"channel"`
	Direction  Direction `json:"direction"`
	Invitation bool      `json:"invitation"` // an invitation to talk
	Outcome    Outcome   `json:"outcome"`
	Note       string    `json:"note"`
	ContactIDs []int64   `json:"contact_ids"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	Version    int64     `json:"version"`
}

// Normalize fills defaults: outbound; a live invitation is scheduled, another
// live interaction held, a written one sent.
func (i *Interaction) Normalize() {
	i.Note = strings.TrimSpace(i.Note)
	if i.Direction == "" {
		i.Direction = Outbound
	}
	if i.Outcome == "" {
		switch {
		case i.Channel.Live() && i.Invitation:
			i.Outcome = OutcomeScheduled
		case i.Channel.Live():
			i.Outcome = OutcomeHeld
		default:
			i.Outcome = OutcomeSent
		}
	}
	i.ContactIDs = uniqueIDs(i.ContactIDs)
}

// Validate checks a normalized interaction.
func (i *Interaction) Validate() error {
	if err := validEnum("channel", i.Channel, Channels); err != nil {
		return err
	}
	if err := validEnum("direction", i.Direction, Directions); err != nil {
		return err
	}
	if err := validEnum("outcome", i.Outcome, Outcomes); err != nil {
		return err
	}
	if err := i.validOutcome(i.Outcome); err != nil {
		return err
	}
	if i.At.IsZero() {
		return Invalid("at", "", "an interaction needs a time").Keyed("error.invalid.at_required", nil)
	}
	if len(i.ContactIDs) == 0 {
		return Invalid("contacts", "", "an interaction involves at least one contact").Keyed("error.invalid.contacts_required", nil)
	}
	if len(i.Note) > 10000 {
		return tooLong("note", i.Note, 10000)
	}
	return nil
}

// validOutcome refuses outcomes that cannot happen on the channel: a call is
// not "sent", an email is not "held".
func (i *Interaction) validOutcome(o Outcome) error {
	allowed := writtenOutcomes
	if i.Channel.Live() {
		allowed = liveOutcomes
	}
	if err := validEnum("outcome", o, allowed); err != nil {
		c := Choices(allowed)
		return Invalid("outcome", o, channelNoun[i.Channel]+" can end "+c).
			Keyed("error.invalid.outcome_on_"+string(i.Channel), map[string]any{"choices": c})
	}
	return nil
}

// SetOutcome changes the outcome of an interaction, checking it fits the
// channel. A conversation that was held stays held: it cannot be cancelled,
// declined or go unanswered after the fact.
func (i *Interaction) SetOutcome(o Outcome) error {
	if err := validEnum("outcome", o, Outcomes); err != nil {
		return err
	}
	if err := i.validOutcome(o); err != nil {
		return err
	}
	if i.Outcome == OutcomeHeld && o != OutcomeHeld {
		return Invalid("outcome", o, fmt.Sprintf("interaction %d was already held; log a new interaction for what happened next", i.ID)).
			Keyed("error.invalid.already_held", map[string]any{"id": fmt.Sprint(i.ID)})
	}
	i.Outcome = o
	return nil
}

// CheckTime refuses outcomes that cannot have happened yet: a conversation
// in the future was not held, nor left unanswered, nor replied to.
func (i *Interaction) CheckTime(now time.Time) error {
	if !i.At.After(now) {
		return nil
	}
	switch i.Outcome {
	case OutcomeHeld, OutcomeNoResponse, OutcomeReplied:
		// The English date is the one the English catalog writes (date.long).
		return Invalid("outcome", i.Outcome, fmt.Sprintf("interaction is on %s, in the future: record it as scheduled, and its outcome once it happened", i.At.Format("January 2, 2006"))).
			Keyed("error.invalid.in_future", map[string]any{"at": i.At})
	}
	return nil
}

// Meaningful reports whether the interaction keeps a relationship alive: a
// held live conversation, anything they started, or a reply. A meeting
// still scheduled has not happened yet, whoever proposed it: counting it
// would date the last contact in the future.
func (i *Interaction) Meaningful() bool {
	if i.Outcome == OutcomeScheduled {
		return false
	}
	return (i.Channel.Live() && i.Outcome == OutcomeHeld) ||
		i.Direction == Inbound ||
		i.Outcome == OutcomeReplied
}

func uniqueIDs(ids []int64) []int64 {
	out := make([]int64, 0, len(ids))
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// InteractionFilter selects interactions.
type InteractionFilter struct {
	ContactID int64     // 0 means every contact
	Since     time.Time // inclusive; zero means no bound
	Until     time.Time // exclusive; zero means no bound
	Limit     int       // 0 means no limit
}

// Note is a dated free-text note attached to a contact.
type Note struct {
	ID        int64     `json:"id"`
	ContactID int64     `json:"contact_id"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}
