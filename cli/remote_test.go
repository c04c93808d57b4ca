package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"rapport/app"
	"rapport/i18n"
	"rapport/server"
	"rapport/sqlstore"
	"rapport/sqlstore/sqltest"
)

// newRemoteSession is a session whose commands run on a server (in
// process, on a database of its own, with the session's RAPPORT_NOW as its
// clock) through --server's environment variables: init and a write token
// are made locally, then RAPPORT_DB is gone. wrap, when not nil, wraps the
// server's handler.
func newRemoteSession(t *testing.T, engine string, wrap func(db *sqlstore.DB, h http.Handler) http.Handler) *session {
	t.Helper()
	s := newSession(t, engine)
	remoteOn(t, s, wrap)
	return s
}

// remoteOn turns a session whose database has its account into one that
// runs its commands on a server on that database.
func remoteOn(t *testing.T, s *session, wrap func(db *sqlstore.DB, h http.Handler) http.Handler) {
	t.Helper()
	var tok struct {
		Token string `json:"token"`
	}
	s.json(&tok, "token", "create", "--scope", "write", "--name", "cli")
	db, err := sqlstore.Open(context.Background(), s.env["RAPPORT_DB"])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var mu sync.Mutex
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		c, err := time.Parse(time.RFC3339, s.env["RAPPORT_NOW"])
		if err != nil {
			t.Errorf("RAPPORT_NOW: %v", err)
		}
		return c
	}
	var h http.Handler = server.New(server.Config{Service: &app.Service{Store: db, Now: now}, JobEvery: -1}).Handler()
	if wrap != nil {
		h = wrap(db, h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	delete(s.env, "RAPPORT_DB")
	s.env["RAPPORT_SERVER"] = srv.URL
	s.env["RAPPORT_TOKEN"] = tok.Token
	// Were a command to open a database after all, it would be this one.
	s.env["XDG_DATA_HOME"] = t.TempDir()
}

// TestRemoteCommandsSayWhatLocalOnesSay runs the same commands on a local
// database and on a server, each on a database of its own made alike: the
// exit status, the output and the errors are the same, byte for byte, with
// and without --json, in each language.
func TestRemoteCommandsSayWhatLocalOnesSay(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		local := newSession(t, engine)
		local.ok("token", "create", "--scope", "write", "--name", "cli") // the remote session's has id 1
		remote := newRemoteSession(t, engine, nil)
		script := [][]string{
			{"contact", "add", "Zofia Kowalczyk", "--kind", "client", "--tier", "core", "--org", "Acme", "--email", "work:Zofia@Acme.pl",
				"--birthday", "--11-22", "--tag", "Warsaw", "--tag", "vip", "--lang", "pl", "--gender", "feminine"},
			{"contact", "add", "Omar Haddad", "--kind", "colleague", "--tier", "inner", "--title", "Engineering Manager"},
			{"contact", "add", "Omar Farouk", "--json"},
			{"contact", "edit", "zofia", "--title", "CFO", "--add-tag", "board", "--rm-tag", "vip", "--birthday", "", "--json"},
			{"contact", "edit", "zofia", "--cadence", "21", "--phone", "mobile:+48 600 100 200", "--name", "Zofia K."},
			{"contact", "note", "zofia", "met at the Warsaw fair", "--json"},
			{"contact", "note", "omar h", "likes chess"},
			{"log", "zofia", "--channel", "call", "--invite", "--at", "-3d", "--json"},
			{"log", "zofia", "omar haddad", "--channel", "in_person", "--at", "yesterday", "--note", "workshop"},
			{"log", "omar haddad", "--channel", "email", "--invite"},
			{"log", "omar haddad", "--channel", "video", "--invite", "--at", "+2d", "--json"},
			{"outcome", "1", "declined", "--json"},
			{"outcome", "2", "cancelled"},
			{"outcome", "99", "held"},
			{"timeline", "zofia"},
			{"timeline", "zofia", "--json", "--limit", "1"},
			{"contact", "show", "zofia"},
			{"contact", "show", "zofia", "--json"},
			{"contact", "show", "omar"},
			{"contact", "list"},
			{"contact", "list", "--json", "--kind", "client"},
			{"contact", "list", "--search", "engineering"},
			{"contact", "list", "--kind", "boss"},
			{"effort", "start", "omar haddad", "--goal", "the launch", "--json"},
			{"effort", "start", "omar haddad"},
			{"promise", "add", "zofia", "--by", "me", "--what", "send the deck", "--due", "today"},
			{"promise", "add", "zofia", "--by", "them", "--what", "an intro", "--due", "-2d", "--json"},
			{"promise", "keep", "1", "--json"},
			{"promise", "keep", "1"},
			{"promise", "break", "2"},
			{"trust", "breach", "zofia", "--note", "took credit", "--json"},
			{"trust", "reset", "zofia"},
			{"trust", "reset", "zofia", "--reason", "we talked it through"},
			{"favor", "zofia", "--dir", "received", "--kind", "advice", "--about", "pricing", "--json"},
			{"favor", "zofia", "--dir", "asked", "--kind", "intro", "--outcome", "declined"},
			{"thank", "zofia"},
			{"thank", "zofia"},
			{"ask", "check", "zofia", "--kind", "intro", "--about", "their CTO", "--on-behalf", "omar haddad"},
			{"ask", "check", "omar haddad", "--kind", "advice", "--json"},
			{"status", "zofia"},
			{"status", "omar haddad", "--json"},
			{"today"},
			{"today", "--json"},
			{"review"},
			{"review", "--since", "-30d", "--json"},
			{"settings"},
			{"settings", "set", "cadence_inner_days", "21", "--json"},
			{"settings", "set", "cadence_inner_days", "0"},
			{"settings", "set", "nope", "1"},
			{"draft", "reconnect", "zofia", "--why-now", "a data project", "--offer", "a review", "--json"},
			{"draft", "opener", "omar haddad", "--situation", "new-quarter"},
			{"draft", "opener", "omar haddad", "--channel", "email"},
			{"token", "list", "--json"},
			{"contact", "show", "omar"},
			{"contact", "show", "nobody"},
			{"contact", "add", ""},
			{"contact", "add", "Ann", "--email", "not an address"},
			{"contact", "add", "Ann", "--birthday", "2026-02-30"},
			{"contact", "rm", "omar farouk", "--json"},
			{"contact", "rm", "3"},
			{"contact", "list", "--trash"},
			{"contact", "restore", "omar farouk"},
			{"contact", "restore", "omar farouk"},
			{"log", "zofia", "--channel", "call", "--at", "+1d"},
		}
		for _, lang := range []string{"", "pl", "ar"} {
			for _, args := range script {
				if lang != "" {
					if args[0] == "contact" && (args[1] == "add" || args[1] == "edit") && len(args) > 2 && args[2] != "" {
						continue // adds and edits once
					}
					args = append([]string{"--lang", lang}, args...)
				}
				l, r := local.run(args...), remote.run(args...)
				if l != r {
					t.Errorf("rapport %s\nlocal:  exit %d\n%s%s\nremote: exit %d\n%s%s", strings.Join(args, " "),
						l.code, l.stdout, l.stderr, r.code, r.stdout, r.stderr)
				}
			}
		}
	})
}

