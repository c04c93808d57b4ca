// Package web is Rapport's web app: server-rendered HTML over app.Service,
// progressively enhanced with htmx, in English, Arabic (right to left) and
// Polish. Every essential action is a plain form that works without
// JavaScript. `rapport serve` mounts it beside the API (server.Config.Web),
// whose middleware (recovery, metrics, cross-origin protection) wraps it.
package web

import (
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"rapport"
	"rapport/app"
	"rapport/httpstatus"
	"rapport/session"
)

// Config is what the web app needs.
type Config struct {
	Service *app.Service
	Log     *slog.Logger
}

// Web is the web app, an http.Handler.
type Web struct {
	svc    *app.Service
	log    *slog.Logger
	tmpl   map[string]*template.Template
	assets *assets
	mux    *http.ServeMux
}

// New builds the web app; it fails only on a broken template or asset,
// which is a bug the tests catch.
func New(cfg Config) (*Web, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	tmpl, err := parseTemplates(template.FuncMap{
		"list": func(v ...string) []string { return v },
	})
	if err != nil {
		return nil, err
	}
	w := &Web{svc: cfg.Service, log: cfg.Log, tmpl: tmpl, assets: a, mux: http.NewServeMux()}
	w.routes()
	return w, nil
}

func (w *Web) ServeHTTP(rw http.ResponseWriter, r *http.Request) { w.mux.ServeHTTP(rw, r) }

// handler is a page handler for a signed-in user (or anyone, for public
// pages: then p is nil).
type handler func(rw http.ResponseWriter, r *http.Request, pg *page) error

// public serves a page anyone may see; a signed-in user is still known.
func (w *Web) public(h handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		p, _ := w.principal(r)
		w.run(rw, r, w.newPage(r, p), h)
	})
}

// signedIn serves a page for a signed-in user with at least perm; others
// go to the sign-in page, and come back after. Every POST must carry the
// session's CSRF token.
func (w *Web) signedIn(perm rapport.Permission, h handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		p, err := w.principal(r)
		if err != nil {
			if r.Method == http.MethodGet {
				http.Redirect(rw, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			w.fail(rw, w.newPage(r, nil), err)
			return
		}
		pg := w.newPage(r, p)
		if err := parseUpload(rw, r); err != nil {
			w.fail(rw, pg, err)
			return
		}
		if r.Method != http.MethodGet && !session.ValidCSRF(r, session.Credential(r)) {
			w.fail(rw, pg, (&rapport.Error{Code: rapport.EFORBIDDEN, Message: "the form expired: reload the page and try again"}).
				Keyed("web.error.csrf", nil))
			return
		}
		if !p.Can(perm) {
			w.fail(rw, pg, (&rapport.Error{Code: rapport.EFORBIDDEN, Message: "your role does not allow this"}).Keyed("web.error.forbidden", nil))
			return
		}
		w.run(rw, r, pg, h)
	})
}

// MaxUpload bounds a file sent with a form (an import): a 10,000-contact
// vCard is about 3 MB, a 100,000-event calendar 45 MB.
const MaxUpload = 64 << 20

// parseUpload reads a multipart form (a file upload) within MaxUpload,
// before its CSRF token is checked: the token is one of its fields.
func parseUpload(rw http.ResponseWriter, r *http.Request) error {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return nil
	}
	r.Body = http.MaxBytesReader(rw, r.Body, MaxUpload)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return (&rapport.Error{Code: rapport.EINVALID, Message: "the file is too large: at most 64 MiB"}).
				Keyed("web.import.too_large", nil)
		}
		return (&rapport.Error{Code: rapport.EINVALID, Message: "the form could not be read", Err: err}).
			Keyed("error.http.unreadable", nil)
	}
	return nil
}

func (w *Web) run(rw http.ResponseWriter, r *http.Request, pg *page, h handler) {
	if err := h(rw, r, pg); err != nil {
		w.fail(rw, pg, err)
	}
}

// principal is who the session cookie signs in, if anyone.
func (w *Web) principal(r *http.Request) (*rapport.Principal, error) {
	cred := session.Credential(r)
	if cred == "" {
		return nil, &rapport.Error{Code: rapport.EUNAUTHORIZED, Message: "sign in"}
	}
	return w.svc.SessionPrincipal(r.Context(), cred)
}

// fail shows an error page with the status its kind deserves.
func (w *Web) fail(rw http.ResponseWriter, pg *page, err error) {
	status := httpstatus.Of(err)
	if status == http.StatusInternalServerError {
		w.log.Error("web", "path", pg.r.URL.Path, "error", err)
	}
	pg.Error = pg.errorText(err)
	w.render(rw, status, "error", pg)
}

// redirect answers a form with a redirect (303) to a page, with a
// confirmation to show there.
func redirect(rw http.ResponseWriter, r *http.Request, to, flash string) error {
	if flash != "" {
		sep := "?"
		if strings.Contains(to, "?") {
			sep = "&"
		}
		to += sep + "done=" + url.QueryEscape(flash)
	}
	http.Redirect(rw, r, to, http.StatusSeeOther)
	return nil
}

// flash reads the confirmation a redirect carried: a catalog key under
// web.done, never free text (a link cannot make the page say anything).
func (pg *page) flash() {
	if k := pg.r.URL.Query().Get("done"); k != "" && isKey(k) {
		pg.Flash = pg.T("web.done." + k)
	}
}

func isKey(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c == '_') {
			return false
		}
	}
	return s != ""
}

// pathID reads the numeric id of the path; anything else is not found.
func pathID(r *http.Request) (int64, error) {
	v := r.PathValue("id")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 1 {
		return 0, rapport.NotFound("contact", v)
	}
	return id, nil
}

// safeNext is where to go after signing in: a path of this site only.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/today"
	}
	return next
}
