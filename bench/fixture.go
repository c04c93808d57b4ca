// Package bench measures Rapport on data from `rapport gen`, beside the floor
// of each workload: the same work done with the bare driver. Run it with
//
//	go test ./bench -run '^$' -bench . -count 6 | tee new.txt && benchstat new.txt
//
// The fixture (100,000 contacts, 2,000,000 interactions by default; set
// RAPPORT_BENCH_CONTACTS and RAPPORT_BENCH_INTERACTIONS for others) is
// generated once and kept in $RAPPORT_BENCH_DIR (default: the temp folder).
package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"rapport/cli"
)

// Now is the benchmarks' fixed "now", as RAPPORT_NOW.
const Now = "2026-11-20T09:00:00Z"

// Size is the fixture's size.
type Size struct{ Contacts, Interactions int }

// FixtureSize reads the size from the environment, defaulting to the
// figures the issues state targets for.
func FixtureSize() Size {
	s := Size{100_000, 2_000_000}
	if v, err := strconv.Atoi(os.Getenv("RAPPORT_BENCH_CONTACTS")); err == nil && v > 0 {
		s.Contacts = v
	}
	if v, err := strconv.Atoi(os.Getenv("RAPPORT_BENCH_INTERACTIONS")); err == nil && v >= 0 {
		s.Interactions = v
	}
	return s
}

var fixtureOnce sync.Map // path -> *sync.Once

// Fixture returns the path of a SQLite database filled by `rapport gen` with
// seed 1, generating it the first time.
func Fixture(b testing.TB, s Size) string {
	dir := os.Getenv("RAPPORT_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "rapport-bench")
	}
	path := filepath.Join(dir, fmt.Sprintf("gen-%d-%d-seed1.db", s.Contacts, s.Interactions))
	once, _ := fixtureOnce.LoadOrStore(path, &sync.Once{})
	var err error
	once.(*sync.Once).Do(func() {
		if _, statErr := os.Stat(path); statErr == nil {
			return
		}
		tmp := path + ".partial"
		os.Remove(tmp)
		if err = RunCLI(tmp, "init"); err != nil {
			return
		}
		if err = RunCLI(tmp, "gen", "--contacts", strconv.Itoa(s.Contacts), "--interactions", strconv.Itoa(s.Interactions), "--seed", "1"); err != nil {
			return
		}
		err = os.Rename(tmp, path)
	})
	if err != nil {
		b.Fatalf("fixture: %v", err)
	}
	return path
}

// RunCLI runs a rapport command on the database at db.
func RunCLI(db string, args ...string) error {
	env := cli.Env{Stdout: io.Discard, Stderr: os.Stderr, Getenv: func(k string) string {
		switch k {
		case "RAPPORT_DB":
			return db
		case "RAPPORT_NOW":
			return Now
		case "TZ":
			return "UTC"
		}
		return ""
	}}
	if code := cli.Main(context.Background(), args, env); code != 0 {
		return fmt.Errorf("rapport %v: exit %d", args, code)
	}
	return nil
}

// Copy copies a fixture to a fresh file for a benchmark that writes.
func Copy(b testing.TB, path string) string {
	b.Helper()
	dst := filepath.Join(b.TempDir(), "copy.db")
	in, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return dst
}