// TestRemoteEditOfAContactChangedMeanwhileIsAConflict: contact edit sends the
// version it read. A change made by someone else between the read and the
// edit wins: the edit is refused (exit 1), and changes nothing.
func TestRemoteEditOfAContactChangedMeanwhileIsAConflict(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		var sawIfMatch string
		s := newRemoteSession(t, engine, func(db *sqlstore.DB, h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == "PATCH" {
					sawIfMatch = r.Header.Get("If-Match")
					// Someone else changes the organisation meanwhile.
					c, err := db.Contact(r.Context(), 1, 1)
					if err != nil {
						t.Error(err)
					}
					c.Org = "Globex"
					if err := db.UpdateContact(r.Context(), 1, c); err != nil {
						t.Error(err)
					}
				}
				h.ServeHTTP(w, r)
			})
		})
		s.ok("contact", "add", "Zofia Kowalczyk", "--org", "Acme", "--tag", "vip")
		r := s.run("contact", "edit", "zofia", "--title", "CFO", "--add-tag", "board")
		if r.code != 1 || !strings.Contains(r.stderr, "was changed since you read it") || sawIfMatch != `"1"` {
			t.Fatalf("edit of a contact changed meanwhile: exit %d %q (If-Match %s)", r.code, r.stderr, sawIfMatch)
		}
		var c contactJSON
		s.json(&c, "contact", "show", "zofia")
		if c.Org != "Globex" || strings.Join(c.Tags, ",") != "vip" || c.Version != 2 {
			t.Fatalf("after the refused edit: %+v", c)
		}
	})
}

