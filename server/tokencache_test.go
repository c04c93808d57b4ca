package server_test

import (
	"fmt"
	"testing"
	"time"

	"rapport"
	"rapport/server"
	"rapport/sqlstore/sqltest"
)

// A revoked token stops working at once on the server that revoked it, and
// within the cache's time to live on the others.
func TestARevokedTokenStopsWorkingOnEveryServer(t *testing.T) {
	const ttl = 100 * time.Millisecond
	envs := serversOn(t, sqltest.DSN(t, "sqlite"), 2, server.Config{TokenCacheTTL: ttl})
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
