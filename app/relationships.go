package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"rapport"
	"rapport/rules"
)

// Settings returns the account's thresholds.
func (s *Service) Settings(ctx context.Context, acct int64) (rapport.Settings, error) {
	return s.Store.Settings(ctx, acct)
}

// History reads everything the rules know of one contact: its whole timeline
// and every record about it.
func (s *Service) History(ctx context.Context, acct int64, c *rapport.Contact) (rules.History, error) {
	h := rules.History{Contact: c}
	var err error
	f := rapport.RelationshipFilter{ContactID: c.ID}
	if h.Interactions, err = s.Store.Interactions(ctx, acct, rapport.InteractionFilter{ContactID: c.ID}); err != nil {
		return h, err
	}
	if h.Efforts, err = s.Store.Efforts(ctx, acct, f); err != nil {
		return h, err
	}
	if h.Promises, err = s.Store.Promises(ctx, acct, f); err != nil {
		return h, err
	}
	if h.Favors, err = s.Store.Favors(ctx, acct, f); err != nil {
		return h, err
	}
	h.Trust, err = s.Store.TrustEvents(ctx, acct, f)
	return h, err
}

// Status is what the rules say of one contact now.
func (s *Service) Status(ctx context.Context, acct int64, c *rapport.Contact) (rules.Status, error) {
	set, h, err := s.settingsAndHistory(ctx, acct, c)
	if err != nil {
		return rules.Status{}, err
	}
	return rules.Evaluate(h, set, s.now()), nil
}

func (s *Service) settingsAndHistory(ctx context.Context, acct int64, c *rapport.Contact) (rapport.Settings, rules.History, error) {
	set, err := s.Store.Settings(ctx, acct)
	if err != nil {
		return set, rules.History{}, err
	}
	h, err := s.History(ctx, acct, c)
	return set, h, err
}

// LogChecked records an interaction, as Log does, and says what the rules
// make of it: whether it counts as an attempt, and any warnings (a written
// invitation, chasing someone who was given up on). The warnings never stop
// the logging: what happened, happened.
func (s *Service) LogChecked(ctx context.Context, acct int64, i *rapport.Interaction) (rules.LogCheck, error) {
	set, err := s.Store.Settings(ctx, acct)
	if err != nil {
		return rules.LogCheck{}, err
	}
	if err := s.prepareLog(i); err != nil {
		return rules.LogCheck{}, err
	}
	var check rules.LogCheck
	for n, id := range i.ContactIDs {
		c, err := s.Store.Contact(ctx, acct, id)
		if err != nil {
			return check, err
		}
		h, err := s.History(ctx, acct, c)
		if err != nil {
			return check, err
		}
		one := rules.CheckLog(h, i, set, i.CreatedAt)
		if n == 0 {
			check = one
		} else {
			check.CountsAsAttempt = check.CountsAsAttempt || one.CountsAsAttempt
			// A warning about the interaction itself (a written invitation)
			// comes once per contact: say it once.
			for _, w := range one.Warnings {
				if !slices.ContainsFunc(check.Warnings, func(x rules.Warning) bool { return x.Code == w.Code && x.Message == w.Message }) {
					check.Warnings = append(check.Warnings, w)
				}
			}
		}
	}
	if check.Warnings == nil {
		check.Warnings = []rules.Warning{}
	}
	return check, s.Store.CreateInteraction(ctx, acct, i)
}

// StartEffort starts an effort to strengthen the relationship with c, unless
// the rules refuse: an effort is under way, or it was given up (and they
// have not reached out since), or trust is lost.
func (s *Service) StartEffort(ctx context.Context, acct int64, c *rapport.Contact, goal string) (*rapport.Effort, error) {
	set, h, err := s.settingsAndHistory(ctx, acct, c)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if err := rules.CanStartEffort(h, set, now); err != nil {
		return nil, err
	}
	e := &rapport.Effort{ContactID: c.ID, Goal: goal, StartedAt: now}
	return e, s.Store.CreateEffort(ctx, acct, e)
}

// AddPromise records a promise, made now.
func (s *Service) AddPromise(ctx context.Context, acct int64, p *rapport.Promise) error {
	p.CreatedAt, p.State = s.now(), rapport.PromiseOpen
	return s.Store.CreatePromise(ctx, acct, p)
}

// ResolvePromise marks a promise kept or broken. A broken promise of theirs
// is a breach of trust; the rules count it as one.
func (s *Service) ResolvePromise(ctx context.Context, acct, id int64, state rapport.PromiseState) (*rapport.Promise, error) {
	return s.ResolvePromiseAt(ctx, acct, id, 0, state)
}

// RecordTrust records a breach, or a reset with its reason.
func (s *Service) RecordTrust(ctx context.Context, acct int64, c *rapport.Contact, kind rapport.TrustEventKind, note string) (*rapport.TrustEvent, error) {
	t := &rapport.TrustEvent{ContactID: c.ID, Kind: kind, Note: note, At: s.now()}
	return t, s.Store.AddTrustEvent(ctx, acct, t)
}

// AddFavor records a favor or an ask, now.
func (s *Service) AddFavor(ctx context.Context, acct int64, f *rapport.Favor) error {
	f.At = s.now()
	return s.Store.AddFavor(ctx, acct, f)
}

// Thank marks the last favor they did the user, not yet thanked, as thanked.
func (s *Service) Thank(ctx context.Context, acct int64, c *rapport.Contact) (*rapport.Favor, error) {
	favors, err := s.Store.Favors(ctx, acct, rapport.RelationshipFilter{ContactID: c.ID})
	if err != nil {
		return nil, err
	}
	var owed []*rapport.Favor
	for _, f := range favors {
		if f.Received() && !f.Thanked {
			owed = append(owed, f)
		}
	}
	if len(owed) == 0 {
		return nil, rapport.Errorf(rapport.ENOTFOUND, "%s did you no favor that is still to be thanked for", c.DisplayName).
			Keyed("error.not_found.thanks", map[string]any{"name": c.DisplayName})
	}
	f := owed[len(owed)-1]
	f.Thanked = true
	return f, s.Store.UpdateFavor(ctx, acct, f)
}

// CheckAsk says whether an ask is likely to hurt the relationship. When the
// ask is on behalf of someone, it finds out whether the contact knows them:
// they must be a contact who took part in a held interaction with c.
func (s *Service) CheckAsk(ctx context.Context, acct int64, c *rapport.Contact, a rules.Ask) (rules.AskResult, error) {
	set, h, err := s.settingsAndHistory(ctx, acct, c)
	if err != nil {
		return rules.AskResult{}, err
	}
	if a.OnBehalf = strings.TrimSpace(a.OnBehalf); a.OnBehalf != "" {
		if third, err := s.ResolveContact(ctx, acct, a.OnBehalf, false); err == nil && third.ID != c.ID {
			for _, i := range h.Interactions {
				if i.Outcome == rapport.OutcomeHeld && containsID(i.ContactIDs, third.ID) {
					a.OnBehalfKnown = true
					break
				}
			}
		}
	}
	r := rules.CheckAsk(h, a, set, s.now())
	if r.Warnings == nil {
		r.Warnings = []rules.Warning{}
	}
	return r, nil
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// SaveSettings stores the account's thresholds.
func (s *Service) SaveSettings(ctx context.Context, acct int64, set rapport.Settings) error {
	return s.Store.SaveSettings(ctx, acct, set)
}

// day is the start of t's day.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}
