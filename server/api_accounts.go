package server

import (
	"net/http"

	"rapport"
	"rapport/app"
	"rapport/session"
)

// signedIn is what sign-up, sign-in and accepting an invite answer: who is
// signed in, and the CSRF token the client sends back on unsafe requests.
// The session itself is in the HttpOnly cookie.
type signedIn struct {
	Account   rapport.Account `json:"account"`
	User      *rapport.User   `json:"user"`
	CSRFToken string          `json:"csrf_token,omitempty"`
}

func (c *call) startSession(in *app.SignedIn, status int) error {
	session.Set(c.w, c.r, in.Credential, in.ExpiresAt)
	return c.json(status, signedIn{Account: in.Principal.Account, User: in.Principal.User, CSRFToken: session.CSRFToken(in.Credential)})
}

func signUp(c *call) error {
	var req app.SignUpRequest
	if err := c.decode(&req); err != nil {
		return err
	}
	in, err := c.s.svc.SignUp(c.r.Context(), req)
	if err != nil {
		return err
	}
	return c.startSession(in, http.StatusCreated)
}

func signIn(c *call) error {
	var req struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if err := c.decode(&req); err != nil {
		return err
	}
	in, err := c.s.svc.SignIn(c.r.Context(), req.Email, req.Password, session.ClientAddr(c.r))
	if err != nil {
		return err
	}
	return c.startSession(in, http.StatusOK)
}

func signOut(c *call) error {
	if err := c.s.svc.SignOut(c.r.Context(), c.p); err != nil {
		return err
	}
	session.Clear(c.w, c.r)
	return c.noContent()
}

func me(c *call) error {
	out := signedIn{Account: c.p.Account, User: c.p.User}
	if c.cookie {
		out.CSRFToken = session.CSRFToken(session.Credential(c.r))
	}
	return c.ok(out)
}

func listUsers(c *call) error {
	us, err := c.s.svc.Store.Users(c.r.Context(), c.acct())
	if err != nil {
		return err
	}
	return c.ok(orEmpty(us))
}

func createInvite(c *call) error {
	var req struct {
		Role  rapport.Role `json:"role"`
		Email string       `json:"email"`
	}
	if err := c.decode(&req); err != nil {
		return err
	}
	inv, err := c.s.svc.CreateInvite(c.r.Context(), c.p, req.Role, req.Email)
	if err != nil {
		return err
	}
	// The link is the web app's; the token is what the API's accept takes.
	// No Location: an invite is not a resource one can GET; the token is
	// shown once, here.
	return c.json(http.StatusCreated, struct {
		*app.NewInvite
		URL string `json:"url"`
	}{inv, "/invite/" + inv.Token})
}

func acceptInvite(c *call) error {
	var req app.AcceptInviteRequest
	if err := c.decode(&req); err != nil {
		return err
	}
	in, err := c.s.svc.AcceptInvite(c.r.Context(), req)
	if err != nil {
		return err
	}
	return c.startSession(in, http.StatusCreated)
}

func listTokens(c *call) error {
	ts, err := c.s.svc.Tokens(c.r.Context(), c.p)
	if err != nil {
		return err
	}
	return c.ok(orEmpty(ts))
}

func createToken(c *call) error {
	// A read token must not mint itself a write token.
	if c.p.Token != nil && c.p.Token.Scope != rapport.ScopeWrite {
		return &rapport.Error{Code: rapport.EFORBIDDEN, Message: "this token may only read: create tokens signed in, or with a write token", Key: "error.auth.read_token_create"}
	}
	var req struct {
		Name  string        `json:"name"`
		Scope rapport.Scope `json:"scope"`
	}
	if err := c.decode(&req); err != nil {
		return err
	}
	t, err := c.s.svc.CreateToken(c.r.Context(), c.p, req.Name, req.Scope)
	if err != nil {
		return err
	}
	// No Location: a token is listed with the others, never read alone.
	return c.json(http.StatusCreated, t)
}

func revokeToken(c *call) error {
	id, err := c.pathID("id")
	if err != nil {
		return err
	}
	if c.p.Token != nil && c.p.Token.Scope != rapport.ScopeWrite {
		return &rapport.Error{Code: rapport.EFORBIDDEN, Message: "this token may only read", Key: "error.auth.read_token_revoke"}
	}
	if err := c.s.svc.RevokeToken(c.r.Context(), c.p, id); err != nil {
		return err
	}
	c.s.tokens.forget(c.acct(), id)
	return c.noContent()
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
