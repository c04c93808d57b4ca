package rapport

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Scope is what an API token may do.
type Scope string

const (
	ScopeRead  Scope = "read"  // GET only
	ScopeWrite Scope = "write" // everything the user's role allows
	// ScopeFeed is a calendar feed's credential (CredFeed): it reads the
	// user's feed at /feed/<credential>.ics and nothing else; it is never
	// an API token, and an API token is never a feed's.
	ScopeFeed Scope = "feed"
)

// Scopes lists the scopes of API tokens (POST /api/v1/tokens).
var Scopes = []Scope{ScopeRead, ScopeWrite}

// tokenScopes lists every scope a stored token may have.
var tokenScopes = []Scope{ScopeRead, ScopeWrite, ScopeFeed}

// Login is how a user signs in: an email, unique in the installation, and a
// password hash (argon2id, in the PHC string format).
type Login struct {
	Email        string
	AccountID    int64
	UserID       int64
	PasswordHash string
}

// Validate checks a login's email: one is required to sign in.
func (l *Login) Validate() error {
	if l.Email == "" {
		return Invalid("email", l.Email, "must not be empty").Keyed("error.invalid.required", nil)
	}
	return validateEmail("email", l.Email)
}

// Session is a signed-in browser or client. Its secret is never stored, only
// its hash.
type Session struct {
	ID         int64
	AccountID  int64
	UserID     int64
	SecretHash []byte
	CreatedAt  time.Time
	ExpiresAt  time.Time
}

