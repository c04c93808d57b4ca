package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"rapport"
	"rapport/app"
	"rapport/i18n"
	"rapport/session"
)

//go:embed templates/*.html
var templateFS embed.FS

// parseTemplates parses each page with the layout and the shared partials:
// templates/NAME.html defines "title" and "content" (and may define
// "partial" for htmx answers); layout.html is the frame; _*.html are
// partials every page can use.
func parseTemplates(funcs template.FuncMap) (map[string]*template.Template, error) {
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	shared := []string{"templates/layout.html"}
	for _, p := range pages {
		if strings.HasPrefix(p, "templates/_") {
			shared = append(shared, p)
		}
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, append(shared, p)...)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// page is what every template gets: who is signed in, their language, the
// CSRF token for forms, and the page's own data.
type page struct {
	w       *Web
	r       *http.Request
	tr      *i18n.Translator
	P       *rapport.Principal // nil when nobody is signed in
	CSRF    string
	Flash   string // a one-line confirmation or error to show at the top
	Error   string
	Path    string
	Data    any
	NoIndex bool
}

// Lang and Dir set the page's language and direction (<html lang dir>).
func (p *page) Lang() string { return p.tr.Lang() }
func (p *page) Dir() string {
	if p.tr.RTL() {
		return "rtl"
	}
	return "ltr"
}

// T translates a catalog key with arguments given as pairs: {{.T "web.x" "count" 3}}.
func (p *page) T(key string, kv ...any) string {
	args := i18n.Args{}
	for i := 0; i+1 < len(kv); i += 2 {
		args[fmt.Sprint(kv[i])] = kv[i+1]
	}
	if p.P != nil && p.P.User != nil {
		if _, ok := args["user_gender"]; !ok {
			args["user_gender"] = string(p.P.User.Gender)
		}
	}
	return p.tr.T(key, args)
}

// Date, DateTime and Number format in the page's language.
func (p *page) Date(t any) string {
	switch v := t.(type) {
	case time.Time:
		return p.tr.Date(v)
	case *time.Time:
		if v == nil {
			return ""
		}
		return p.tr.Date(*v)
	}
	return ""
}
func (p *page) DateTime(t time.Time) string { return p.tr.DateTime(t) }
func (p *page) Number(n any) string         { return p.tr.Number(n) }

// Digits writes a whole number in the page's digits, never grouped: a line
// of a file, a year.
func (p *page) Digits(n int) string { return p.tr.Digits(n) }

// Asset is the URL of an embedded file ("" when absent).
func (p *page) Asset(name string) string { return p.w.assets.url(name) }

// Can reports whether the signed-in user may change things.
func (p *page) Can(perm string) bool {
	if p.P == nil {
		return false
	}
	switch perm {
	case "write":
		return p.P.Can(rapport.PermWrite)
	case "admin":
		return p.P.Can(rapport.PermAdmin)
	}
	return p.P.Can(rapport.PermRead)
}

// Langs are the languages the interface speaks, for the language menu.
func (p *page) Langs() []string { return []string{"en", "ar", "pl"} }

// newPage starts a page for a request: the language is ?lang=, else the
// user's, else the browser's, else English.
func (w *Web) newPage(r *http.Request, p *rapport.Principal) *page {
	flag := r.URL.Query().Get("lang")
	user := ""
	if p != nil && p.User != nil {
		user = p.User.Lang
	}
	if flag == "" && user == "" {
		if al := r.Header.Get("Accept-Language"); al != "" {
			flag = strings.TrimSpace(strings.SplitN(strings.SplitN(al, ",", 2)[0], ";", 2)[0])
		}
	}
	pg := &page{w: w, r: r, tr: i18n.For(i18n.Choose(flag, user, func(string) string { return "" })), P: p, Path: r.URL.Path}
	if cred := session.Credential(r); cred != "" && p != nil {
		pg.CSRF = session.CSRFToken(cred)
	}
	return pg
}

// render writes a page with a status. An htmx request for a page with a
// "partial" template gets only that fragment.
func (w *Web) render(rw http.ResponseWriter, status int, name string, pg *page) {
	t, ok := w.tmpl[name]
	if !ok {
		w.log.Error("no template", "name", name)
		http.Error(rw, "internal error", http.StatusInternalServerError)
		return
	}
	root := "layout.html"
	// htmx restoring history after Back wants the whole page.
	if pg.r.Header.Get("HX-Request") == "true" && pg.r.Header.Get("HX-History-Restore-Request") != "true" && t.Lookup("partial") != nil {
		root = "partial"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, root, pg); err != nil {
		w.log.Error("render", "template", name, "error", err)
		http.Error(rw, "internal error", http.StatusInternalServerError)
		return
	}
	h := rw.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", csp)
	h.Set("Vary", "HX-Request")
	rw.WriteHeader(status)
	rw.Write(buf.Bytes())
}

// csp allows only the app's own files: no inline script or style anywhere.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// errorText is an error in the page's language.
func (p *page) errorText(err error) string { return app.LocalizeError(p.tr, err) }
