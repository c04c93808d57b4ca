package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"rapport"
)

// installation is the account_id of installation-wide counters.
const installation = 0

func (d *DB) EnsureAccount(ctx context.Context, name string, owner *rapport.User, now time.Time) (rapport.Account, bool, error) {
	a, err := d.DefaultAccount(ctx)
	if err == nil {
		return a, false, nil
	}
	if rapport.ErrorCodeOf(err) != rapport.ENOTFOUND {
		return a, false, err
	}
	a, err = d.CreateAccount(ctx, name, owner, now)
	return a, err == nil, err
}

func (d *DB) DefaultAccount(ctx context.Context) (rapport.Account, error) {
	var (
		a       rapport.Account
		created int64
	)
	err := d.db.QueryRowContext(ctx, d.q.FirstAccount).Scan(&a.ID, &a.Name, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return a, &rapport.Error{Code: rapport.ENOTFOUND, Message: "no account yet: run `rapport init` first", Key: "error.no_account"}
	}
	if err != nil {
		return a, d.fail(err)
	}
	a.CreatedAt = fromMs(created)
	return a, nil
}

func (d *DB) CreateAccount(ctx context.Context, name string, owner *rapport.User, now time.Time) (rapport.Account, error) {
	return d.createAccount(ctx, name, owner, nil, now)
}

// createAccount creates an account with its owner and, when l is not nil,
// the owner's login, in one transaction.
func (d *DB) createAccount(ctx context.Context, name string, owner *rapport.User, l *rapport.Login, now time.Time) (rapport.Account, error) {
	a := rapport.Account{Name: strings.TrimSpace(name), CreatedAt: now.UTC().Truncate(time.Millisecond)}
	if a.Name == "" {
		return a, rapport.Invalid("account_name", name, "must not be empty").Keyed("error.invalid.required", nil)
	}
	owner.Role = rapport.RoleOwner
	if owner.Gender == "" {
		owner.Gender = rapport.GenderUnknown
	}
	if err := owner.Validate(); err != nil {
		return a, err
	}
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		id, err := d.nextIDs(ctx, tx, installation, "account", 1)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, d.q.InsertAccount, id, a.Name, ms(a.CreatedAt)); err != nil {
			return err
		}
		a.ID = id
		if err := d.insertUser(ctx, tx, id, owner, now); err != nil || l == nil {
			return err
		}
		return d.insertLogin(ctx, tx, owner, l)
	})
	return a, err
}

func (d *DB) insertUser(ctx context.Context, tx *sql.Tx, acct int64, u *rapport.User, now time.Time) error {
	id, err := d.nextIDs(ctx, tx, acct, "user", 1)
	if err != nil {
		return err
	}
	u.ID, u.AccountID, u.CreatedAt = id, acct, now.UTC().Truncate(time.Millisecond)
	_, err = tx.ExecContext(ctx, d.q.InsertUser, acct, id, strings.ToLower(u.Email), u.DisplayName, u.Lang, u.Gender, u.Role, ms(u.CreatedAt))
	return err
}

func (d *DB) Users(ctx context.Context, acct int64) ([]*rapport.User, error) {
	rows, err := d.db.QueryContext(ctx, d.q.Users, acct)
	if err != nil {
		return nil, d.fail(err)
	}
	defer rows.Close()
	var us []*rapport.User
	for rows.Next() {
		u := &rapport.User{}
		var created int64
		if err := rows.Scan(&u.ID, &u.AccountID, &u.Email, &u.DisplayName, &u.Lang, &u.Gender, &u.Role, &created); err != nil {
			return nil, d.fail(err)
		}
		u.CreatedAt = fromMs(created)
		us = append(us, u)
	}
	return us, d.fail(rows.Err())
}