// TestLocalOnlyCommandsRefuseAServer: init, gen, tour, serve and password
// need the database itself. With a server they say so, in the user's
// language, exit 2, and reach no server.
func TestLocalOnlyCommandsRefuseAServer(t *testing.T) {
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls++ }))
	defer srv.Close()
	s := &session{t: t, env: map[string]string{"TZ": "UTC", "HOME": t.TempDir(), "RAPPORT_TOKEN": "rt_1_1_x"}}
	for _, args := range [][]string{{"init"}, {"gen", "--contacts", "1"}, {"tour"}, {"serve"}, {"password"}} {
		for _, how := range [][]string{{"--server", srv.URL}, {"--server=" + srv.URL}} {
			r := s.run(append(how, args...)...)
			want := "rapport: rapport " + args[0] + " works on a local database only: run it on the database's machine, without --server or RAPPORT_SERVER\n"
			if r.code != 2 || r.stderr != want {
				t.Errorf("rapport %s: exit %d %q", strings.Join(append(how, args...), " "), r.code, r.stderr)
			}
		}
	}
	s.env["RAPPORT_SERVER"] = srv.URL
	if r := s.run("--lang", "pl", "init"); r.code != 2 || !strings.Contains(r.stderr, "polecenie `rapport init` działa tylko na lokalnej bazie danych") {
		t.Errorf("init with RAPPORT_SERVER, in Polish: exit %d %q", r.code, r.stderr)
	}
	if r := s.run("--lang", "ar", "serve"); r.code != 2 || !strings.Contains(r.stderr, "لا يعمل إلا على قاعدة بيانات محلية") {
		t.Errorf("serve with RAPPORT_SERVER, in Arabic: exit %d %q", r.code, r.stderr)
	}
	if r := s.run("--db", "x.db", "today"); r.code != 2 || !strings.Contains(r.stderr, "--db and --server cannot go together") {
		t.Errorf("--db with a server: exit %d %q", r.code, r.stderr)
	}
	if calls != 0 {
		t.Errorf("the refusals called the server %d times", calls)
	}
}

// TestServerErrorsBecomeTheCLIs: what goes wrong with a server is one line,
// with the exit status a local database would give.
func TestServerErrorsBecomeTheCLIs(t *testing.T) {
	s := newRemoteSession(t, "sqlite", nil)
	token := s.env["RAPPORT_TOKEN"]
	s.env["RAPPORT_TOKEN"] = "rt_1_1_" + strings.Repeat("x", 43)
	if r := s.run("today"); r.code != 1 || r.stderr != "rapport: invalid or expired credentials\n" {
		t.Errorf("a wrong token: exit %d %q", r.code, r.stderr)
	}
	// The flag wins over the environment.
	if r := s.run("--token", token, "today"); r.code != 0 {
		t.Errorf("--token over a wrong RAPPORT_TOKEN: exit %d %q", r.code, r.stderr)
	}
	s.env["RAPPORT_TOKEN"] = ""
	if r := s.run("today"); r.code != 2 || !strings.Contains(r.stderr, "--token: a token is required with --server") {
		t.Errorf("no token: exit %d %q", r.code, r.stderr)
	}
	s.env["RAPPORT_TOKEN"] = token
	if r := s.run("--server", "rapport.example.com", "today"); r.code != 2 ||
		r.stderr != `rapport: --server: invalid value "rapport.example.com": use the server's URL, e.g. https://rapport.example.com`+"\n" {
		t.Errorf("a --server without a scheme: exit %d %q", r.code, r.stderr)
	}
	if r := s.run("--server", "http://127.0.0.1:1", "today"); r.code != 1 ||
		!strings.HasPrefix(r.stderr, "rapport: cannot reach the server\n  cause: ") || !strings.Contains(r.stderr, "127.0.0.1:1") {
		t.Errorf("no server there: exit %d %q", r.code, r.stderr)
	}
	if r := s.run("--lang", "pl", "--server", "http://127.0.0.1:1", "today"); !strings.HasPrefix(r.stderr, "rapport: nie można połączyć się z serwerem\n  przyczyna: ") {
		t.Errorf("no server there, in Polish: %q", r.stderr)
	}
	// A page that is not the API's.
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "<html>bad gateway</html>", http.StatusBadGateway)
	}))
	defer html.Close()
	if r := s.run("--server", html.URL, "today"); r.code != 1 || r.stderr != "rapport: the server's answer is not one of Rapport's\n  cause: HTTP 502 Bad Gateway\n" {
		t.Errorf("a proxy's error page: exit %d %q", r.code, r.stderr)
	}
}

