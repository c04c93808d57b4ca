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

// user is someone using rapport, on one database. When remote is set, the
// commands run through `rapport serve` on that database (--server and
// --token, without RAPPORT_DB, so they cannot touch the file), but init,
// gen and tour, which need the database itself.
type user struct {
	t   *testing.T
	db  string
	now string
	// data is XDG_DATA_HOME, where rapport would make a database of its own
	// were it to open one that is not db: it must stay empty.
	data   string
	remote *server
}

// setup is where a test's user keeps their data (the engine) and how the
// commands reach it: on the database, or through a server.
type setup struct {
	engine string
	remote bool
}

func (s setup) String() string {
	if s.remote {
		return s.engine + "/remote"
	}
	return s.engine + "/local"
}

// setups runs test on each engine, with the commands run on the database
// and through a server: the same commands must say the same.
func setups(t *testing.T, test func(t *testing.T, s setup)) {
	for _, e := range sqltest.Engines {
		for _, remote := range []bool{false, true} {
			s := setup{engine: e, remote: remote}
			t.Run(s.String(), func(t *testing.T) {
				sqltest.Require(t, e)
				test(t, s)
			})
		}
	}
}

// newUser is a user whose commands run on the database.
func newUser(t *testing.T, engine string) *user { return setup{engine: engine}.newUser(t) }

// newUser makes the user's account with init and, for a remote setup, a
// write token with `rapport token create` (both on the database).
func (s setup) newUser(t *testing.T) *user {
	u := &user{t: t, db: sqltest.DSN(t, s.engine), now: "2026-01-05T10:00:00Z", data: t.TempDir()}
	t.Cleanup(func() {
		if es, _ := os.ReadDir(u.data); len(es) > 0 {
			t.Errorf("rapport made files of its own in XDG_DATA_HOME: %v", es)
		}
	})
	u.run("init", "--name", "Maya", "--gender", "feminine")
	if s.remote {
		tok := u.json("token", "create", "--scope", "write", "--name", "e2e")
		token, _ := tok["token"].(string)
		if token == "" {
			t.Fatalf("token create --json = %v", tok)
		}
		u.remote = &server{token: token}
		t.Cleanup(u.stopServer)
	}
	return u
}

// run runs rapport and returns its standard output and error, failing the
// test when it exits with an error.
func (u *user) run(args ...string) (string, string) {
	u.t.Helper()
	stdout, stderr, code := u.try(args...)
	if code != 0 {
		u.t.Fatalf("rapport %s: exit %d\n%s%s", strings.Join(args, " "), code, stderr, u.serverLog())
	}
	return stdout, stderr
}

// try runs rapport as the user does: on the database, or through the
// server (started, or restarted, so that its clock is the user's now).
func (u *user) try(args ...string) (string, string, int) {
	u.t.Helper()
	env := []string{"RAPPORT_NOW=" + u.now}
	if u.remote != nil && !localOnly[command(args)] {
		u.serve()
		args = append([]string{"--server", u.remote.url, "--token", u.remote.token}, args...)
	} else {
		env = append(env, "RAPPORT_DB="+u.db)
	}
	return u.exec(env, args...)
}

// exec runs rapport with env added to a clean environment (none of
// rapport's variables but TZ=UTC and the user's XDG_DATA_HOME).
func (u *user) exec(env []string, args ...string) (string, string, int) {
	u.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(cleanEnv(), append([]string{"TZ=UTC", "XDG_DATA_HOME=" + u.data}, env...)...)
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

// cleanEnv is the test's environment without rapport's own variables.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "RAPPORT_") && name != "XDG_DATA_HOME" && name != "TZ" {
			env = append(env, kv)
		}
	}
	return env
}

// localOnly are the commands that run on the database even for a remote
// user: they need the database itself, and refuse --server.
var localOnly = map[string]bool{"init": true, "gen": true, "tour": true}

// command is the command's name in args: the first argument that is
// neither a flag nor the value of one.
func command(args []string) string {
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--lang" || a == "--db" || a == "--server" || a == "--token":
			i++
		case !strings.HasPrefix(a, "-"):
			return a
		}
	}
	return ""
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

// engines runs test on each engine.
func engines(t *testing.T, test func(t *testing.T, engine string)) {
	for _, e := range sqltest.Engines {
		t.Run(e, func(t *testing.T) {
			sqltest.Require(t, e)
			test(t, e)
		})
	}
}
