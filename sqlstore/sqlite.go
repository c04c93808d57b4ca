package sqlstore

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mattn/go-sqlite3"
	"github.com/pressly/goose/v3"

	"rapport"
)

var sqliteEngine = engine{
	name:    "sqlite",
	driver:  "rapport-sqlite3",
	dialect: goose.DialectSQLite3,
	rebind:  sqliteRebind,
	translate: func(err error) error {
		var se sqlite3.Error
		if !errors.As(err, &se) {
			return nil
		}
		switch se.ExtendedCode {
		case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
			return &rapport.Error{Code: rapport.ECONFLICT, Message: "already exists", Key: "error.store.exists", Err: err}
		case sqlite3.ErrConstraintForeignKey:
			return &rapport.Error{Code: rapport.EINVALID, Message: "refers to something that does not exist in this account", Key: "error.store.dangling", Err: err}
		}
		return nil
	},
	setupConns: func(db *sql.DB) {
		// Writers queue on the busy timeout; readers run beside them under WAL.
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
	},
	analyze:  "ANALYZE",
	bulkRows: 500, // SQLite allows 32766 parameters per statement
}

func init() {
	sql.Register("rapport-sqlite3", &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			// Read the file through a memory map shared by every connection,
			// rather than copying pages with a system call each.
			if _, err := c.Exec("PRAGMA mmap_size = 1073741824; PRAGMA temp_store = MEMORY", nil); err != nil {
				return err
			}
			// Give the planner statistics where they are missing or stale,
			// cheaply (a sample of each index): without them it joins in
			// the wrong order and a 60 ms query takes seconds.
			_, err := c.Exec("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002", nil)
			return err
		},
	})
}

// sqliteDSN turns a file path into a driver DSN with the settings Rapport
// relies on, creating the folder the file lives in.
func sqliteDSN(path string) (string, error) {
	if path == "" {
		return "", rapport.Invalid("db", path, "no database path").Keyed("error.invalid.db_path", nil)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", rapport.Invalid("db", path, fmt.Sprintf("cannot create its folder: %v", err)).
				Keyed("error.invalid.db_folder", map[string]any{"cause": err.Error()})
		}
	}
	v := url.Values{}
	v.Set("_journal_mode", "WAL")   // readers never block the writer
	v.Set("_foreign_keys", "1")     // off by default in SQLite
	v.Set("_busy_timeout", "10000") // wait for another writer instead of failing
	v.Set("_synchronous", "NORMAL") // safe with WAL, and much faster than FULL
	v.Set("_cache_size", "-65536")  // 64 MiB of page cache per connection, not 2
	v.Set("_stmt_cache_size", "64") // reuse prepared statements of ad-hoc queries
	// Take the write lock when a transaction starts, so two writers queue on
	// the busy timeout instead of one failing when it upgrades its lock.
	v.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + v.Encode(), nil
}

// sqliteRebind turns the PostgreSQL-style query text into SQLite's. Numbered
// parameters become plain "?" when they appear once each, in order, and "?N"
// otherwise: some drivers look up the name of every "?N" parameter, in time
// that grows with their number (with modernc.org/sqlite it made bulk inserts
// five times slower). GREATEST/LEAST become SQLite's scalar MAX/MIN (callers wrap their
// arguments in COALESCE, since MAX(x, NULL) is NULL in SQLite).
func sqliteRebind(q string) string {
	inOrder, next := true, 1
	forEachParam(q, func(n int) {
		if n != next {
			inOrder = false
		}
		next++
	})
	var b strings.Builder
	b.Grow(len(q))
	last := 0
	forEachParamAt(q, func(start, end int) {
		b.WriteString(q[last:start])
		b.WriteByte('?')
		if !inOrder {
			b.WriteString(q[start+1 : end])
		}
		last = end
	})
	b.WriteString(q[last:])
	q = strings.ReplaceAll(b.String(), "GREATEST(", "MAX(")
	return strings.ReplaceAll(q, "LEAST(", "MIN(")
}

// forEachParamAt calls fn with the byte range of every $N parameter in q.
func forEachParamAt(q string, fn func(start, end int)) {
	for i := 0; i < len(q); i++ {
		if q[i] != '$' {
			continue
		}
		j := i + 1
		for j < len(q) && q[j] >= '0' && q[j] <= '9' {
			j++
		}
		if j > i+1 {
			fn(i, j)
			i = j - 1
		}
	}
}

// forEachParam calls fn with the number of every $N parameter in q.
func forEachParam(q string, fn func(n int)) {
	forEachParamAt(q, func(start, end int) {
		n, _ := strconv.Atoi(q[start+1 : end])
		fn(n)
	})
}