// APIToken is a personal token for scripts and the CLI's --server mode.
type APIToken struct {
	ID         int64      `json:"id"`
	AccountID  int64      `json:"account_id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	Scope      Scope      `json:"scope"`
	SecretHash []byte     `json:"-"`
	CreatedAt  time.Time  `json:"created_at"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// Validate checks a token before it is stored.
func (t *APIToken) Validate() error {
	if len(t.Name) > 100 {
		return tooLong("name", t.Name, 100)
	}
	return validEnum("scope", t.Scope, tokenScopes)
}

// Invite is a single-use link by which an owner brings a user into an account.
type Invite struct {
	ID         int64      `json:"id"`
	AccountID  int64      `json:"account_id"`
	Role       Role       `json:"role"`
	Email      string     `json:"email,omitempty"`
	CreatedBy  int64      `json:"created_by"`
	SecretHash []byte     `json:"-"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	UsedAt     *time.Time `json:"used_at,omitempty"`
}

// Validate checks an invite before it is stored.
func (inv *Invite) Validate() error {
	if inv.Email != "" {
		if err := validateEmail("email", inv.Email); err != nil {
			return err
		}
	}
	return validEnum("role", inv.Role, Roles)
}

// Credential is the bearer form of a session, token or invite:
// "<kind>_<account>_<id>_<secret>". Carrying the account and id lets the
// store find the row by its key (account first, as every table) and compare
// the secret's hash in constant time.
type Credential struct {
	Kind    string // "rs" session, "rt" API token, "ri" invite, "rf" feed
	Account int64
	ID      int64
	Secret  string
}

// Credential kinds.
const (
	CredSession = "rs"
	CredToken   = "rt"
	CredInvite  = "ri"
	CredFeed    = "rf" // a calendar feed (a token of ScopeFeed)
)

func (c Credential) String() string {
	return fmt.Sprintf("%s_%d_%d_%s", c.Kind, c.Account, c.ID, c.Secret)
}

// ParseCredential reads a credential of the given kind. Any malformed value
// is EUNAUTHORIZED with one message, so that nothing tells a guesser which
// part was wrong.
func ParseCredential(kind, s string) (Credential, error) {
	bad := &Error{Code: EUNAUTHORIZED, Message: "invalid or expired credentials", Key: "error.auth.bad_credential"}
	parts := strings.SplitN(s, "_", 4)
	if len(parts) != 4 || parts[0] != kind || len(parts[3]) < 32 || len(parts[3]) > 64 {
		return Credential{}, bad
	}
	acct, err1 := strconv.ParseInt(parts[1], 10, 64)
	id, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || acct < 1 || id < 1 {
		return Credential{}, bad
	}
	return Credential{Kind: kind, Account: acct, ID: id, Secret: parts[3]}, nil
}

// HashSecret hashes a credential's secret for storage. The secrets are 256
// random bits, so a fast hash is enough; passwords use argon2id instead.
func HashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// SecretMatches compares a presented secret with a stored hash in constant time.
func SecretMatches(secret string, hash []byte) bool {
	return subtle.ConstantTimeCompare(HashSecret(secret), hash) == 1
}

// EncodeSecret turns random bytes into a credential secret (URL-safe).
func EncodeSecret(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// Can reports whether a role may do what a request needs.
func (r Role) Can(need Permission) bool {
	switch need {
	case PermRead:
		return r == RoleOwner || r == RoleEditor || r == RoleViewer
	case PermWrite:
		return r == RoleOwner || r == RoleEditor
	case PermAdmin:
		return r == RoleOwner
	}
	return false
}

// Permission is what an action needs of the user's role.
type Permission int

const (
	PermRead  Permission = iota + 1 // read the account's data
	PermWrite                       // change it
	PermAdmin                       // manage users and invites
)

// Principal is who a request acts as: a user of an account, through a
// session or a token (whose scope may narrow the role).
type Principal struct {
	Account   Account
	User      *User
	SessionID int64 // set for a session
	Token     *APIToken
}

// Can reports whether the principal may do what an action needs: its role
// allows it, a read token never writes, and a feed's credential does
// nothing of the API at all.
func (p *Principal) Can(need Permission) bool {
	if p == nil || p.User == nil || !p.User.Role.Can(need) {
		return false
	}
	if p.Token != nil && p.Token.Scope != ScopeRead && p.Token.Scope != ScopeWrite {
		return false
	}
	if p.Token != nil && p.Token.Scope == ScopeRead && need != PermRead {
		return false
	}
	return true
}

// AuthStore keeps accounts' users, logins, sessions, tokens and invites, and
// the installation's shared coordination state (sign-in throttling, job
// runs), so that several servers on one database behave as one.
type AuthStore interface {
	// SignUp creates an account, its owner and the owner's login in one
	// transaction; a taken email is ECONFLICT.
	SignUp(ctx context.Context, name string, owner *User, l *Login, now time.Time) (Account, error)
	// Login finds the login of an email (ENOTFOUND when there is none).
	Login(ctx context.Context, email string) (*Login, error)
	// SetLogin gives an existing user a login, replacing theirs (a new
	// email or password); an email another user has is ECONFLICT.
	SetLogin(ctx context.Context, l *Login) error
	// SetPasswordHash replaces a login's hash (after a parameter upgrade).
	SetPasswordHash(ctx context.Context, email, hash string) error
	Account(ctx context.Context, acct int64) (Account, error)
	User(ctx context.Context, acct, id int64) (*User, error)
	// UpdateUser stores a user's name, language and gender (not their
	// email or role).
	UpdateUser(ctx context.Context, acct int64, u *User) error

	// SessionPrincipal and TokenPrincipal read a session or a token with
	// its user and account, in one query: every request with a credential
	// does this first. ENOTFOUND when there is none.
	SessionPrincipal(ctx context.Context, acct, id int64) (*Principal, *Session, error)
	TokenPrincipal(ctx context.Context, acct, id int64) (*Principal, error)

	CreateSession(ctx context.Context, acct int64, s *Session) error
	Session(ctx context.Context, acct, id int64) (*Session, error)
	DeleteSession(ctx context.Context, acct, id int64) error

	CreateToken(ctx context.Context, acct int64, t *APIToken) error
	Token(ctx context.Context, acct, id int64) (*APIToken, error)
	// Tokens lists a user's tokens, revoked ones too.
	Tokens(ctx context.Context, acct, userID int64) ([]*APIToken, error)
	RevokeToken(ctx context.Context, acct, id int64, now time.Time) error

	CreateInvite(ctx context.Context, acct int64, inv *Invite) error
	Invite(ctx context.Context, acct, id int64) (*Invite, error)
	// AcceptInvite uses the invite (once: a used or expired one is
	// ECONFLICT) and creates the user and their login, in one transaction.
	AcceptInvite(ctx context.Context, acct, inviteID int64, u *User, l *Login, now time.Time) error

	// AddSigninFailure records a failed sign-in under each key (an address,
	// an email); SigninFailures counts a key's failures since a time.
	AddSigninFailure(ctx context.Context, keys []string, at time.Time) error
	SigninFailures(ctx context.Context, key string, since time.Time) (int, error)
	// ClaimJobRun claims the run of a scheduled job for one slot of time:
	// true for exactly one caller per (job, slot), whatever the number of
	// servers.
	ClaimJobRun(ctx context.Context, job string, slot int64, holder string, now time.Time) (bool, error)
	// PurgeExpired deletes sessions and invites past their expiry and
	// sign-in failures older than before.
	PurgeExpired(ctx context.Context, now, before time.Time) error
	// Accounts lists every account's id, for installation-wide jobs.
	Accounts(ctx context.Context) ([]int64, error)
	// StaleInvitations lists the ids of an account's invitations still
	// "scheduled" whose time is before a time.
	StaleInvitations(ctx context.Context, acct int64, before time.Time) ([]int64, error)
}
