// Package sqltest opens real, empty databases for tests: a SQLite file in a
// temporary folder, and a fresh schema on the PostgreSQL server named by
// RAPPORT_TEST_POSTGRES.
package sqltest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"rapport/sqlstore"
)

// PostgresEnv names the variable that holds the PostgreSQL test server's URL.
const PostgresEnv = "RAPPORT_TEST_POSTGRES"

// Engines lists the engines tests run on.
var Engines = []string{"sqlite", "postgres"}

// Open returns an empty store on engine, closed (and for PostgreSQL, dropped)
// when the test ends. A PostgreSQL test is skipped, saying how to run it, when
// RAPPORT_TEST_POSTGRES is unset, and fails when it is set but unreachable.
func Open(t testing.TB, engine string) *sqlstore.DB {
	t.Helper()
	dsn := DSN(t, engine)
	db, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// DSN returns the data source name of an empty database on engine, as Open does.
func DSN(t testing.TB, engine string) string {
	t.Helper()
	switch engine {
	case "sqlite":
		return filepath.Join(t.TempDir(), "rapport.db")
	case "postgres":
		return PostgresSchema(t)
	}
	t.Fatalf("unknown engine %q", engine)
	return ""
}

// Require skips the test, saying how to run it, when engine is PostgreSQL
// and RAPPORT_TEST_POSTGRES is unset. Call it once before a group of cases, so
// the message is said once.
func Require(t testing.TB, engine string) {
	t.Helper()
	if engine == "postgres" && os.Getenv(PostgresEnv) == "" {
		t.Skipf("PostgreSQL tests skipped: set %s to a server URL to run them, e.g. %s=postgres://postgres@127.0.0.1:5432/test?sslmode=disable", PostgresEnv, PostgresEnv)
	}
}

// PostgresSchema creates a fresh schema on the test server and returns a URL
// whose connections use it; the schema is dropped when the test ends.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	Require(t, "postgres")
	base := os.Getenv(PostgresEnv)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	defer admin.Close()
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("PostgreSQL at %s=%s cannot be used: %v", PostgresEnv, base, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err == nil {
			db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema) // pgx sends unknown parameters as run-time settings
	u.RawQuery = q.Encode()
	return u.String()
}
