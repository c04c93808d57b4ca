package server

import (
	"net/http"
	"strings"
	"time"

	"rapport"
	"rapport/session"
)

// SessionCookie and CSRFHeader are package session's, named here for the
// API's clients and tests.
const (
	SessionCookie = session.Cookie
	CSRFHeader    = session.CSRFHeader
)

// authorize finds who calls (a bearer token, else the session cookie),
// checks the route's permission, and the CSRF token of unsafe cookie
// requests. Public routes still learn who calls when they can.
func (s *Server) authorize(c *call) error {
	p, cookie, err := s.principal(c.r)
	if c.rt.Perm == 0 {
		if err == nil {
			c.p, c.cookie = p, cookie
		}
		return nil
	}
	if err != nil {
		return err
	}
	c.p, c.cookie = p, cookie
	if !p.Can(c.rt.Perm) {
		return forbidden(p, c.rt.Perm)
	}
	if cookie && !safeMethod(c.r.Method) && !session.ValidCSRF(c.r, session.Credential(c.r)) {
		return newHTTPError(http.StatusForbidden, codeCSRF, "", "error.http.csrf", map[string]any{"header": CSRFHeader},
			"missing or wrong CSRF token: send the csrf_token of your session in "+CSRFHeader)
	}
	return nil
}

// forbidden says why the principal may not do what a route needs: its
// token's scope, or its role (named verbatim, as the API spells it).
func forbidden(p *rapport.Principal, need rapport.Permission) *rapport.Error {
	if p.Token != nil && p.Token.Scope == rapport.ScopeRead && p.User.Role.Can(need) {
		return (&rapport.Error{Code: rapport.EFORBIDDEN, Message: "this token may only read: create a token with scope write"}).
			Keyed("error.auth.read_token", nil)
	}
	return (&rapport.Error{Code: rapport.EFORBIDDEN, Message: "your role (" + string(p.User.Role) + ") does not allow this"}).
		Keyed("error.auth.role", map[string]any{"role": string(p.User.Role)})
}

// principal reads the credentials of a request: Authorization: Bearer
// first (scripts, the CLI), else the session cookie (browsers).
func (s *Server) principal(r *http.Request) (p *rapport.Principal, cookie bool, err error) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			return nil, false, &rapport.Error{Code: rapport.EUNAUTHORIZED, Message: "use Authorization: Bearer TOKEN", Key: "error.auth.bearer"}
		}
		tok = strings.TrimSpace(tok)
		now := time.Now()
		if p := s.tokens.get(tok, now); p != nil {
			return p, false, nil
		}
		p, err := s.svc.TokenPrincipal(r.Context(), tok)
		if err == nil {
			s.tokens.put(tok, p, now)
		}
		return p, false, err
	}
	if ck, err := r.Cookie(session.Cookie); err == nil {
		p, err := s.svc.SessionPrincipal(r.Context(), ck.Value)
		return p, true, err
	}
	return nil, false, &rapport.Error{Code: rapport.EUNAUTHORIZED, Message: "sign in, or send an API token in Authorization: Bearer", Key: "error.auth.required"}
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}
