package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"rapport/sqlstore/sqltest"
)

// session runs rapport commands in-process against one database.
type session struct {
	t   *testing.T
	env map[string]string
}

type result struct {
	code           int
	stdout, stderr string
}

func newSession(t *testing.T, engine string) *session {
	t.Helper()
	s := &session{t: t, env: map[string]string{
		"RAPPORT_DB":  sqltest.DSN(t, engine),
		"RAPPORT_NOW": "2026-11-20T09:00:00Z",
		"TZ":          "UTC",
	}}
	s.ok("init", "--name", "Test User")
	return s
}

func (s *session) run(args ...string) result {
	s.t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return s.env[k] }}
	code := Main(context.Background(), args, env)
	return result{code, out.String(), errb.String()}
}

// ok runs a command that must succeed and returns its standard output.
func (s *session) ok(args ...string) string {
	s.t.Helper()
	r := s.run(args...)
	if r.code != 0 {
		s.t.Fatalf("rapport %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// json runs a command with --json and decodes its output into v.
func (s *session) json(v any, args ...string) {
	s.t.Helper()
	out := s.ok(append(args, "--json")...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		s.t.Fatalf("rapport %s --json: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// forEachEngine runs a test on SQLite and, when configured, PostgreSQL.
func forEachEngine(t *testing.T, test func(t *testing.T, engine string)) {
	for _, engine := range sqltest.Engines {
		t.Run(engine, func(t *testing.T) {
			sqltest.Require(t, engine)
			test(t, engine)
		})
	}
}
