package main_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"rapport/sqlstore/sqltest"
)

// The end-to-end tests build the rapport binary once and drive it as a user
// would, fixing the clock with RAPPORT_NOW and reading --json output.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "rapport-e2e-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "rapport")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type user struct {
	t   *testing.T
	db  string
	now string
}

func newUser(t *testing.T, engine string) *user {
	u := &user{t: t, db: sqltest.DSN(t, engine), now: "2026-01-05T10:00:00Z"}
	u.run("init", "--name", "Maya", "--gender", "feminine")
	return u
}

// run runs rapport and returns its standard output and error, failing the
// test when it exits with an error.
func (u *user) run(args ...string) (string, string) {
	u.t.Helper()
	stdout, stderr, code := u.try(args...)
	if code != 0 {
		u.t.Fatalf("rapport %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	return stdout, stderr
}

func (u *user) try(args ...string) (string, string, int) {
	u.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "RAPPORT_DB="+u.db, "RAPPORT_NOW="+u.now, "TZ=UTC")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		u.t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// json runs rapport with --json and decodes the output into a generic map.
func (u *user) json(args ...string) map[string]any {
	u.t.Helper()
	out, _ := u.run(append(args, "--json")...)
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		u.t.Fatalf("rapport %s --json: %v\n%s", strings.Join(args, " "), err, out)
	}
	return v
}

// at reads a dotted path in decoded JSON.
func at(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func warningCodes(v any) []string {
	var codes []string
	ws, _ := v.([]any)
	for _, w := range ws {
		codes = append(codes, at(w, "code").(string))
	}
	return codes
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func items(today map[string]any, kind string) []any {
	var out []any
	for _, it := range today["items"].([]any) {
		if at(it, "kind") == kind {
			out = append(out, it)
		}
	}
	return out
}

func engines(t *testing.T, test func(t *testing.T, engine string)) {
	for _, e := range sqltest.Engines {
		t.Run(e, func(t *testing.T) {
			sqltest.Require(t, e)
			test(t, e)
		})
	}
}
