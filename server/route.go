package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"rapport"
	"rapport/i18n"
)

// Route is one operation of the API. The table of routes (api.go) is what
// the mux serves, what the OpenAPI check compares with the description, and
// what the isolation test walks.
type Route struct {
	Method  string // GET, POST, PATCH, PUT, DELETE
	Pattern string // a net/http pattern path: /api/v1/contacts/{id}
	// Perm is what the route needs of the caller; 0 means anyone may call it.
	Perm rapport.Permission
	// Versioned routes update a resource with a version: they need If-Match.
	Versioned bool
	handle    func(c *call) error
}

// call is one request to a route, with who makes it.
type call struct {
	s  *Server
	w  http.ResponseWriter
	r  *http.Request
	p  *rapport.Principal // nil on public routes
	rt *Route
	// cookie is true when the principal comes from a session cookie, which
	// a browser sends by itself: such unsafe requests need a CSRF token.
	cookie bool
	status int
}

// wrap turns a route into a handler: authentication, permission, CSRF,
// then the route, with its errors as problems, its metrics and a log line.
func (s *Server) wrap(rt Route) http.Handler {
	label := rt.Method + " " + rt.Pattern
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		c := &call{s: s, w: w, r: r, rt: &rt}
		err := s.authorize(c)
		if err == nil {
			err = rt.handle(c)
		}
		if err != nil && r.Context().Err() != nil {
			// The client went away: nobody reads an answer, and it is not
			// the server's error. 499 as nginx counts it.
			c.status = statusClientClosed
		} else if err != nil {
			c.status = s.fail(w, r, c.p, err)
		}
		d := time.Since(start)
		s.metrics.observe(label, c.status, d)
		// The request line is built only when it is logged (errors are
		// logged by fail, with their cause).
		if !s.log.Enabled(r.Context(), slog.LevelDebug) {
			return
		}
		attrs := []any{"method", r.Method, "route", rt.Pattern, "status", c.status, "ms", float64(d.Microseconds()) / 1000}
		if c.p != nil {
			attrs = append(attrs, "account", c.p.Account.ID, "user", c.p.User.ID)
		}
		s.log.Debug("request", attrs...)
	})
}

// statusClientClosed is what a request whose client went away counts as.
const statusClientClosed = 499

// fail writes err as a problem, in the caller's language when known, and
// returns its status. Internal causes are logged, never sent.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, p *rapport.Principal, err error) int {
	pr := problemOf(err, r.Header.Get("If-Match") != "", detailOf(translator(r, p), err), r.URL.Path)
	if pr.Status >= 500 {
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "error", cause(err))
	}
	writeProblem(w, pr)
	return pr.Status
}

// translator is the caller's language: ?lang=, else Accept-Language's
// first, else the user's own, else English.
func translator(r *http.Request, p *rapport.Principal) *i18n.Translator {
	flag := r.URL.Query().Get("lang")
	if flag == "" {
		if al := r.Header.Get("Accept-Language"); al != "" {
			flag = strings.TrimSpace(strings.SplitN(strings.SplitN(al, ",", 2)[0], ";", 2)[0])
		}
	}
	user := ""
	if p != nil && p.User != nil {
		user = p.User.Lang
	}
	return i18n.For(i18n.Choose(flag, user, func(string) string { return "" }))
}

// tr is the caller's language.
func (c *call) tr() *i18n.Translator { return translator(c.r, c.p) }

// acct is the caller's account: every store call of a route passes it.
func (c *call) acct() int64 { return c.p.Account.ID }

// json writes v with a status.
func (c *call) json(status int, v any) error {
	h := c.w.Header()
	h.Set("Content-Type", "application/json")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
	c.status = status
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return rapport.Internal(err)
	}
	c.w.WriteHeader(status)
	_, err := c.w.Write(buf.Bytes())
	if err != nil {
		return nil // the client went away; nothing to tell it
	}
	return nil
}

// ok writes v with 200.
func (c *call) ok(v any) error { return c.json(http.StatusOK, v) }

// created writes v with 201 and its Location.
func (c *call) created(location string, v any) error {
	c.w.Header().Set("Location", location)
	return c.json(http.StatusCreated, v)
}

// noContent answers 204.
func (c *call) noContent() error {
	c.status = http.StatusNoContent
	c.w.WriteHeader(http.StatusNoContent)
	return nil
}

// etag sets a resource's ETag from its version.
func (c *call) etag(version int64) {
	c.w.Header().Set("ETag", fmt.Sprintf(`"%d"`, version))
}

