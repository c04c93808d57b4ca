package sqlstore

import (
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"rapport"
)

var postgresEngine = engine{
	name:    "postgres",
	driver:  "pgx",
	dialect: goose.DialectPostgres,
	rebind:  func(q string) string { return q },
	translate: func(err error) error {
		var pe *pgconn.PgError
		if !errors.As(err, &pe) {
			return nil
		}
		switch pe.Code {
		case "23505": // unique_violation
			return &rapport.Error{Code: rapport.ECONFLICT, Message: "already exists", Key: "error.store.exists", Err: err}
		case "23503": // foreign_key_violation
			return &rapport.Error{Code: rapport.EINVALID, Message: "refers to something that does not exist in this account", Key: "error.store.dangling", Err: err}
		case "40001", "40P01": // serialization failure, deadlock
			return &rapport.Error{Code: rapport.ECONFLICT, Message: "a concurrent change got in the way; try again", Key: "error.store.retry", Err: err}
		}
		return nil
	},
	setupConns: func(db *sql.DB) {
		db.SetMaxOpenConns(16)
		db.SetMaxIdleConns(16)
	},
	// VACUUM too: index-only scans need the visibility map, or the planner
	// scans 2,000,000 interaction links rather than look up 14,000.
	analyze:   "VACUUM ANALYZE contacts, contact_points, contact_tags, interactions, interaction_contacts, efforts, promises, favors, trust_events",
	bulkRows:  1000, // PostgreSQL allows 65535 parameters per statement
	forUpdate: " FOR UPDATE",
}

func init() {
	// Several servers may start at once on one database: a session lock makes
	// them apply migrations one at a time.
	if l, err := lock.NewPostgresSessionLocker(); err == nil {
		postgresEngine.gooseOpts = []goose.ProviderOption{goose.WithSessionLocker(l)}
	}
}
