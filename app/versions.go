package app

import (
	"context"

	"rapport"
)

// The API's updates carry the version the client read (If-Match): a
// version of 0 means "the current one", which is what the CLI, reading and
// writing in one command, asks for.

// SetOutcomeAt is SetOutcome for the version the caller read.
func (s *Service) SetOutcomeAt(ctx context.Context, acct, id, version int64, o rapport.Outcome) (*rapport.Interaction, error) {
	i, err := s.Store.Interaction(ctx, acct, id)
	if err != nil {
		return nil, err
	}
	if version != 0 && i.Version != version {
		return nil, rapport.StaleVersion("interaction", id, i.Version, version)
	}
	if err := i.SetOutcome(o); err != nil {
		return nil, err
	}
	i.UpdatedAt = s.now()
	if err := i.CheckTime(i.UpdatedAt); err != nil {
		return nil, err
	}
	if err := s.Store.UpdateInteraction(ctx, acct, i); err != nil {
		return nil, err
	}
	return i, nil
}

// ResolvePromiseAt is ResolvePromise for the version the caller read.
func (s *Service) ResolvePromiseAt(ctx context.Context, acct, id, version int64, state rapport.PromiseState) (*rapport.Promise, error) {
	p, err := s.Store.Promise(ctx, acct, id)
	if err != nil {
		return nil, err
	}
	if version != 0 && p.Version != version {
		return nil, rapport.StaleVersion("promise", id, p.Version, version)
	}
	if err := p.Resolve(state, s.now()); err != nil {
		return nil, err
	}
	return p, s.Store.UpdatePromise(ctx, acct, p)
}

// EditContactAt is EditContact for the version the caller read.
func (s *Service) EditContactAt(ctx context.Context, acct, id, version int64, edit func(c *rapport.Contact) error) (*rapport.Contact, error) {
	return s.EditContact(ctx, acct, id, func(c *rapport.Contact) error {
		if version != 0 && c.Version != version {
			return rapport.StaleVersion("contact", id, c.Version, version)
		}
		return edit(c)
	})
}
