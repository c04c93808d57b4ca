package app

import (
	"context"
	"time"

	"rapport"
	"rapport/rules"
)

// JobInterval is how often scheduled work runs. Each interval is one slot
// that exactly one server claims (Store.ClaimJobRun), however many run.
const JobInterval = 10 * time.Minute

// JobResult says what one run of the scheduled work did.
type JobResult struct {
	Claimed bool // false: another server has this slot
	// Expired counts invitations turned from scheduled into no_response.
	Expired int
}

// RunScheduledWork runs the installation's scheduled work for the slot
// "now" falls in, if no other server has claimed it: invitations left
// "scheduled" past the no-response delay become "no_response", and
// expired sessions, invites and old sign-in failures are deleted.
func (s *Service) RunScheduledWork(ctx context.Context, holder string) (JobResult, error) {
	now := s.now()
	slot := now.UnixMilli() / JobInterval.Milliseconds()
	claimed, err := s.Store.ClaimJobRun(ctx, "scheduled", slot, holder, now)
	if err != nil || !claimed {
		return JobResult{}, err
	}
	res := JobResult{Claimed: true}
	if err := s.Store.PurgeExpired(ctx, now, now.Add(-SigninWindow)); err != nil {
		return res, err
	}
	accts, err := s.Store.Accounts(ctx)
	if err != nil {
		return res, err
	}
	for _, acct := range accts {
		n, err := s.expireInvitations(ctx, acct, now)
		res.Expired += n
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// expireInvitations records no_response on the account's invitations that
// the rules already count as unanswered, so that what the user sees in the
// timeline says what the rules assume.
func (s *Service) expireInvitations(ctx context.Context, acct int64, now time.Time) (int, error) {
	set, err := s.Store.Settings(ctx, acct)
	if err != nil {
		return 0, err
	}
	// A day of margin: the rules count calendar days in the user's zone.
	ids, err := s.Store.StaleInvitations(ctx, acct, now.AddDate(0, 0, -set.NoResponseDays+1))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		i, err := s.Store.Interaction(ctx, acct, id)
		if err != nil {
			return n, err
		}
		if rules.EffectiveOutcome(i, set, now) != rapport.OutcomeNoResponse {
			continue
		}
		if err := i.SetOutcome(rapport.OutcomeNoResponse); err != nil {
			return n, err
		}
		i.UpdatedAt = now
		if err := s.Store.UpdateInteraction(ctx, acct, i); err != nil {
			if rapport.ErrorCodeOf(err) == rapport.ECONFLICT {
				continue // the user changed it meanwhile: theirs wins
			}
			return n, err
		}
		n++
	}
	return n, nil
}
