package server_test

import (
	"testing"

	"rapport/server"
	"rapport/sqlstore/sqltest"
)

// TestTwoServersOnOneDatabaseBehaveAsOne signs in on one server and works
// on another, as behind a load balancer: the session is shared, and a
// stale update made through one server is refused by the other.
func TestTwoServersOnOneDatabaseBehaveAsOne(t *testing.T) {
	for _, engine := range sqltest.Engines {
		t.Run(engine, func(t *testing.T) {
			sqltest.Require(t, engine)
			envs := serversOn(t, sqltest.DSN(t, engine), 2, server.Config{})
			one, two := envs[0], envs[1]
			maya := one.signUp("Acme", "maya@acme.example")
			id := two.contact(maya, "Zofia") // the cookie of server one works on server two
			path := contactPath(id)
			one.must(maya, 200, request{method: "PATCH", path: path, body: map[string]any{"org": "Globex"}, header: map[string]string{"If-Match": `"1"`}})
			two.must(maya, 412, request{method: "PATCH", path: path, body: map[string]any{"org": "Initech"}, header: map[string]string{"If-Match": `"1"`}})
			two.must(maya, 204, request{method: "POST", path: "/api/v1/signout"})
			one.must(maya, 401, request{method: "GET", path: "/api/v1/me"})
		})
	}
}
