package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"rapport"
)

// signUp creates an account with an owner who can sign in.
func signUp(t *testing.T, s rapport.Store, name, email string) (rapport.Account, *rapport.User) {
	t.Helper()
	u := &rapport.User{DisplayName: name + " owner", Email: email, Lang: "en", Gender: rapport.GenderUnknown}
	a, err := s.SignUp(context.Background(), name, u, &rapport.Login{Email: email, PasswordHash: "$argon2id$test"}, T0)
	if err != nil {
		t.Fatalf("sign up %s: %v", name, err)
	}
	return a, u
}

func testSignUpAndLogins(t *testing.T, s rapport.Store) {
	ctx := context.Background()
	a, u := signUp(t, s, "Acme", "Maya@Acme.example")
	if u.Role != rapport.RoleOwner || u.AccountID != a.ID {
		t.Fatalf("owner = %+v", u)
	}
	l, err := s.Login(ctx, "maya@acme.EXAMPLE")
	if err != nil || l.AccountID != a.ID || l.UserID != u.ID || l.PasswordHash != "$argon2id$test" {
		t.Fatalf("Login = %+v, %v", l, err)
	}
	// A taken email, in any case, is a conflict naming the email, and
	// leaves no account behind.
	_, err = s.SignUp(ctx, "Other", &rapport.User{DisplayName: "Other", Email: "maya@acme.example", Lang: "en", Gender: rapport.GenderUnknown},
		&rapport.Login{Email: "MAYA@acme.example", PasswordHash: "x"}, T0)
	if rapport.ErrorCodeOf(err) != rapport.ECONFLICT {
		t.Fatalf("second sign-up with the same email: %v, want a conflict", err)
	}
	if ids, _ := s.Accounts(ctx); len(ids) != 1 {
		t.Fatalf("%d accounts after a refused sign-up, want 1", len(ids))
	}
	if _, err := s.Login(ctx, "nobody@acme.example"); rapport.ErrorCodeOf(err) != rapport.ENOTFOUND {
		t.Fatalf("unknown login: %v", err)
	}
	// A user's profile changes; email and role do not.
	u.DisplayName, u.Lang, u.Gender, u.Role = "Maya K.", "pl", rapport.GenderFeminine, rapport.RoleViewer
	if err := s.UpdateUser(ctx, a.ID, u); err != nil {
		t.Fatal(err)
	}
	got, err := s.User(ctx, a.ID, u.ID)
	if err != nil || got.DisplayName != "Maya K." || got.Lang != "pl" || got.Gender != rapport.GenderFeminine || got.Role != rapport.RoleOwner {
		t.Fatalf("after UpdateUser: %+v, %v", got, err)
	}
	// SetLogin gives a user a new email; the old one stops signing in.
	if err := s.SetLogin(ctx, &rapport.Login{Email: "maya@new.example", AccountID: a.ID, UserID: u.ID, PasswordHash: "h2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Login(ctx, "maya@acme.example"); rapport.ErrorCodeOf(err) != rapport.ENOTFOUND {
		t.Fatalf("old email still signs in: %v", err)
	}
}

func testCredentialsStayInTheirAccount(t *testing.T, s rapport.Store) {
	ctx := context.Background()
	a, ua := signUp(t, s, "Acme", "a@a.example")
	b, _ := signUp(t, s, "Beta", "b@b.example")
	sess := &rapport.Session{UserID: ua.ID, SecretHash: rapport.HashSecret("s"), CreatedAt: T0, ExpiresAt: T0.Add(time.Hour)}
	tok := &rapport.APIToken{UserID: ua.ID, Scope: rapport.ScopeRead, SecretHash: rapport.HashSecret("t"), CreatedAt: T0}
	inv := &rapport.Invite{Role: rapport.RoleViewer, CreatedBy: ua.ID, SecretHash: rapport.HashSecret("i"), CreatedAt: T0, ExpiresAt: T0.Add(time.Hour)}
	for _, err := range []error{s.CreateSession(ctx, a.ID, sess), s.CreateToken(ctx, a.ID, tok), s.CreateInvite(ctx, a.ID, inv)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got, err := s.Session(ctx, a.ID, sess.ID); err != nil || !rapport.SecretMatches("s", got.SecretHash) || !got.ExpiresAt.Equal(sess.ExpiresAt) {
		t.Fatalf("Session = %+v, %v", got, err)
	}
	// A credential's principal comes in one read, with its account and user.
	if p, got, err := s.SessionPrincipal(ctx, a.ID, sess.ID); err != nil || got.ID != sess.ID || p.Account.Name != "Acme" ||
		p.User.ID != ua.ID || p.User.Email != "a@a.example" || p.User.Role != rapport.RoleOwner || !p.Account.CreatedAt.Equal(T0) {
		t.Fatalf("SessionPrincipal = %+v %+v, %v", p, got, err)
	}
	if p, err := s.TokenPrincipal(ctx, a.ID, tok.ID); err != nil || p.Token == nil || p.Token.Scope != rapport.ScopeRead ||
		!rapport.SecretMatches("t", p.Token.SecretHash) || p.User.ID != ua.ID || p.Account.ID != a.ID {
		t.Fatalf("TokenPrincipal = %+v, %v", p, err)
	}
	for what, err := range map[string]error{
		"session principal": func() error { _, _, err := s.SessionPrincipal(ctx, b.ID, sess.ID); return err }(),
		"token principal":   func() error { _, err := s.TokenPrincipal(ctx, b.ID, tok.ID); return err }(),
		"session":           func() error { _, err := s.Session(ctx, b.ID, sess.ID); return err }(),
		"token":             func() error { _, err := s.Token(ctx, b.ID, tok.ID); return err }(),
		"invite":            func() error { _, err := s.Invite(ctx, b.ID, inv.ID); return err }(),
		"revoke":            s.RevokeToken(ctx, b.ID, tok.ID, T0),
		"user":              func() error { _, err := s.User(ctx, b.ID, ua.ID+100); return err }(),
	} {
		if rapport.ErrorCodeOf(err) != rapport.ENOTFOUND {
			t.Errorf("%s of account A read from account B: %v, want not found", what, err)
		}
	}
	if ts, err := s.Tokens(ctx, b.ID, ua.ID); err != nil || len(ts) != 0 {
		t.Fatalf("B lists A's tokens: %v, %v", ts, err)
	}
	// Revoking is idempotent and keeps the first time.
	for _, at := range []time.Time{T0.Add(time.Minute), T0.Add(time.Hour)} {
		if err := s.RevokeToken(ctx, a.ID, tok.ID, at); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := s.Token(ctx, a.ID, tok.ID); got.RevokedAt == nil || !got.RevokedAt.Equal(T0.Add(time.Minute)) {
		t.Fatalf("revoked at %v, want the first revocation", got.RevokedAt)
	}
	if err := s.DeleteSession(ctx, a.ID, sess.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, a.ID, sess.ID); rapport.ErrorCodeOf(err) != rapport.ENOTFOUND {
		t.Fatalf("deleted session: %v", err)
	}
}

func testInviteIsUsedOnce(t *testing.T, s rapport.Store) {
	ctx := context.Background()
	a, owner := signUp(t, s, "Acme", "a@a.example")
	inv := &rapport.Invite{Role: rapport.RoleEditor, CreatedBy: owner.ID, SecretHash: rapport.HashSecret("i"), CreatedAt: T0, ExpiresAt: T0.Add(time.Hour)}
	if err := s.CreateInvite(ctx, a.ID, inv); err != nil {
		t.Fatal(err)
	}
	accept := func(email string, at time.Time) error {
		u := &rapport.User{DisplayName: email, Email: email, Lang: "en", Gender: rapport.GenderUnknown, Role: rapport.RoleEditor}
		return s.AcceptInvite(ctx, a.ID, inv.ID, u, &rapport.Login{Email: email, PasswordHash: "h"}, at)
	}
	if err := accept("ed@a.example", T0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := accept("eve@a.example", T0.Add(2*time.Minute)); rapport.ErrorCodeOf(err) != rapport.ECONFLICT {
		t.Fatalf("second use of an invite: %v, want a conflict", err)
	}
	late := &rapport.Invite{Role: rapport.RoleViewer, CreatedBy: owner.ID, SecretHash: rapport.HashSecret("j"), CreatedAt: T0, ExpiresAt: T0.Add(time.Hour)}
	if err := s.CreateInvite(ctx, a.ID, late); err != nil {
		t.Fatal(err)
	}
	inv = late
	if err := accept("late@a.example", T0.Add(2*time.Hour)); rapport.ErrorCodeOf(err) != rapport.ECONFLICT {
		t.Fatalf("expired invite: %v, want a conflict", err)
	}
	us, err := s.Users(ctx, a.ID)
	if err != nil || len(us) != 2 {
		t.Fatalf("users after one good and two refused invites: %d, %v; want 2", len(us), err)
	}
	if _, err := s.Login(ctx, "eve@a.example"); rapport.ErrorCodeOf(err) != rapport.ENOTFOUND {
		t.Fatalf("a refused invite left a login: %v", err)
	}
}

func testJobSlotIsClaimedOnce(t *testing.T, s rapport.Store) {
	ctx := context.Background()
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		won int
	)
	for k := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.ClaimJobRun(ctx, "scheduled", 42, string(rune('a'+k)), T0)
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				won++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if won != 1 {
		t.Fatalf("%d claims of one slot succeeded, want exactly 1", won)
	}
	if ok, err := s.ClaimJobRun(ctx, "scheduled", 43, "a", T0); !ok || err != nil {
		t.Fatalf("next slot: %v, %v", ok, err)
	}
}

func testSigninFailuresAndPurge(t *testing.T, s rapport.Store) {
	ctx := context.Background()
	a, u := signUp(t, s, "Acme", "a@a.example")
	for k := range 3 {
		if err := s.AddSigninFailure(ctx, []string{"addr:192.0.2.1", "account:1"}, T0.Add(time.Duration(k)*10*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.SigninFailures(ctx, "addr:192.0.2.1", T0.Add(5*time.Minute)); err != nil || n != 2 {
		t.Fatalf("failures since T0+5m = %d, %v; want 2", n, err)
	}
	if n, _ := s.SigninFailures(ctx, "addr:192.0.2.2", T0); n != 0 {
		t.Fatalf("another address has %d failures", n)
	}
	old := &rapport.Session{UserID: u.ID, SecretHash: rapport.HashSecret("o"), CreatedAt: T0, ExpiresAt: T0.Add(time.Hour)}
	live := &rapport.Session{UserID: u.ID, SecretHash: rapport.HashSecret("l"), CreatedAt: T0, ExpiresAt: T0.Add(48 * time.Hour)}
	for _, sess := range []*rapport.Session{old, live} {
		if err := s.CreateSession(ctx, a.ID, sess); err != nil {
			t.Fatal(err)
		}
	}
	now := T0.Add(2 * time.Hour)
	if err := s.PurgeExpired(ctx, now, T0.Add(15*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, a.ID, old.ID); rapport.ErrorCodeOf(err) != rapport.ENOTFOUND {
		t.Fatalf("expired session survived the purge: %v", err)
	}
	if _, err := s.Session(ctx, a.ID, live.ID); err != nil {
		t.Fatalf("live session purged: %v", err)
	}
	if n, _ := s.SigninFailures(ctx, "addr:192.0.2.1", T0); n != 1 {
		t.Fatalf("%d failures after purging those before T0+15m, want 1", n)
	}
}

func testStaleInvitations(t *testing.T, s rapport.Store) {
	ctx := context.Background()
	a := newAccount(t, s, "acme")
	b := newAccount(t, s, "beta")
	c := addContact(t, s, a, &rapport.Contact{DisplayName: "Omar"})
	cb := addContact(t, s, b, &rapport.Contact{DisplayName: "Beth"})
	var want []int64
	for _, tc := range []struct {
		acct, contact int64
		at            time.Time
		invite        bool
		outcome       rapport.Outcome
		stale         bool
	}{
		{a, c.ID, T0.AddDate(0, 0, -10), true, rapport.OutcomeScheduled, true},
		{a, c.ID, T0.AddDate(0, 0, 3), true, rapport.OutcomeScheduled, false},
		{a, c.ID, T0.AddDate(0, 0, -10), true, rapport.OutcomeDeclined, false},
		{a, c.ID, T0.AddDate(0, 0, -10), false, rapport.OutcomeHeld, false},
		{b, cb.ID, T0.AddDate(0, 0, -10), true, rapport.OutcomeScheduled, false}, // another account's
	} {
		i := &rapport.Interaction{ContactIDs: []int64{tc.contact}, Channel: rapport.ChannelCall, Invitation: tc.invite,
			Outcome: tc.outcome, At: tc.at, CreatedAt: T0}
		i.Normalize()
		if err := s.CreateInteraction(ctx, tc.acct, i); err != nil {
			t.Fatal(err)
		}
		if tc.stale {
			want = append(want, i.ID)
		}
	}
	got, err := s.StaleInvitations(ctx, a, T0)
	if err != nil || len(got) != len(want) || (len(got) > 0 && got[0] != want[0]) {
		t.Fatalf("StaleInvitations = %v, %v; want %v", got, err, want)
	}
}
