package sqlstore

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"rapport"
)

var sqliteEngine = engine{
	name:    "sqlite",
	driver:  "sqlite",
	dialect: goose.DialectSQLite3,
	rebind:  sqliteRebind,
	translate: func(err error) error {
		var se *sqlite.Error
		if !errors.As(err, &se) {
			return nil
		}
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return &rapport.Error{Code: rapport.ECONFLICT, Message: "already exists", Err: err}
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return &rapport.Error{Code: rapport.EINVALID, Message: "refers to something that does not exist in this account", Err: err}
		}
		return nil
	},
	setupConns: func(db *sql.DB) {
		// Writers queue on the busy timeout; readers run beside them under WAL.
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
	},
	bulkRows: 500, // SQLite allows 32766 parameters per statement
}

// sqliteDSN turns a file path into a driver DSN with the settings Rapport
// relies on, creating the folder the file lives in.
func sqliteDSN(path string) (string, error) {
	if path == "" {
		return "", rapport.Invalid("db", path, "no database path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", rapport.Invalid("db", path, fmt.Sprintf("cannot create its folder: %v", err))
		}
	}
	v := url.Values{}
	for _, p := range []string{
		"journal_mode(WAL)",   // readers never block the writer
		"foreign_keys(1)",     // off by default in SQLite
		"busy_timeout(10000)", // wait for another writer instead of failing
		"synchronous(NORMAL)", // safe with WAL, and much faster than FULL
	} {
		v.Add("_pragma", p)
	}
	// Take the write lock when a transaction starts, so two writers queue on
	// the busy timeout instead of one failing when it upgrades its lock.
	v.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + v.Encode(), nil
}

var pgParam = regexp.MustCompile(`\$(\d+)`)

// sqliteRebind turns the PostgreSQL-style query text into SQLite's: numbered
// parameters $1 become ?1, and GREATEST/LEAST become SQLite's scalar MAX/MIN
// (callers wrap their arguments in COALESCE, since MAX(x, NULL) is NULL in SQLite).
func sqliteRebind(q string) string {
	q = pgParam.ReplaceAllString(q, "?$1")
	q = strings.ReplaceAll(q, "GREATEST(", "MAX(")
	return strings.ReplaceAll(q, "LEAST(", "MIN(")
}
