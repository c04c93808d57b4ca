// Package sqlstore implements rapport.Store on SQLite (embedded, the
// default) and PostgreSQL. The two engines share the Go code and the query
// text in queries.go; each has its own migrations and driver specifics in
// sqlite.go and postgres.go.
package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/pressly/goose/v3"

	"rapport"
)

//go:embed migrations
var migrations embed.FS

// engine holds what differs between SQLite and PostgreSQL.
type engine struct {
	name       string // "sqlite" or "postgres", also the migrations folder
	driver     string // database/sql driver name
	dialect    goose.Dialect
	gooseOpts  []goose.ProviderOption
	rebind     func(query string) string // from the PostgreSQL-style text in queries.go
	translate  func(err error) error     // driver errors to rapport errors
	setupConns func(db *sql.DB)
	// forUpdate locks the rows a SELECT reads until the transaction ends;
	// "" where transactions already exclude each other (SQLite).
	forUpdate string
	// analyze refreshes the planner's statistics after bulk writes.
	analyze string
	// bulkRows is how many rows one multi-row INSERT carries; it keeps the
	// number of parameters under the engine's limit.
	bulkRows int
}

// DB is a rapport.Store on one database.
type DB struct {
	db  *sql.DB
	eng *engine
	q   queries
}

var _ rapport.Store = (*DB)(nil)

// Open opens the database named by dsn (a file path for SQLite, or a
// postgres:// URL), creating it if needed, and applies the migrations.
func Open(ctx context.Context, dsn string) (*DB, error) {
	var (
		eng  *engine
		conn string
		err  error
	)
	if IsPostgresURL(dsn) {
		eng, conn = &postgresEngine, dsn
	} else {
		eng = &sqliteEngine
		if conn, err = sqliteDSN(dsn); err != nil {
			return nil, err
		}
	}
	sdb, err := sql.Open(eng.driver, conn)
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", eng.name, err)
	}
	eng.setupConns(sdb)
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, &rapport.Error{Code: rapport.EINTERNAL, Message: fmt.Sprintf("cannot open the %s database: %v", eng.name, err), Err: err}
	}
	d := &DB{db: sdb, eng: eng, q: prepareQueries(eng.rebind)}
	if err := d.migrate(ctx); err != nil {
		sdb.Close()
		return nil, err
	}
	return d, nil
}

// IsPostgresURL reports whether dsn names a PostgreSQL database.
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Engine returns "sqlite" or "postgres".
func (d *DB) Engine() string { return d.eng.name }

// SQL returns the underlying database, for benchmarks and backups.
func (d *DB) SQL() *sql.DB { return d.db }

func (d *DB) Close() error { return d.db.Close() }

// Analyze refreshes the planner's statistics, after a bulk write such as
// `rapport gen` or an import.
func (d *DB) Analyze(ctx context.Context) error {
	_, err := d.db.ExecContext(ctx, d.eng.analyze)
	return d.fail(err)
}

func (d *DB) migrate(ctx context.Context) error {
	dir, err := fs.Sub(migrations, "migrations/"+d.eng.name)
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(d.eng.dialect, d.db, dir, d.eng.gooseOpts...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	return nil
}

// MigrationVersions lists the migration versions of an engine, so a test can
// check that both engines have the same ones.
func MigrationVersions(engine string) ([]string, error) {
	entries, err := fs.ReadDir(migrations, "migrations/"+engine)
	if err != nil {
		return nil, err
	}
	var v []string
	for _, e := range entries {
		v = append(v, strings.SplitN(e.Name(), "_", 2)[0])
	}
	return v, nil
}

// inTx runs fn in a transaction, committed if fn returns nil and rolled back
// otherwise, so a failed multi-row write leaves nothing behind.
func (d *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return d.fail(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return d.fail(err)
	}
	if err := tx.Commit(); err != nil {
		return d.fail(err)
	}
	return nil
}

// fail turns driver errors into rapport errors; rapport errors pass unchanged.
func (d *DB) fail(err error) error {
	var re *rapport.Error
	if err == nil || errors.As(err, &re) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if t := d.eng.translate(err); t != nil {
		return t
	}
	return rapport.Internal(err)
}

// queryer is what *sql.DB and *sql.Tx share.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// nextIDs reserves n consecutive ids of entity in an account and returns the first.
func (d *DB) nextIDs(ctx context.Context, q queryer, acct int64, entity string, n int) (int64, error) {
	var last int64
	if err := q.QueryRowContext(ctx, d.q.NextID, acct, entity, n).Scan(&last); err != nil {
		return 0, err
	}
	return last - int64(n) + 1, nil
}

// Times are stored as Unix milliseconds in UTC on both engines.
func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMs(v int64) time.Time { return time.UnixMilli(v).UTC() }

func nullMs(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: ms(*t), Valid: true}
}

func fromNullMs(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMs(v.Int64)
	return &t
}

// placeholders returns "($k,$k+1,...),(...)" for rows of width columns,
// numbered from start, in the PostgreSQL style that rebind converts.
func placeholders(rows, width, start int) string {
	var b strings.Builder
	n := start
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := 0; c < width; c++ {
			if c > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "$%d", n)
			n++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// idList returns "$start,$start+1,..." for n ids.
func idList(n, start int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "$%d", start+i)
	}
	return b.String()
}
