package app

import (
	"context"

	"rapport"
	"rapport/compose"
	"rapport/i18n"
	"rapport/rules"
)

// DraftResult is a draft and the warnings that come with it: a draft is
// always written, but the user is told when sending it is unwise.
type DraftResult struct {
	compose.Draft
	Warnings []rules.Warning `json:"warnings"`
}

// owner is the user who drafts: the account's first user.
func (s *Service) owner(ctx context.Context, acct int64) (rapport.User, error) {
	us, err := s.Store.Users(ctx, acct)
	if err != nil || len(us) == 0 {
		return rapport.User{Gender: rapport.GenderUnknown}, err
	}
	return *us[0], nil
}

// DraftReconnect writes a reconnection message to c, and warns (in the
// draft's language) when c is not dormant, was given up on, or lost trust.
func (s *Service) DraftReconnect(ctx context.Context, acct int64, c *rapport.Contact, in compose.ReconnectInput) (DraftResult, error) {
	u, err := s.owner(ctx, acct)
	if err != nil {
		return DraftResult{}, err
	}
	st, err := s.Status(ctx, acct, c)
	if err != nil {
		return DraftResult{}, err
	}
	in.Contact, in.User, in.Now = *c, u, s.now()
	if st.LastContactAt != nil {
		in.LastContact = *st.LastContactAt
	}
	d, err := compose.Reconnect(in)
	if err != nil {
		return DraftResult{}, err
	}
	res := DraftResult{Draft: d, Warnings: []rules.Warning{}}
	tr := i18n.For(d.Lang)
	warn := func(code rules.WarningCode, args i18n.Args) {
		args["name"] = c.DisplayName
		w := rules.Warning{Code: code, Params: rules.Params(args)}
		w.Message, w.Suggestion = tr.T(w.MessageKey(), args), tr.T(w.SuggestionKey(), args)
		res.Warnings = append(res.Warnings, w)
	}
	if !st.Dormant && st.DaysSinceContact != nil {
		warn("not_dormant", i18n.Args{"count": *st.DaysSinceContact})
	}
	if st.Effort.State == rules.EffortGivenUp && st.ProfessionalOnly {
		warn(rules.WarnGivenUp, i18n.Args{"count": st.Effort.FailedAttempts})
	}
	if st.Trust.State == rules.TrustLost {
		warn(rules.WarnTrustLost, i18n.Args{})
	}
	return res, nil
}

// DraftOpener writes a request to talk about how the user and c work together.
func (s *Service) DraftOpener(ctx context.Context, acct int64, c *rapport.Contact, in compose.OpenerInput) (DraftResult, error) {
	u, err := s.owner(ctx, acct)
	if err != nil {
		return DraftResult{}, err
	}
	in.Contact, in.User = *c, u
	d, err := compose.Opener(in)
	return DraftResult{Draft: d, Warnings: []rules.Warning{}}, err
}
