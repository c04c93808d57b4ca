package server

import (
	"sync"
	"time"

	"rapport"
)

// tokenCache remembers, for a moment, who an API token acts as: a script
// or the CLI sends the same token with every request, and checking it is a
// database read, a third of what GET /api/v1/contacts/{id} costs. A token
// revoked through this server is forgotten at once; one revoked through
// another server (or the CLI on the same database) stops working here
// within TokenCacheTTL (docs/security.md).
type tokenCache struct {
	mu  sync.Mutex
	ttl time.Duration
	m   map[string]cachedToken // by the whole credential, secret included
}

type cachedToken struct {
	p     *rapport.Principal
	until time.Time
}

// TokenCacheTTL bounds how long a revoked token may still work on a server
// other than the one that revoked it.
const TokenCacheTTL = time.Second

// maxCachedTokens bounds the cache: past it, it starts again empty.
const maxCachedTokens = 10000

func newTokenCache(ttl time.Duration) *tokenCache {
	return &tokenCache{ttl: ttl, m: map[string]cachedToken{}}
}

// get returns the principal of a credential seen less than ttl ago. The
// principal is shared: callers only read it.
func (c *tokenCache) get(cred string, now time.Time) *rapport.Principal {
	if c.ttl <= 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[cred]
	if !ok || now.After(e.until) {
		delete(c.m, cred)
		return nil
	}
	return e.p
}

func (c *tokenCache) put(cred string, p *rapport.Principal, now time.Time) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCachedTokens {
		c.m = map[string]cachedToken{}
	}
	c.m[cred] = cachedToken{p: p, until: now.Add(c.ttl)}
}

// forget drops a token, when it is revoked here.
func (c *tokenCache) forget(acct, id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		if e.p.Account.ID == acct && e.p.Token != nil && e.p.Token.ID == id {
			delete(c.m, k)
		}
	}
}