// ifMatch returns the version an update was based on, from If-Match. A
// versioned route without one is refused (428): an update that does not
// say what it changes could overwrite someone else's.
func (c *call) ifMatch() (int64, error) {
	v := strings.TrimSpace(c.r.Header.Get("If-Match"))
	if v == "" {
		return 0, newHTTPError(http.StatusPreconditionRequired, codeVersionRequired, "", "error.http.version_required", nil,
			"send the version you read in If-Match (the ETag of the resource)")
	}
	if v == "*" {
		return 0, nil // any current version (RFC 9110): the update checks none
	}
	n, err := strconv.ParseInt(strings.Trim(strings.TrimPrefix(v, "W/"), `"`), 10, 64)
	if err != nil || n < 1 {
		return 0, badHeader(http.StatusBadRequest, string(rapport.EINVALID), "If-Match", "If-Match", v,
			"error.http.if_match", "use the ETag of the resource")
	}
	return n, nil
}

// decode reads a JSON body into v strictly: JSON only, within the size
// limit, no unknown field, one value. Errors name the field or the line.
func (c *call) decode(v any) error {
	ct := c.r.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
		return badHeader(http.StatusUnsupportedMediaType, codeUnsupportedMedia, "", "Content-Type", ct,
			"error.http.content_type", "send application/json")
	}
	body := http.MaxBytesReader(c.w, c.r.Body, c.s.cfg.MaxBody)
	data, err := io.ReadAll(body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return tooLarge(c.s.cfg.MaxBody)
		}
		return newHTTPError(http.StatusBadRequest, string(rapport.EINVALID), "", "error.http.unreadable", nil, "cannot read the request body")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(data, err)
	}
	if dec.More() {
		return newHTTPError(http.StatusBadRequest, string(rapport.EINVALID), "", "error.http.more_than_one", nil, "body: more than one JSON value")
	}
	return nil
}

// jsonError explains a decoding error with the field or the line and column.
// The field, the types and the decoder's own words are arguments, shown
// verbatim; line and column stay ASCII digits, as an editor shows them.
func jsonError(data []byte, err error) error {
	bad := func(field, key string, args map[string]any, english string) error {
		return newHTTPError(http.StatusBadRequest, string(rapport.EINVALID), field, key, args, english)
	}
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syn):
		line, col := position(data, syn.Offset)
		return bad("", "error.http.malformed",
			map[string]any{"line": strconv.Itoa(line), "column": strconv.Itoa(col), "cause": syn.Error()},
			fmt.Sprintf("body: malformed JSON at line %d, column %d: %v", line, col, syn))
	case errors.As(err, &typ):
		return bad(typ.Field, "error.http.wrong_type",
			map[string]any{"field": typ.Field, "expected": typ.Type.String(), "got": typ.Value},
			fmt.Sprintf("%s: invalid value: expected %s, got JSON %s", typ.Field, typ.Type, typ.Value))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return bad(f, "error.http.unknown_field", map[string]any{"field": f}, fmt.Sprintf("%s: unknown field", f))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return bad("", "error.http.empty_body", nil, "body: empty or truncated JSON")
	}
	var re *rapport.Error
	if errors.As(err, &re) {
		return err // from a type's UnmarshalJSON: names its field already
	}
	return bad("", "error.http.bad_body", map[string]any{"cause": err.Error()}, "body: "+err.Error())
}

func position(data []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for i := int64(0); i < offset && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// pathID reads a numeric id from the path: anything else is not found, as
// the resource the route names (error.not_found.WHAT).
func (c *call) pathID(name string) (int64, error) {
	v := c.r.PathValue(name)
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 1 {
		return 0, rapport.NotFound(c.resource(name), v)
	}
	return id, nil
}

// resource names what the path parameter name identifies: the segment of
// the route's pattern before it, in the singular (/api/v1/promises/{id}:
// promise).
func (c *call) resource(name string) string {
	before, _, ok := strings.Cut(c.rt.Pattern, "/{"+name+"}")
	if !ok {
		return strings.TrimSuffix(name, "_id")
	}
	return strings.TrimSuffix(before[strings.LastIndex(before, "/")+1:], "s")
}

// query reads an optional query parameter.
func (c *call) query(name string) string { return c.r.URL.Query().Get(name) }

// cause is what to log of an error: an internal error's cause, which its
// message (shown to users) leaves out.
func cause(err error) error {
	var e *rapport.Error
	if errors.As(err, &e) && e.Err != nil {
		return e.Err
	}
	return err
}
