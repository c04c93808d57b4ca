package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"rapport"
)

// errEmailTaken is what a duplicate login becomes: the email is the one
// unique thing, and saying so is what a sign-up form needs.
func errEmailTaken(email string) error {
	return (&rapport.Error{Code: rapport.ECONFLICT, Field: "email", Message: "email " + email + " is already registered"}).
		Keyed("error.auth.email_taken", map[string]any{"email": email})
}

func (d *DB) SignUp(ctx context.Context, name string, owner *rapport.User, l *rapport.Login, now time.Time) (rapport.Account, error) {
	if _, err := d.Login(ctx, l.Email); err == nil {
		return rapport.Account{}, errEmailTaken(l.Email)
	}
	return d.createAccount(ctx, name, owner, l, now)
}

func (d *DB) insertLogin(ctx context.Context, tx *sql.Tx, u *rapport.User, l *rapport.Login) error {
	l.Email, l.AccountID, l.UserID = strings.ToLower(l.Email), u.AccountID, u.ID
	_, err := tx.ExecContext(ctx, d.q.InsertLogin, l.Email, l.AccountID, l.UserID, l.PasswordHash)
	if rapport.ErrorCodeOf(d.fail(err)) == rapport.ECONFLICT {
		return errEmailTaken(l.Email)
	}
	return err
}

func (d *DB) Login(ctx context.Context, email string) (*rapport.Login, error) {
	l := &rapport.Login{}
	err := d.db.QueryRowContext(ctx, d.q.Login, strings.ToLower(email)).Scan(&l.Email, &l.AccountID, &l.UserID, &l.PasswordHash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rapport.NotFound("login", email)
	}
	return l, d.fail(err)
}

func (d *DB) SetLogin(ctx context.Context, l *rapport.Login) error {
	u, err := d.User(ctx, l.AccountID, l.UserID)
	if err != nil {
		return err
	}
	if err := l.Validate(); err != nil {
		return err
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, d.q.DeleteLogin, l.AccountID, l.UserID); err != nil {
			return err
		}
		u.Email = strings.ToLower(l.Email)
		if _, err := tx.ExecContext(ctx, d.q.SetUserEmail, u.AccountID, u.ID, u.Email); err != nil {
			return err
		}
		return d.insertLogin(ctx, tx, u, l)
	})
}

func (d *DB) SetPasswordHash(ctx context.Context, email, hash string) error {
	_, err := d.db.ExecContext(ctx, d.q.SetPasswordHash, strings.ToLower(email), hash)
	return d.fail(err)
}

func (d *DB) Account(ctx context.Context, acct int64) (rapport.Account, error) {
	var (
		a       rapport.Account
		created int64
	)
	err := d.db.QueryRowContext(ctx, d.q.Account, acct).Scan(&a.ID, &a.Name, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return a, rapport.NotFound("account", acct)
	}
	a.CreatedAt = fromMs(created)
	return a, d.fail(err)
}

func (d *DB) Accounts(ctx context.Context) ([]int64, error) {
	return d.ids(ctx, d.q.AccountIDs)
}

// ids runs a query of one id column.
func (d *DB) ids(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, d.fail(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, d.fail(err)
		}
		ids = append(ids, id)
	}
	return ids, d.fail(rows.Err())
}

func (d *DB) User(ctx context.Context, acct, id int64) (*rapport.User, error) {
	u := &rapport.User{}
	var created int64
	err := d.db.QueryRowContext(ctx, d.q.User, acct, id).Scan(&u.ID, &u.AccountID, &u.Email, &u.DisplayName, &u.Lang, &u.Gender, &u.Role, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rapport.NotFound("user", id)
	}
	u.CreatedAt = fromMs(created)
	return u, d.fail(err)
}

