package server_test

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/password"
	"rapport/server"
	"rapport/sqlstore"
	"rapport/sqlstore/sqltest"
)

// A revoked token stops working at once on the server that revoked it, and
// within the cache's time to live on the others.
func TestARevokedTokenStopsWorkingOnEveryServer(t *testing.T) {
	dsn := sqltest.DSN(t, "sqlite")
	const ttl = 100 * time.Millisecond
	var envs [2]*env
	for k := range envs {
		db, err := sqlstore.Open(t.Context(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		e := &env{t: t, db: db}
		e.clock = e.clockStart()
		e.svc = &app.Service{Store: db, Now: e.now, Passwords: password.Fast}
		e.srv = server.New(server.Config{Service: e.svc, Holder: "server", JobEvery: -1, TokenCacheTTL: ttl})
		e.http = httptest.NewServer(e.srv.Handler())
		t.Cleanup(e.http.Close)
		envs[k] = e
	}
	one, two := envs[0], envs[1]
	owner := one.signUp("Acme", "maya@acme.example")
	tok := one.token(owner, "read")
	list := request{method: "GET", path: "/api/v1/contacts"}
	one.must(tok, 200, list)
	two.must(tok, 200, list) // now cached by server two
	var ts []rapport.APIToken
	one.must(owner, 200, request{method: "GET", path: "/api/v1/tokens"}).json(t, &ts)
	one.must(owner, 204, request{method: "DELETE", path: fmt.Sprintf("/api/v1/tokens/%d", ts[0].ID)})
	one.must(tok, 401, list)
	time.Sleep(ttl + 50*time.Millisecond)
	two.must(tok, 401, list)
}
