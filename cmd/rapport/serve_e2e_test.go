package main_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeAnswersWithATokenAndStopsOnSIGTERM runs `rapport serve` as a
// user would: a token from `rapport token create`, a request with it, a
// password set with `rapport password` and a sign-in, then SIGTERM and a
// clean exit.
func TestServeAnswersWithATokenAndStopsOnSIGTERM(t *testing.T) {
	engines(t, func(t *testing.T, engine string) {
		u := newUser(t, engine)
		u.run("contact", "add", "Zofia Kowalczyk", "--kind", "client")
		tok := u.json("token", "create", "--scope", "read")
		token, _ := tok["token"].(string)
		if !strings.HasPrefix(token, "rt_") {
			t.Fatalf("token create --json = %v", tok)
		}
		cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--log-level", "warn")
		cmd.Env = append(os.Environ(), "RAPPORT_DB="+u.db, "TZ=UTC")
		cmd.Stdin = strings.NewReader("")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer cmd.Process.Kill()
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err != nil {
			t.Fatalf("no first line from serve: %v\n%s", err, stderr.String())
		}
		i := strings.Index(line, "http://")
		if i < 0 {
			t.Fatalf("serve said %q", line)
		}
		base := strings.Fields(line[i:])[0]

		get := func(path, token string) (int, string) {
			req, _ := http.NewRequest("GET", base+path, nil)
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res.StatusCode, string(b)
		}
		if code, body := get("/api/v1/contacts", token); code != 200 || !strings.Contains(body, `"display_name":"Zofia Kowalczyk"`) {
			t.Fatalf("GET /api/v1/contacts with the token = %d %s", code, body)
		}
		if code, _ := get("/api/v1/contacts", ""); code != 401 {
			t.Fatalf("GET /api/v1/contacts without a token = %d, want 401", code)
		}
		if code, _ := get("/readyz", ""); code != 200 {
			t.Fatalf("/readyz = %d", code)
		}
		// A calendar feed made on the database's machine is served by the
		// server to any calendar app, without a token.
		feed := u.json("token", "feed", "--name", "phone")
		path, _ := feed["path"].(string)
		if !strings.HasPrefix(path, "/feed/rf_") || !strings.HasSuffix(path, ".ics") {
			t.Fatalf("token feed --json = %v", feed)
		}
		if code, body := get(path, ""); code != 200 || !strings.Contains(body, "BEGIN:VCALENDAR") {
			t.Fatalf("GET the feed = %d %s", code, body)
		}

		// The CLI's owner signs in to the server with the password set by
		// `rapport password` (read from stdin, never a flag).
		pw := exec.Command(binary, "password", "--email", "maya@example.com")
		pw.Env = append(os.Environ(), "RAPPORT_DB="+u.db, "TZ=UTC")
		pw.Stdin = strings.NewReader("a long enough password\n")
		if out, err := pw.CombinedOutput(); err != nil {
			t.Fatalf("rapport password: %v\n%s", err, out)
		}
		res, err := http.Post(base+"/api/v1/signin", "application/json",
			strings.NewReader(`{"email": "maya@example.com", "password": "a long enough password"}`))
		if err != nil {
			t.Fatal(err)
		}
		var in struct {
			User struct {
				DisplayName string `json:"display_name"`
			} `json:"user"`
		}
		json.NewDecoder(res.Body).Decode(&in)
		res.Body.Close()
		if res.StatusCode != 200 || in.User.DisplayName != "Maya" {
			t.Fatalf("sign-in after `rapport password` = %d %+v", res.StatusCode, in)
		}

		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { io.Copy(io.Discard, stdout); done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("serve after SIGTERM: %v\n%s", err, stderr.String())
			}
		case <-time.After(20 * time.Second):
			t.Fatal("serve did not stop within 20 s of SIGTERM")
		}
	})
}