func (d *DB) UpdateUser(ctx context.Context, acct int64, u *rapport.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	res, err := d.db.ExecContext(ctx, d.q.UpdateUser, acct, u.ID, u.DisplayName, u.Lang, u.Gender)
	if err != nil {
		return d.fail(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return rapport.NotFound("user", u.ID)
	}
	return nil
}

func (d *DB) SessionPrincipal(ctx context.Context, acct, id int64) (*rapport.Principal, *rapport.Session, error) {
	sess := &rapport.Session{AccountID: acct}
	p, pcols := newPrincipal(acct)
	var created, expires int64
	err := d.db.QueryRowContext(ctx, d.q.SessionPrincipal, acct, id).Scan(
		append([]any{&sess.ID, &sess.UserID, &sess.SecretHash, &created, &expires}, pcols...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, rapport.NotFound("session", id)
	}
	if err != nil {
		return nil, nil, d.fail(err)
	}
	sess.CreatedAt, sess.ExpiresAt = fromMs(created), fromMs(expires)
	p.finish(sess.UserID)
	return p.Principal, sess, nil
}

func (d *DB) TokenPrincipal(ctx context.Context, acct, id int64) (*rapport.Principal, error) {
	t := &rapport.APIToken{AccountID: acct}
	p, pcols := newPrincipal(acct)
	var (
		created int64
		revoked sql.NullInt64
	)
	err := d.db.QueryRowContext(ctx, d.q.TokenPrincipal, acct, id).Scan(
		append([]any{&t.ID, &t.UserID, &t.Name, &t.Scope, &t.SecretHash, &created, &revoked}, pcols...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rapport.NotFound("token", id)
	}
	if err != nil {
		return nil, d.fail(err)
	}
	t.CreatedAt, t.RevokedAt = fromMs(created), fromNullMs(revoked)
	p.finish(t.UserID)
	p.Token = t
	return p.Principal, nil
}

// scannedPrincipal is a principal being read from principalColumns.
type scannedPrincipal struct {
	*rapport.Principal
	acctCreated, userCreated int64
}

// newPrincipal returns a principal of acct and the scan targets of
// principalColumns.
func newPrincipal(acct int64) (*scannedPrincipal, []any) {
	p := &scannedPrincipal{Principal: &rapport.Principal{Account: rapport.Account{ID: acct}, User: &rapport.User{AccountID: acct}}}
	u := p.User
	return p, []any{&p.Account.Name, &p.acctCreated, &u.Email, &u.DisplayName, &u.Lang, &u.Gender, &u.Role, &p.userCreated}
}

func (p *scannedPrincipal) finish(userID int64) {
	p.Account.CreatedAt, p.User.CreatedAt, p.User.ID = fromMs(p.acctCreated), fromMs(p.userCreated), userID
}

func (d *DB) CreateSession(ctx context.Context, acct int64, s *rapport.Session) error {
	return d.inTx(ctx, func(tx *sql.Tx) error {
		id, err := d.nextIDs(ctx, tx, acct, "session", 1)
		if err != nil {
			return err
		}
		s.ID, s.AccountID = id, acct
		_, err = tx.ExecContext(ctx, d.q.InsertSession, acct, id, s.UserID, s.SecretHash, ms(s.CreatedAt), ms(s.ExpiresAt))
		return err
	})
}

func (d *DB) Session(ctx context.Context, acct, id int64) (*rapport.Session, error) {
	s := &rapport.Session{}
	var created, expires int64
	err := d.db.QueryRowContext(ctx, d.q.Session, acct, id).Scan(&s.ID, &s.AccountID, &s.UserID, &s.SecretHash, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rapport.NotFound("session", id)
	}
	s.CreatedAt, s.ExpiresAt = fromMs(created), fromMs(expires)
	return s, d.fail(err)
}

func (d *DB) DeleteSession(ctx context.Context, acct, id int64) error {
	_, err := d.db.ExecContext(ctx, d.q.DeleteSession, acct, id)
	return d.fail(err)
}

func (d *DB) CreateToken(ctx context.Context, acct int64, t *rapport.APIToken) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		id, err := d.nextIDs(ctx, tx, acct, "token", 1)
		if err != nil {
			return err
		}
		t.ID, t.AccountID = id, acct
		_, err = tx.ExecContext(ctx, d.q.InsertToken, acct, id, t.UserID, t.Name, t.Scope, t.SecretHash, ms(t.CreatedAt))
		return err
	})
}

func (d *DB) Token(ctx context.Context, acct, id int64) (*rapport.APIToken, error) {
	ts, err := d.tokens(ctx, d.q.Token, acct, id)
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, rapport.NotFound("token", id)
	}
	return ts[0], nil
}

func (d *DB) Tokens(ctx context.Context, acct, userID int64) ([]*rapport.APIToken, error) {
	return d.tokens(ctx, d.q.Tokens, acct, userID)
}

