package rapport

import "time"

// Summary is what the rules need to know of a contact's whole interaction
// history. The store keeps it up to date on every write, so that lists and
// Today never have to read every interaction.
type Summary struct {
	Interactions     int        `json:"interactions"`
	FirstAt          *time.Time `json:"first_at"`
	LastAt           *time.Time `json:"last_at"`
	LastMeaningfulAt *time.Time `json:"last_meaningful_at"`
	Inbound          int        `json:"inbound"`   // interactions they started
	HeldLive         int        `json:"held_live"` // live conversations that happened
}

// Add folds one interaction into the summary.
func (s *Summary) Add(i *Interaction) {
	s.Merge(SummaryOf(i))
}

// SummaryOf is the summary of a history of one interaction.
func SummaryOf(i *Interaction) Summary {
	at := i.At
	s := Summary{Interactions: 1, FirstAt: &at, LastAt: &at}
	if i.Meaningful() {
		s.LastMeaningfulAt = &at
	}
	if i.Direction == Inbound {
		s.Inbound = 1
	}
	if i.Channel.Live() && i.Outcome == OutcomeHeld {
		s.HeldLive = 1
	}
	return s
}

// Merge folds another summary of disjoint interactions into s.
func (s *Summary) Merge(o Summary) {
	s.Interactions += o.Interactions
	s.Inbound += o.Inbound
	s.HeldLive += o.HeldLive
	s.FirstAt = earlier(s.FirstAt, o.FirstAt)
	s.LastAt = later(s.LastAt, o.LastAt)
	s.LastMeaningfulAt = later(s.LastMeaningfulAt, o.LastMeaningfulAt)
}

func earlier(a, b *time.Time) *time.Time {
	if a == nil || (b != nil && b.Before(*a)) {
		return b
	}
	return a
}

func later(a, b *time.Time) *time.Time {
	if a == nil || (b != nil && b.After(*a)) {
		return b
	}
	return a
}
