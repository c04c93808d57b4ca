package app

import (
	"context"
	"crypto/rand"
	"strconv"
	"strings"
	"time"

	"rapport"
	"rapport/password"
)

// Lifetimes and limits of sign-in. docs/security.md says why these.
const (
	SessionLifetime = 30 * 24 * time.Hour
	InviteLifetime  = 7 * 24 * time.Hour
	// SigninWindow is how far back failed sign-ins count.
	SigninWindow = 15 * time.Minute
	// MaxFailuresPerAddress and MaxFailuresPerAccount are how many failed
	// sign-ins a window allows from one address, and against one account,
	// before sign-in is refused there until the window has passed.
	MaxFailuresPerAddress = 10
	MaxFailuresPerAccount = 20
)

// passwords returns the hashing parameters: the service's, else the default.
func (s *Service) passwords() password.Params {
	if s.Passwords != (password.Params{}) {
		return s.Passwords
	}
	return password.Default
}

// errBadSignin is the one answer to a wrong email or password, so that the
// answer does not tell which was wrong: one key without arguments, the same
// text in every language (docs/security.md).
var errBadSignin = &rapport.Error{Code: rapport.EUNAUTHORIZED, Message: "wrong email or password", Key: "error.auth.bad_signin"}

// SignUpRequest is what a sign-up form or request gives.
type SignUpRequest struct {
	AccountName string         `json:"account_name"`
	DisplayName string         `json:"display_name"`
	Email       string         `json:"email"`
	Password    string         `json:"password"`
	Lang        string         `json:"lang"`
	Gender      rapport.Gender `json:"gender"`
}

// SignedIn is a new session: the credential goes in the cookie, once.
type SignedIn struct {
	Credential string
	Principal  *rapport.Principal
	ExpiresAt  time.Time
}

// SignUp creates an account with its owner and signs the owner in.
func (s *Service) SignUp(ctx context.Context, r SignUpRequest) (*SignedIn, error) {
	u, l, err := s.newUser(r.DisplayName, r.Email, r.Password, r.Lang, r.Gender)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSpace(r.AccountName)
	if name == "" {
		name = u.DisplayName
	}
	if _, err := s.Store.SignUp(ctx, name, u, l, s.now()); err != nil {
		return nil, err
	}
	return s.startSession(ctx, u.AccountID, u.ID)
}

// newUser checks what a new user gives and hashes their password.
func (s *Service) newUser(name, email, pw, lang string, g rapport.Gender) (*rapport.User, *rapport.Login, error) {
	if g == "" {
		g = rapport.GenderUnknown
	}
	if lang == "" {
		lang = "en"
	}
	u := &rapport.User{DisplayName: strings.TrimSpace(name), Email: strings.ToLower(strings.TrimSpace(email)), Lang: lang, Gender: g, Role: rapport.RoleViewer}
	if err := u.Validate(); err != nil {
		return nil, nil, err
	}
	l, err := s.newLogin(u.Email, pw)
	return u, l, err
}

// newLogin checks an email and password and hashes the password.
func (s *Service) newLogin(email, pw string) (*rapport.Login, error) {
	if err := (&rapport.Login{Email: email}).Validate(); err != nil {
		return nil, err
	}
	if err := password.Check(pw); err != nil {
		return nil, err
	}
	h, err := password.Hash(pw, s.passwords())
	if err != nil {
		return nil, rapport.Internal(err)
	}
	return &rapport.Login{Email: email, PasswordHash: h}, nil
}

// SetPassword gives the principal's user a login: an email and password to
// sign in to the server with.
func (s *Service) SetPassword(ctx context.Context, p *rapport.Principal, email, pw string) error {
	l, err := s.newLogin(strings.ToLower(strings.TrimSpace(email)), pw)
	if err != nil {
		return err
	}
	l.AccountID, l.UserID = p.Account.ID, p.User.ID
	return s.Store.SetLogin(ctx, l)
}