func (d *DB) tokens(ctx context.Context, query string, args ...any) ([]*rapport.APIToken, error) {
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, d.fail(err)
	}
	defer rows.Close()
	var ts []*rapport.APIToken
	for rows.Next() {
		t := &rapport.APIToken{}
		var (
			created int64
			revoked sql.NullInt64
		)
		if err := rows.Scan(&t.ID, &t.AccountID, &t.UserID, &t.Name, &t.Scope, &t.SecretHash, &created, &revoked); err != nil {
			return nil, d.fail(err)
		}
		t.CreatedAt, t.RevokedAt = fromMs(created), fromNullMs(revoked)
		ts = append(ts, t)
	}
	return ts, d.fail(rows.Err())
}

func (d *DB) RevokeToken(ctx context.Context, acct, id int64, now time.Time) error {
	res, err := d.db.ExecContext(ctx, d.q.RevokeToken, acct, id, ms(now))
	if err != nil {
		return d.fail(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := d.Token(ctx, acct, id); err != nil {
			return err
		}
		// Already revoked: revoking is idempotent.
	}
	return nil
}

func (d *DB) CreateInvite(ctx context.Context, acct int64, inv *rapport.Invite) error {
	if err := inv.Validate(); err != nil {
		return err
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		id, err := d.nextIDs(ctx, tx, acct, "invite", 1)
		if err != nil {
			return err
		}
		inv.ID, inv.AccountID = id, acct
		_, err = tx.ExecContext(ctx, d.q.InsertInvite, acct, id, inv.Role, strings.ToLower(inv.Email), inv.CreatedBy,
			inv.SecretHash, ms(inv.CreatedAt), ms(inv.ExpiresAt))
		return err
	})
}

func (d *DB) Invite(ctx context.Context, acct, id int64) (*rapport.Invite, error) {
	inv := &rapport.Invite{}
	var (
		created, expires int64
		used             sql.NullInt64
	)
	err := d.db.QueryRowContext(ctx, d.q.Invite, acct, id).Scan(&inv.ID, &inv.AccountID, &inv.Role, &inv.Email,
		&inv.CreatedBy, &inv.SecretHash, &created, &expires, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rapport.NotFound("invite", id)
	}
	inv.CreatedAt, inv.ExpiresAt, inv.UsedAt = fromMs(created), fromMs(expires), fromNullMs(used)
	return inv, d.fail(err)
}

func (d *DB) AcceptInvite(ctx context.Context, acct, inviteID int64, u *rapport.User, l *rapport.Login, now time.Time) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, d.q.UseInvite, acct, inviteID, ms(now))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return &rapport.Error{Code: rapport.ECONFLICT, Message: "this invitation was already used or has expired", Key: "error.auth.invite_used"}
		}
		if err := d.insertUser(ctx, tx, acct, u, now); err != nil {
			return err
		}
		return d.insertLogin(ctx, tx, u, l)
	})
}

func (d *DB) AddSigninFailure(ctx context.Context, keys []string, at time.Time) error {
	return d.inTx(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, d.q.InsertSigninFailure, k, ms(at)); err != nil {
				return err
			}
		}
		return nil
	})
}

func (d *DB) SigninFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := d.db.QueryRowContext(ctx, d.q.SigninFailures, key, ms(since)).Scan(&n)
	return n, d.fail(err)
}

func (d *DB) ClaimJobRun(ctx context.Context, job string, slot int64, holder string, now time.Time) (bool, error) {
	res, err := d.db.ExecContext(ctx, d.q.ClaimJobRun, job, slot, holder, ms(now))
	if err != nil {
		return false, d.fail(err)
	}
	n, err := res.RowsAffected()
	return n == 1, d.fail(err)
}

func (d *DB) PurgeExpired(ctx context.Context, now, before time.Time) error {
	return d.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []struct {
			query string
			at    time.Time
		}{{d.q.PurgeSessions, now}, {d.q.PurgeInvites, now}, {d.q.PurgeSigninFailures, before}} {
			if _, err := tx.ExecContext(ctx, q.query, ms(q.at)); err != nil {
				return err
			}
		}
		return nil
	})
}

func (d *DB) StaleInvitations(ctx context.Context, acct int64, before time.Time) ([]int64, error) {
	return d.ids(ctx, d.q.StaleInvitations, acct, ms(before))
}