// TestRemoteSpeaksTheUsersLanguage: without --lang, the language the user
// chose at init, which the server knows, over the environment's; the
// server's texts (the rules' warnings, its errors) come in it too.
func TestRemoteSpeaksTheUsersLanguage(t *testing.T) {
	s := &session{t: t, env: map[string]string{"RAPPORT_DB": sqltest.DSN(t, "sqlite"), "RAPPORT_NOW": "2026-11-20T09:00:00Z",
		"TZ": "UTC", "LANG": "ar_EG.UTF-8"}}
	s.ok("init", "--lang", "pl")
	remoteOn(t, s, nil)
	s.ok("contact", "add", "Ana")
	s.ok("effort", "start", "ana")
	if r := s.run("log", "ana", "--channel", "email", "--invite"); r.code != 0 || !strings.HasPrefix(r.stderr, "Uwaga (not_an_attempt): ") ||
		strings.Contains(r.stderr, "attempt to") {
		t.Errorf("a warning in Polish: exit %d %q", r.code, r.stderr)
	}
	if r := s.run("contact", "show", "nobody"); r.code != 1 || r.stderr != "rapport: żaden kontakt nie pasuje do „nobody”\n" {
		t.Errorf("the server's error in Polish: exit %d %q", r.code, r.stderr)
	}
	if r := s.run("--lang", "en", "contact", "show", "nobody"); r.stderr != "rapport: no contact matches \"nobody\"\n" {
		t.Errorf("--lang en: %q", r.stderr)
	}
}

// TestServerAndTokenFlagsHaveTheirHelpInEveryLanguage: the help of --server
// and --token comes from the catalogs.
func TestServerAndTokenFlagsHaveTheirHelpInEveryLanguage(t *testing.T) {
	s := &session{t: t, env: map[string]string{"TZ": "UTC"}}
	for _, lang := range i18n.Supported {
		out := s.ok("--lang", lang, "--help")
		for _, key := range []string{"cli.remote.flag_server", "cli.remote.flag_token"} {
			if want := i18n.For(lang).T(key, nil); !strings.Contains(out, want) {
				t.Errorf("rapport --lang %s --help lacks %q:\n%s", lang, want, out)
			}
		}
	}
}

// TestImportThroughAServerIsTheSameImport: `rapport import` with --server
// uploads the file to the API; the result is what a local import says, a
// second import finds everything there, and restoring a JSON archive stays
// the local database's.
func TestImportThroughAServerIsTheSameImport(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		file := filepath.Join(t.TempDir(), "people.vcf")
		card := "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Łukasz Wiśniewski\r\nEMAIL:lukasz@example.com\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:سلمى حداد\r\nEMAIL:salma@example.com\r\nEND:VCARD\r\n"
		if err := os.WriteFile(file, []byte(card), 0o644); err != nil {
			t.Fatal(err)
		}
		var res struct {
			Contacts struct {
				Created   []any `json:"created"`
				Unchanged []any `json:"unchanged"`
			} `json:"contacts"`
		}
		local := newSession(t, engine)
		local.json(&res, "import", "vcard", file)
		localOut := local.run("import", "vcard", file).stdout
		s := newRemoteSession(t, engine, nil)
		s.json(&res, "import", "vcard", file)
		if len(res.Contacts.Created) != 2 {
			t.Fatalf("remote import created %d contacts, want 2", len(res.Contacts.Created))
		}
		r := s.run("import", "vcard", file)
		if r.code != 0 || r.stdout != localOut {
			t.Fatalf("a second import through the server says\n%s\nlocally\n%s", r.stdout, localOut)
		}
		if r := s.run("import", "json", file); r.code != 2 {
			t.Fatalf("a JSON restore through a server: exit %d %q, want 2", r.code, r.stderr)
		}
	})
}
