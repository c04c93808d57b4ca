package main_test

import (
	"bytes"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// server is a `rapport serve` process on a remote user's database, with
// the user's clock when it started (RAPPORT_NOW freezes a server's clock,
// so a test that moves the user's clock gets a new server).
type server struct {
	token string // a write token of the user's
	url   string
	now   string
	cmd   *exec.Cmd
	log   *syncBuffer // its standard error
}

// serve makes sure the user's server runs with the user's now.
func (u *user) serve() {
	u.t.Helper()
	s := u.remote
	if s.cmd != nil && s.now == u.now {
		return
	}
	u.stopServer()
	cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--log-level", "warn")
	cmd.Env = append(cleanEnv(), "RAPPORT_DB="+u.db, "RAPPORT_NOW="+u.now, "TZ=UTC", "XDG_DATA_HOME="+u.data)
	first := &firstLine{done: make(chan struct{})}
	s.log = &syncBuffer{}
	cmd.Stdout, cmd.Stderr = first, s.log
	if err := cmd.Start(); err != nil {
		u.t.Fatal(err)
	}
	s.cmd, s.now = cmd, u.now
	select {
	case <-first.done:
	case <-time.After(30 * time.Second):
		u.t.Fatalf("rapport serve said nothing in 30 s\n%s", s.log)
	}
	line := first.String()
	i := strings.Index(line, "http://")
	if i < 0 {
		u.t.Fatalf("rapport serve said %q\n%s", line, s.log)
	}
	s.url = strings.Fields(line[i:])[0]
	// The warning went to standard error before the line to standard
	// output, but the two pipes are read apart.
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(s.log.String(), "RAPPORT_NOW is set"); {
		if time.Now().After(deadline) {
			u.t.Fatalf("rapport serve with RAPPORT_NOW does not warn that its clock is frozen:\n%s", s.log)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// stopServer stops the user's server, if it runs, as an operator would.
func (u *user) stopServer() {
	s := u.remote
	if s == nil || s.cmd == nil {
		return
	}
	cmd := s.cmd
	s.cmd = nil
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			u.t.Errorf("rapport serve after SIGTERM: %v\n%s", err, s.log)
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		u.t.Errorf("rapport serve did not stop within 20 s of SIGTERM\n%s", s.log)
	}
}

// serverLog is what the user's server logged, for a failure's message.
func (u *user) serverLog() string {
	if u.remote == nil || u.remote.log == nil {
		return ""
	}
	return "rapport serve logged:\n" + u.remote.log.String()
}

// firstLine keeps what a process writes, and says when its first line is in.
type firstLine struct {
	syncBuffer
	once sync.Once
	done chan struct{}
}

func (f *firstLine) Write(p []byte) (int, error) {
	n, err := f.syncBuffer.Write(p)
	if bytes.Contains(p, []byte("\n")) {
		f.once.Do(func() { close(f.done) })
	}
	return n, err
}

func (f *firstLine) String() string {
	line, _, _ := strings.Cut(f.syncBuffer.String(), "\n")
	return line
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// remoteUser is a user whose commands run through a server, running.
func remoteUser(t *testing.T, engine string) *user {
	u := setup{engine: engine, remote: true}.newUser(t)
	u.serve()
	return u
}

// A token the server does not know is refused with the server's words, and
// exit 1, as a local failure that is not the command's fault.
func TestE2ERemoteWithABadTokenExitsOne(t *testing.T) {
	engines(t, func(t *testing.T, engine string) {
		u := remoteUser(t, engine)
		good := u.remote.token
		for _, bad := range []string{"rt_1_1_" + strings.Repeat("x", 43), "not a token"} {
			u.remote.token = bad
			_, stderr, code := u.try("today")
			if code != 1 || stderr != "rapport: invalid or expired credentials\n" {
				t.Errorf("token %q: exit %d %q", bad, code, stderr)
			}
		}
		u.remote.token = good
		// RAPPORT_SERVER and RAPPORT_TOKEN do what the flags do.
		out, stderr, code := u.exec([]string{"RAPPORT_NOW=" + u.now, "RAPPORT_SERVER=" + u.remote.url, "RAPPORT_TOKEN=" + good}, "today", "--json")
		if code != 0 || !strings.Contains(out, `"items"`) {
			t.Errorf("with RAPPORT_SERVER and RAPPORT_TOKEN: exit %d %s%s", code, out, stderr)
		}
	})
}

// Mistakes exit 2 through a server as on a database: the ones the CLI sees
// itself (an unknown --kind), and the ones only the server sees (an email
// that is not one, a contact without a name), in the user's language.
func TestE2ERemoteUsageErrorsExitTwo(t *testing.T) {
	engines(t, func(t *testing.T, engine string) {
		u := remoteUser(t, engine)
		for _, tc := range []struct {
			args []string
			want string
		}{
			{[]string{"contact", "add", "Ann", "--kind", "boss"}, `rapport: --kind: invalid value "boss": must be one of colleague, client, partner, mentor, network, friend`},
			{[]string{"contact", "list", "--kind", "boss"}, `rapport: --kind: invalid value "boss"`},
			{[]string{"contact", "add", "Ann", "--email", "not an address"}, `rapport: email: invalid value "not an address": not an email address`},
			{[]string{"--lang", "pl", "contact", "add", ""}, "rapport: display_name: nieprawidłowa wartość „”: kontakt musi mieć nazwę"},
			{[]string{"settings", "set", "cadence_inner_days", "0"}, "rapport: cadence_inner_days: invalid value"},
		} {
			_, stderr, code := u.try(tc.args...)
			if code != 2 || !strings.HasPrefix(stderr, tc.want) {
				t.Errorf("rapport %s: exit %d %q, want exit 2 and %q", strings.Join(tc.args, " "), code, stderr, tc.want)
			}
		}
		if out, _ := u.run("contact", "list", "--json"); strings.TrimSpace(out) != "[]" {
			t.Errorf("a refused command wrote: %s", out)
		}
	})
}

// init, gen, tour, serve and password need the database itself: with
// --server they refuse, exit 2, and write nothing.
func TestE2ERemoteRefusesLocalOnlyCommands(t *testing.T) {
	u := remoteUser(t, "sqlite")
	for _, args := range [][]string{{"init"}, {"gen", "--contacts", "5"}, {"tour"}, {"serve", "--addr", "127.0.0.1:0"}, {"password"}} {
		_, stderr, code := u.exec([]string{"RAPPORT_NOW=" + u.now},
			append([]string{"--server", u.remote.url, "--token", u.remote.token}, args...)...)
		want := "rapport: rapport " + args[0] + " works on a local database only"
		if code != 2 || !strings.HasPrefix(stderr, want) {
			t.Errorf("rapport --server … %s: exit %d %q", strings.Join(args, " "), code, stderr)
		}
	}
	if out, _ := u.run("contact", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("gen wrote through a server: %s", out)
	}
}
