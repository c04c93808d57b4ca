package server

import (
	"net/http"
	"strings"

	"rapport"
	"rapport/app"
)

// feedPrefix is where the calendar feeds are served: /feed/<credential>.ics,
// the credential of a token of scope feed (app/feed.go). It needs no other
// sign-in: calendar apps subscribe to a bare URL.
const feedPrefix = "/feed/"

// serveFeed answers GET /feed/{file}: the feed's calendar, text/calendar.
func (s *Server) serveFeed(w http.ResponseWriter, r *http.Request) {
	cred, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	var p *rapport.Principal
	err := error(&rapport.Error{Code: rapport.ENOTFOUND, Message: "no such feed", Key: "error.auth.bad_credential"})
	if ok {
		p, err = s.svc.FeedPrincipal(r.Context(), cred)
	}
	if err != nil {
		if rapport.ErrorCodeOf(err) == rapport.EUNAUTHORIZED {
			// A feed URL that does not work is simply not there: nothing
			// tells a guesser more.
			err = &rapport.Error{Code: rapport.ENOTFOUND, Message: "no such feed", Key: "error.auth.bad_credential"}
		}
		s.fail(w, r, nil, err)
		return
	}
	data, err := s.svc.Feed(r.Context(), p, translator(r, p))
	if err != nil {
		s.fail(w, r, p, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Cache-Control", "private, no-store")
	w.Write(data)
}

// createFeed answers POST /api/v1/feed: a new feed, whose URL is shown
// once. It is revoked as a token is, DELETE /api/v1/tokens/{id}.
func createFeed(c *call) error {
	var in struct {
		Name string `json:"name"`
	}
	if err := c.decode(&in); err != nil {
		return err
	}
	f, err := c.s.svc.CreateFeed(c.r.Context(), c.p, in.Name)
	if err != nil {
		return err
	}
	scheme := "http"
	if c.r.TLS != nil || strings.EqualFold(c.r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return c.json(http.StatusCreated, feedCreated{NewFeed: f, URL: scheme + "://" + c.r.Host + f.Path})
}

// feedCreated is a new feed with its full URL.
type feedCreated struct {
	*app.NewFeed
	URL string `json:"url"`
}