// UpdateProfile changes the principal's own name, language and gender.
func (s *Service) UpdateProfile(ctx context.Context, p *rapport.Principal, name, lang string, g rapport.Gender) (*rapport.User, error) {
	u := *p.User
	u.DisplayName, u.Lang, u.Gender = strings.TrimSpace(name), lang, g
	if err := s.Store.UpdateUser(ctx, p.Account.ID, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// SignIn checks an email and password, throttled per address and per
// account, and starts a session.
func (s *Service) SignIn(ctx context.Context, email, pw, addr string) (*SignedIn, error) {
	now := s.now()
	since := now.Add(-SigninWindow)
	l, err := s.Store.Login(ctx, email)
	if err != nil && rapport.ErrorCodeOf(err) != rapport.ENOTFOUND {
		return nil, err
	}
	keys := []string{"addr:" + addr, "email:" + strings.ToLower(email)}
	limits := []int{MaxFailuresPerAddress, MaxFailuresPerAccount}
	if l != nil {
		keys[1] = "account:" + strconv.FormatInt(l.AccountID, 10)
	}
	for i, k := range keys {
		n, err := s.Store.SigninFailures(ctx, k, since)
		if err != nil {
			return nil, err
		}
		if n >= limits[i] {
			return nil, &rapport.Error{Code: rapport.ETHROTTLED, Key: "error.auth.throttled",
				Message: "too many failed sign-ins: wait a few minutes and try again"}
		}
	}
	hash := password.Dummy(s.passwords())
	if l != nil {
		hash = l.PasswordHash
	}
	ok, rehash, err := password.Verify(pw, hash, s.passwords())
	if err != nil {
		return nil, rapport.Internal(err)
	}
	if !ok || l == nil {
		if err := s.Store.AddSigninFailure(ctx, keys, now); err != nil {
			return nil, err
		}
		return nil, errBadSignin
	}
	if rehash {
		if h, err := password.Hash(pw, s.passwords()); err == nil {
			_ = s.Store.SetPasswordHash(ctx, l.Email, h) // best effort: the old hash still works
		}
	}
	return s.startSession(ctx, l.AccountID, l.UserID)
}

func (s *Service) startSession(ctx context.Context, acct, userID int64) (*SignedIn, error) {
	secret, err := newSecret()
	if err != nil {
		return nil, err
	}
	now := s.now()
	sess := &rapport.Session{UserID: userID, SecretHash: rapport.HashSecret(secret), CreatedAt: now, ExpiresAt: now.Add(SessionLifetime)}
	if err := s.Store.CreateSession(ctx, acct, sess); err != nil {
		return nil, err
	}
	p, err := s.principal(ctx, acct, userID)
	if err != nil {
		return nil, err
	}
	p.SessionID = sess.ID
	cred := rapport.Credential{Kind: rapport.CredSession, Account: acct, ID: sess.ID, Secret: secret}
	return &SignedIn{Credential: cred.String(), Principal: p, ExpiresAt: sess.ExpiresAt}, nil
}

func (s *Service) principal(ctx context.Context, acct, userID int64) (*rapport.Principal, error) {
	a, err := s.Store.Account(ctx, acct)
	if err != nil {
		return nil, err
	}
	u, err := s.Store.User(ctx, acct, userID)
	if err != nil {
		return nil, err
	}
	return &rapport.Principal{Account: a, User: u}, nil
}

// errBadCredential is the one answer to any credential that does not work:
// unknown, expired, revoked or wrong.
var errBadCredential = &rapport.Error{Code: rapport.EUNAUTHORIZED, Message: "invalid or expired credentials", Key: "error.auth.bad_credential"}

// SessionPrincipal returns who a session cookie's credential signs in.
func (s *Service) SessionPrincipal(ctx context.Context, credential string) (*rapport.Principal, error) {
	c, err := rapport.ParseCredential(rapport.CredSession, credential)
	if err != nil {
		return nil, err
	}
	p, sess, err := s.Store.SessionPrincipal(ctx, c.Account, c.ID)
	if err != nil {
		return nil, unauthorizedIfNotFound(err)
	}
	if !rapport.SecretMatches(c.Secret, sess.SecretHash) || !s.now().Before(sess.ExpiresAt) {
		return nil, errBadCredential
	}
	p.SessionID = sess.ID
	return p, nil
}

// TokenPrincipal returns who an API token acts as.
func (s *Service) TokenPrincipal(ctx context.Context, credential string) (*rapport.Principal, error) {
	c, err := rapport.ParseCredential(rapport.CredToken, credential)
	if err != nil {
		return nil, err
	}
	p, err := s.Store.TokenPrincipal(ctx, c.Account, c.ID)
	if err != nil {
		return nil, unauthorizedIfNotFound(err)
	}
	if !rapport.SecretMatches(c.Secret, p.Token.SecretHash) || p.Token.RevokedAt != nil || p.Token.Scope == rapport.ScopeFeed {
		return nil, errBadCredential
	}
	return p, nil
}

func unauthorizedIfNotFound(err error) error {
	if rapport.ErrorCodeOf(err) == rapport.ENOTFOUND {
		return errBadCredential
	}
	return err
}

// SignOut ends a session.
func (s *Service) SignOut(ctx context.Context, p *rapport.Principal) error {
	if p.SessionID == 0 {
		return nil
	}
	return s.Store.DeleteSession(ctx, p.Account.ID, p.SessionID)
}

// NewToken is a token just created: its credential is shown once.
type NewToken struct {
	Token string            `json:"token"`
	Info  *rapport.APIToken `json:"info"`
}

// CreateToken creates a personal API token for the principal's user. A
// token never has more rights than the user: a viewer's write token still
// only reads.
func (s *Service) CreateToken(ctx context.Context, p *rapport.Principal, name string, scope rapport.Scope) (*NewToken, error) {
	if scope == "" {
		scope = rapport.ScopeRead
	}
	if scope == rapport.ScopeFeed {
		return nil, rapport.Invalid("scope", scope, "a calendar feed is made with POST /api/v1/feed (rapport feed create)")
	}
	secret, err := newSecret()
	if err != nil {
		return nil, err
	}
	t := &rapport.APIToken{UserID: p.User.ID, Name: strings.TrimSpace(name), Scope: scope,
		SecretHash: rapport.HashSecret(secret), CreatedAt: s.now()}
	if err := s.Store.CreateToken(ctx, p.Account.ID, t); err != nil {
		return nil, err
	}
	cred := rapport.Credential{Kind: rapport.CredToken, Account: p.Account.ID, ID: t.ID, Secret: secret}
	return &NewToken{Token: cred.String(), Info: t}, nil
}

// Tokens lists the principal's own tokens.
func (s *Service) Tokens(ctx context.Context, p *rapport.Principal) ([]*rapport.APIToken, error) {
	return s.Store.Tokens(ctx, p.Account.ID, p.User.ID)
}

// RevokeToken revokes one of the principal's tokens; another user's token
// is not found, whatever the role.
func (s *Service) RevokeToken(ctx context.Context, p *rapport.Principal, id int64) error {
	t, err := s.Store.Token(ctx, p.Account.ID, id)
	if err != nil {
		return err
	}
	if t.UserID != p.User.ID {
		return rapport.NotFound("token", id)
	}
	return s.Store.RevokeToken(ctx, p.Account.ID, id, s.now())
}

// NewInvite is an invitation just created: its credential is shown once.
type NewInvite struct {
	Token string          `json:"token"`
	Info  *rapport.Invite `json:"info"`
}

// CreateInvite lets an owner invite a user with a role.
func (s *Service) CreateInvite(ctx context.Context, p *rapport.Principal, role rapport.Role, email string) (*NewInvite, error) {
	secret, err := newSecret()
	if err != nil {
		return nil, err
	}
	now := s.now()
	inv := &rapport.Invite{Role: role, Email: strings.ToLower(strings.TrimSpace(email)), CreatedBy: p.User.ID,
		SecretHash: rapport.HashSecret(secret), CreatedAt: now, ExpiresAt: now.Add(InviteLifetime)}
	if err := s.Store.CreateInvite(ctx, p.Account.ID, inv); err != nil {
		return nil, err
	}
	cred := rapport.Credential{Kind: rapport.CredInvite, Account: p.Account.ID, ID: inv.ID, Secret: secret}
	return &NewInvite{Token: cred.String(), Info: inv}, nil
}

// AcceptInviteRequest is what an invited user gives.
type AcceptInviteRequest struct {
	Token       string         `json:"token"`
	DisplayName string         `json:"display_name"`
	Email       string         `json:"email"`
	Password    string         `json:"password"`
	Lang        string         `json:"lang"`
	Gender      rapport.Gender `json:"gender"`
}

// AcceptInvite creates the invited user, once per invite, and signs them in.
func (s *Service) AcceptInvite(ctx context.Context, r AcceptInviteRequest) (*SignedIn, error) {
	c, err := rapport.ParseCredential(rapport.CredInvite, r.Token)
	if err != nil {
		return nil, err
	}
	inv, err := s.Store.Invite(ctx, c.Account, c.ID)
	if err != nil {
		return nil, unauthorizedIfNotFound(err)
	}
	if !rapport.SecretMatches(c.Secret, inv.SecretHash) {
		return nil, errBadCredential
	}
	email := r.Email
	if inv.Email != "" {
		if email != "" && !strings.EqualFold(strings.TrimSpace(email), inv.Email) {
			return nil, rapport.Invalid("email", email, "this invitation is for another email").Keyed("error.auth.invite_email", nil)
		}
		email = inv.Email
	}
	u, l, err := s.newUser(r.DisplayName, email, r.Password, r.Lang, r.Gender)
	if err != nil {
		return nil, err
	}
	u.Role = inv.Role
	if err := s.Store.AcceptInvite(ctx, c.Account, inv.ID, u, l, s.now()); err != nil {
		return nil, err
	}
	return s.startSession(ctx, c.Account, u.ID)
}

// newSecret returns 256 random bits for a credential.
func newSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", rapport.Internal(err)
	}
	return rapport.EncodeSecret(b), nil
}
