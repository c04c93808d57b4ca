package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"rapport"
	"rapport/server"
)

// The API's description, openapi.json, is written by hand (docs/decisions.md
// says why). These tests keep it true to the server:
//
//   - TestOpenAPIMatchesRoutes: the same operations as the route table, with
//     the credentials, permission and versioning each route has;
//   - TestOpenAPIProblems: each route documents the problems it can answer,
//     as application/problem+json, and a request body exactly when it reads
//     one (strictly: a JSON body's schema refuses unknown fields; a file's
//     media types are exactly those the route accepts);
//   - TestOpenAPIResponsesMatchSchemas: real requests, every answer checked
//     against the description (status, media type, headers) and validated
//     by its JSON Schema, closed so that a field the server sends and the
//     description lacks fails too.
//
// .ci/openapi-lint lints the same file with Redocly.

// oaNonRoutes are the operations the description has beside the route table's:
// the server's own endpoints.
var oaNonRoutes = []string{"GET /healthz", "GET /readyz", "GET /metrics", "GET /api/v1/openapi.json"}

// oaDoc is the part of an OpenAPI description the tests read.
type oaDoc struct {
	Paths      map[string]oaPathItem `json:"paths"`
	Components struct {
		Parameters map[string]oaParam    `json:"parameters"`
		Responses  map[string]oaResponse `json:"responses"`
		Schemas    map[string]struct {
			AdditionalProperties json.RawMessage `json:"additionalProperties"`
		} `json:"schemas"`
		SecuritySchemes map[string]json.RawMessage `json:"securitySchemes"`
	} `json:"components"`
}

type oaPathItem struct {
	Parameters []oaParam
	Ops        map[string]*oaOperation // by upper-case method
}

var oaMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

func (p *oaPathItem) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	p.Ops = map[string]*oaOperation{}
	for k, v := range m {
		switch {
		case k == "parameters":
			if err := json.Unmarshal(v, &p.Parameters); err != nil {
				return err
			}
		case slices.Contains(oaMethods, k):
			op := new(oaOperation)
			if err := json.Unmarshal(v, op); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
			p.Ops[strings.ToUpper(k)] = op
		}
	}
	return nil
}

type oaOperation struct {
	OperationID string                 `json:"operationId"`
	Permission  string                 `json:"x-permission"`
	Security    *[]map[string][]string `json:"security"`
	Parameters  []oaParam              `json:"parameters"`
	RequestBody *struct {
		Required bool `json:"required"`
		Content  map[string]struct {
			Schema struct {
				Ref  string `json:"$ref"`
				Type string `json:"type"`
			} `json:"schema"`
		} `json:"content"`
	} `json:"requestBody"`
	Responses map[string]oaResponse `json:"responses"`

	path   string    // the path, as the description writes it
	params []oaParam // the path item's and the operation's, resolved
}

type oaParam struct {
	Ref      string `json:"$ref"`
	Name     string `json:"name"`
	In       string `json:"in"`
	Required bool   `json:"required"`
}

type oaResponse struct {
	Ref     string              `json:"$ref"`
	Headers map[string]oaHeader `json:"headers"`
	Content map[string]struct {
		Schema struct {
			Ref   string `json:"$ref"`
			AllOf []struct {
				Ref string `json:"$ref"`
			} `json:"allOf"`
		} `json:"schema"`
	} `json:"content"`
}

type oaHeader struct {
	Ref string `json:"$ref"`
}

// openAPI is the description, parsed, and its operations by "METHOD path".
type openAPI struct {
	raw []byte
	doc oaDoc
	ops map[string]*oaOperation
}

func loadOpenAPI(t *testing.T) *openAPI {
	t.Helper()
	raw, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	o := &openAPI{raw: raw, ops: map[string]*oaOperation{}}
	if err := json.Unmarshal(raw, &o.doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	for path, item := range o.doc.Paths {
		for method, op := range item.Ops {
			op.path = path
			for _, p := range append(slices.Clone(item.Parameters), op.Parameters...) {
				op.params = append(op.params, o.param(t, p))
			}
			o.ops[method+" "+path] = op
		}
	}
	return o
}

func (o *openAPI) param(t *testing.T, p oaParam) oaParam {
	t.Helper()
	if p.Ref == "" {
		return p
	}
	q, ok := o.doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
	if !ok {
		t.Fatalf("openapi.json: no parameter %s", p.Ref)
	}
	return q
}

// response is the response an operation documents for a status, resolved,
// and the JSON pointer where it is written (for its schema).
func (o *openAPI) response(key string, status int) (oaResponse, string, bool) {
	op := o.ops[key]
	if op == nil {
		return oaResponse{}, "", false
	}
	code := fmt.Sprint(status)
	r, ok := op.Responses[code]
	if !ok {
		return r, "", false
	}
	method, path, _ := strings.Cut(key, " ")
	ptr := "/paths/" + pointerEscape(path) + "/" + strings.ToLower(method) + "/responses/" + code
	if r.Ref != "" {
		name := strings.TrimPrefix(r.Ref, "#/components/responses/")
		ptr = "/components/responses/" + pointerEscape(name)
		r, ok = o.doc.Components.Responses[name]
	}
	return r, ptr, ok
}

func pointerEscape(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// openAPIPath writes a ServeMux pattern's path as OpenAPI does: the same
// {name} wildcards, without {$} and the ... of a rest wildcard.
func openAPIPath(pattern string) string {
	return strings.ReplaceAll(strings.TrimSuffix(pattern, "{$}"), "...}", "}")
}

var oaPermissions = map[rapport.Permission]string{rapport.PermRead: "read", rapport.PermWrite: "write", rapport.PermAdmin: "admin"}

func oaSafeMethod(m string) bool { return m == "GET" || m == "HEAD" || m == "OPTIONS" }

func TestOpenAPIMatchesRoutes(t *testing.T) {
	e := newEnv(t, "sqlite")
	o := loadOpenAPI(t)
	routes := map[string]server.Route{}
	for _, rt := range e.srv.Routes() {
		key := rt.Method + " " + openAPIPath(rt.Pattern)
		routes[key] = rt
		op := o.ops[key]
		if op == nil {
			t.Errorf("route %s %s is not in openapi.json", rt.Method, rt.Pattern)
			continue
		}

		// Path parameters: every wildcard, documented, required, in the path.
		for _, m := range regexp.MustCompile(`\{([^}.$]+)(\.\.\.)?\}`).FindAllStringSubmatch(rt.Pattern, -1) {
			if !slices.ContainsFunc(op.params, func(p oaParam) bool { return p.In == "path" && p.Name == m[1] && p.Required }) {
				t.Errorf("%s: path parameter %s is not documented as a required path parameter", key, m[1])
			}
		}

		// Credentials: public routes say security: [], the others ask for
		// a bearer token or the session cookie, with the CSRF token on
		// unsafe methods, and name the permission they need.
		switch {
		case rt.Perm == 0:
			if op.Security == nil || len(*op.Security) != 0 {
				t.Errorf("%s: public route: want security: []", key)
			}
			if op.Permission != "" {
				t.Errorf("%s: public route with x-permission %q", key, op.Permission)
			}
		case op.Security == nil || len(*op.Security) == 0:
			t.Errorf("%s: needs permission %s: want a security requirement", key, oaPermissions[rt.Perm])
		default:
			bearer := false
			for _, req := range *op.Security {
				for scheme := range req {
					if _, ok := o.doc.Components.SecuritySchemes[scheme]; !ok {
						t.Errorf("%s: security scheme %q is not defined", key, scheme)
					}
				}
				_, cookie := req["sessionCookie"]
				_, csrf := req["csrfToken"]
				switch {
				case cookie && !oaSafeMethod(rt.Method) && !csrf:
					t.Errorf("%s: unsafe method with the session cookie: the CSRF token is required", key)
				case csrf && oaSafeMethod(rt.Method):
					t.Errorf("%s: safe method: no CSRF token is needed", key)
				}
				bearer = bearer || len(req) == 1 && req["bearerToken"] != nil
			}
			if !bearer {
				t.Errorf("%s: a bearer token alone must do", key)
			}
			if op.Permission != oaPermissions[rt.Perm] {
				t.Errorf("%s: x-permission %q, want %q", key, op.Permission, oaPermissions[rt.Perm])
			}
		}

		// Versions: a versioned route requires If-Match and answers 412
		// and 428; no other route requires If-Match or answers 428.
		ifMatch := slices.IndexFunc(op.params, func(p oaParam) bool { return p.In == "header" && p.Name == "If-Match" })
		_, has412 := op.Responses["412"]
		_, has428 := op.Responses["428"]
		if rt.Versioned {
			if ifMatch < 0 || !op.params[ifMatch].Required || !has412 || !has428 {
				t.Errorf("%s: versioned route: want a required If-Match header, 412 and 428", key)
			}
		} else if ifMatch >= 0 && op.params[ifMatch].Required || has428 {
			t.Errorf("%s: not a versioned route: If-Match is not required, and there is no 428", key)
		}
	}
	for key, op := range o.ops {
		if _, ok := routes[key]; ok {
			continue
		}
		if !slices.Contains(oaNonRoutes, key) {
			t.Errorf("openapi.json has %s, which no route serves", key)
		} else if op.Security == nil || len(*op.Security) != 0 {
			t.Errorf("%s: public: want security: []", key)
		}
	}
	for _, key := range oaNonRoutes {
		if o.ops[key] == nil {
			t.Errorf("openapi.json lacks %s", key)
		}
	}
}

func TestOpenAPIProblems(t *testing.T) {
	e := newEnv(t, "sqlite")
	o := loadOpenAPI(t)
	owner := e.signUp("Acme", "maya@acme.example")
	tok := e.token(owner, "write")

	// Every error response is a problem.
	for key, op := range o.ops {
		for code := range op.Responses {
			if code[0] != '4' && code[0] != '5' {
				continue
			}
			status, err := strconv.Atoi(code)
			if err != nil {
				t.Errorf("%s: response %q: document statuses one by one", key, code)
				continue
			}
			r, _, _ := o.response(key, status)
			pj, ok := r.Content["application/problem+json"]
			if len(r.Content) != 1 || !ok {
				t.Errorf("%s %s: want application/problem+json only", key, code)
				continue
			}
			const problem = "#/components/schemas/Problem"
			if pj.Schema.Ref != problem && (len(pj.Schema.AllOf) == 0 || pj.Schema.AllOf[0].Ref != problem) {
				t.Errorf("%s %s: the schema is not the Problem schema (or allOf it)", key, code)
			}
		}
	}

	for _, rt := range e.srv.Routes() {
		key := rt.Method + " " + openAPIPath(rt.Pattern)
		op := o.ops[key]
		if op == nil {
			continue // TestOpenAPIMatchesRoutes tells
		}
		want := []string{"500"}
		if rt.Perm != 0 {
			want = append(want, "401")
		}
		if !oaSafeMethod(rt.Method) || rt.Perm == rapport.PermAdmin {
			want = append(want, "403") // cross_origin, csrf, forbidden
		}
		if strings.Contains(rt.Pattern, "{") {
			want = append(want, "404")
		}

		// Whether the route reads a body: it answers a body that is not
		// JSON with 415. Its resources exist, so that it gets that far.
		var c *caller
		if rt.Perm != 0 {
			c = tok
		}
		rq := request{method: rt.Method, path: e.oaPathTo(t, owner, tok, rt.Pattern), body: "not JSON",
			header: map[string]string{"Content-Type": "text/plain", "If-Match": `"1"`}}
		reads := e.do(c, rq).status == http.StatusUnsupportedMediaType
		rq.header["Content-Type"] = "application/json"
		readsJSON := reads && e.do(c, rq).status != http.StatusUnsupportedMediaType
		switch {
		case reads && op.RequestBody == nil:
			t.Errorf("%s reads a JSON body: document it", key)
		case !reads && op.RequestBody != nil:
			t.Errorf("%s reads no body, but openapi.json has one", key)
		case reads && !readsJSON:
			// A file (an import's): its media types are exactly those the
			// route accepts (answers other than 415), for some value of
			// its path's parameters, and are strings.
			want = append(want, "400", "413", "415")
			if !op.RequestBody.Required || len(op.RequestBody.Content) == 0 {
				t.Errorf("%s: the body is required, in the media types the route accepts", key)
			}
			for mt, media := range op.RequestBody.Content {
				if media.Schema.Type != "string" {
					t.Errorf("%s: %s: a file's schema is type: string", key, mt)
				}
			}
			paths := e.oaPathsTo(t, owner, tok, rt.Pattern)
			candidates := []string{"application/json", "text/plain", "application/octet-stream", "multipart/form-data",
				"application/x-www-form-urlencoded", "text/vcard", "text/csv", "text/calendar"}
			for mt := range op.RequestBody.Content {
				if !slices.Contains(candidates, mt) {
					candidates = append(candidates, mt)
				}
			}
			for _, mt := range candidates {
				accepted := false
				for _, path := range paths {
					rq := request{method: rt.Method, path: path, body: "not a file", header: map[string]string{"Content-Type": mt}}
					accepted = accepted || e.do(c, rq).status != http.StatusUnsupportedMediaType
				}
				if _, documented := op.RequestBody.Content[mt]; accepted != documented {
					t.Errorf("%s: accepts %s: %v, but openapi.json documents it: %v", key, mt, accepted, documented)
				}
			}
		case reads:
			want = append(want, "400", "413", "415")
			media, ok := op.RequestBody.Content["application/json"]
			if !op.RequestBody.Required || !ok || len(op.RequestBody.Content) != 1 {
				t.Errorf("%s: the body is required, and application/json only", key)
			}
			// The server refuses unknown fields: so does the schema.
			s, ok := o.doc.Components.Schemas[strings.TrimPrefix(media.Schema.Ref, "#/components/schemas/")]
			if !ok || string(s.AdditionalProperties) != "false" {
				t.Errorf("%s: the body's schema must be a component with additionalProperties: false", key)
			}
		}
		for _, code := range want {
			if _, ok := op.Responses[code]; !ok {
				t.Errorf("%s: does not document %s", key, code)
			}
		}
	}
}

// oaImportFormats are the values of an import's {format}.
var oaImportFormats = []string{"vcard", "linkedin", "google", "ics"}

// oaPathsTo is oaPathTo with each value of the pattern's {format}: the paths
// whose route reads a body (answers 415 to one that is not of its media
// type), so that each media type is tried with the formats that take one.
func (e *env) oaPathsTo(t *testing.T, owner, tok *caller, pattern string) []string {
	t.Helper()
	if !strings.Contains(pattern, "{format}") {
		return []string{e.oaPathTo(t, owner, tok, pattern)}
	}
	var paths []string
	for _, f := range oaImportFormats {
		paths = append(paths, e.oaPathTo(t, owner, tok, strings.Replace(pattern, "{format}", f, 1)))
	}
	return paths
}

// oaPathTo fills a pattern's {id} with a new resource of the owner's, of the
// kind the path names, and an import's {format} with vcard.
func (e *env) oaPathTo(t *testing.T, owner, tok *caller, pattern string) string {
	t.Helper()
	pattern = strings.Replace(pattern, "{format}", oaImportFormats[0], 1)
	if !strings.Contains(pattern, "{id}") {
		return pattern
	}
	var id int64
	switch {
	case strings.HasPrefix(pattern, "/api/v1/contacts/"):
		id = e.contact(tok, "Zofia")
	case strings.HasPrefix(pattern, "/api/v1/interactions/"):
		var i rapport.Interaction
		e.must(tok, 201, request{method: "POST", path: "/api/v1/interactions", body: map[string]any{
			"contact_ids": []int64{e.contact(tok, "Zofia")}, "channel": "call"}}).json(t, &i)
		id = i.ID
	case strings.HasPrefix(pattern, "/api/v1/promises/"):
		var p rapport.Promise
		e.must(tok, 201, request{method: "POST", path: "/api/v1/promises", body: map[string]any{
			"contact_id": e.contact(tok, "Zofia"), "by": "me", "what": "call back"}}).json(t, &p)
		id = p.ID
	case strings.HasPrefix(pattern, "/api/v1/tokens/"):
		cred, err := rapport.ParseCredential(rapport.CredToken, e.token(owner, "read").token)
		if err != nil {
			t.Fatal(err)
		}
		id = cred.ID
	default:
		t.Fatalf("%s: which resource is {id}? Teach oaPathTo.", pattern)
	}
	return strings.Replace(pattern, "{id}", fmt.Sprint(id), 1)
}

// oaChecker checks answers against the description.
type oaChecker struct {
	t       *testing.T
	o       *openAPI
	c       *jsonschema.Compiler
	schemas map[string]*jsonschema.Schema
	keys    []string // the operations, "METHOD path"
	seen    map[string]bool
}

const oaURL = "https://rapport.invalid/openapi.json"

func newChecker(t *testing.T) *oaChecker {
	o := loadOpenAPI(t)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(o.raw))
	if err != nil {
		t.Fatal(err)
	}
	// Close the components' objects: a field the server sends that the
	// description does not have is drift too. The description itself
	// leaves responses open, so that clients accept fields added later.
	schemas := doc.(map[string]any)["components"].(map[string]any)["schemas"].(map[string]any)
	for _, s := range schemas {
		closeObjects(s)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(oaURL, doc); err != nil {
		t.Fatal(err)
	}
	ch := &oaChecker{t: t, o: o, c: c, schemas: map[string]*jsonschema.Schema{}, seen: map[string]bool{}}
	for key := range o.ops {
		ch.keys = append(ch.keys, key)
	}
	return ch
}

func closeObjects(v any) {
	s, ok := v.(map[string]any)
	if !ok {
		return
	}
	if props, ok := s["properties"].(map[string]any); ok {
		if _, open := s["additionalProperties"]; !open {
			s["additionalProperties"] = false
		}
		for _, p := range props {
			closeObjects(p)
		}
	}
	closeObjects(s["items"])
	closeObjects(s["additionalProperties"])
}

// operation is the operation that serves a path: its literal segments
// match, {wildcards} take any one.
func (ch *oaChecker) operation(method, path string) string {
	best, score := "", -1
	segs := strings.Split(path, "/")
	for _, key := range ch.keys {
		m, p, _ := strings.Cut(key, " ")
		ps := strings.Split(p, "/")
		if m != method || len(ps) != len(segs) {
			continue
		}
		n := 0
		for k := range ps {
			if ps[k] == segs[k] {
				n++
			} else if !strings.HasPrefix(ps[k], "{") {
				n = -1
				break
			}
		}
		if n > score {
			best, score = key, n
		}
	}
	return best
}

// do sends a request, wants its status, and checks the answer.
func (ch *oaChecker) do(e *env, c *caller, want int, rq request) resp {
	ch.t.Helper()
	r := e.must(c, want, rq)
	ch.check(rq, r)
	return r
}

func (ch *oaChecker) check(rq request, r resp) {
	t := ch.t
	t.Helper()
	u, err := url.Parse(rq.path)
	if err != nil {
		t.Fatal(err)
	}
	key := ch.operation(rq.method, u.Path)
	if key == "" {
		t.Errorf("%s %s: no operation of openapi.json serves it", rq.method, rq.path)
		return
	}
	ch.seen[key] = true
	res, ptr, ok := ch.o.response(key, r.status)
	if !ok {
		t.Errorf("%s %s answered %d, which %s does not document\n%s", rq.method, rq.path, r.status, key, r.body)
		return
	}
	where := fmt.Sprintf("%s %s (%s) %d", rq.method, rq.path, key, r.status)

	// Headers: the documented ones are sent, and ETag and Location are
	// sent only where documented.
	for name := range res.Headers {
		if r.header.Get(name) == "" {
			t.Errorf("%s: documented header %s is missing", where, name)
		}
	}
	for _, name := range []string{"ETag", "Location", "Set-Cookie", "Retry-After"} {
		if _, ok := res.Headers[name]; r.header.Get(name) != "" && !ok {
			t.Errorf("%s: sends %s: %s, which is not documented", where, name, r.header.Get(name))
		}
	}

	// The body: a documented media type, valid by its schema.
	if len(res.Content) == 0 {
		if len(r.body) != 0 {
			t.Errorf("%s: documented without a body, sends %q", where, r.body)
		}
		return
	}
	mt, _, err := mime.ParseMediaType(r.header.Get("Content-Type"))
	if _, ok := res.Content[mt]; err != nil || !ok {
		t.Errorf("%s: Content-Type %q is not documented", where, r.header.Get("Content-Type"))
		return
	}
	if mt != "application/json" && mt != "application/problem+json" {
		return
	}
	loc := oaURL + "#" + ptr + "/content/" + pointerEscape(mt) + "/schema"
	sch := ch.schemas[loc]
	if sch == nil {
		if sch, err = ch.c.Compile(loc); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		ch.schemas[loc] = sch
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.body))
	if err != nil {
		t.Errorf("%s: not JSON: %v\n%s", where, err, r.body)
		return
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("%s: the answer does not match openapi.json: %v\n%s", where, err, r.body)
	}
	// The ETag is the version of the resource sent.
	var versioned struct {
		Version *int64 `json:"version"`
	}
	if etag := r.header.Get("ETag"); etag != "" && json.Unmarshal(r.body, &versioned) == nil && versioned.Version != nil {
		if want := fmt.Sprintf(`"%d"`, *versioned.Version); etag != want {
			t.Errorf("%s: ETag %s, but the version sent is %s", where, etag, want)
		}
	}
}

func TestOpenAPIResponsesMatchSchemas(t *testing.T) {
	e := newEnv(t, "sqlite")
	ch := newChecker(t)
	do := func(c *caller, want int, rq request) resp {
		t.Helper()
		return ch.do(e, c, want, rq)
	}
	post := func(path string, body any) request { return request{method: "POST", path: path, body: body} }
	get := func(path string) request { return request{method: "GET", path: path} }
	var id struct {
		ID      int64 `json:"id"`
		Version int64 `json:"version"`
	}

	// The server's own endpoints; the description served is the file.
	do(nil, 200, get("/healthz"))
	do(nil, 200, get("/readyz"))
	do(nil, 200, get("/metrics"))
	if r := do(nil, 200, get("/api/v1/openapi.json")); !bytes.Equal(r.body, ch.o.raw) {
		t.Errorf("GET /api/v1/openapi.json is not server/openapi.json")
	}

	// Accounts.
	owner := e.sessionOf(do(nil, 201, post("/api/v1/signup", map[string]any{
		"account_name": "Acme", "display_name": "Maya", "email": "maya@acme.example", "password": "a long password 1", "lang": "en"})))
	do(nil, 409, post("/api/v1/signup", map[string]any{"display_name": "Maya", "email": "maya@acme.example", "password": "a long password 1"}))
	do(nil, 401, post("/api/v1/signin", map[string]any{"email": "maya@acme.example", "password": "not the password"}))
	second := e.sessionOf(do(nil, 200, post("/api/v1/signin", map[string]any{"email": "maya@acme.example", "password": "a long password 1"})))
	do(owner, 200, get("/api/v1/me"))
	var nt struct {
		Token string `json:"token"`
	}
	do(owner, 201, post("/api/v1/tokens", map[string]any{"name": "script", "scope": "write"})).json(t, &nt)
	tok := &caller{token: nt.Token}
	do(owner, 201, post("/api/v1/tokens", map[string]any{"name": "reader"})).json(t, &nt)
	reader := &caller{token: nt.Token}
	do(tok, 200, get("/api/v1/me"))
	do(tok, 200, get("/api/v1/tokens"))
	do(reader, 403, post("/api/v1/tokens", map[string]any{"scope": "write"}))
	do(reader, 201, post("/api/v1/feed", map[string]any{"name": "my calendar"}))
	cred, _ := rapport.ParseCredential(rapport.CredToken, reader.token)
	do(owner, 204, request{method: "DELETE", path: fmt.Sprintf("/api/v1/tokens/%d", cred.ID)})
	do(owner, 404, request{method: "DELETE", path: "/api/v1/tokens/999"})
	do(reader, 401, get("/api/v1/contacts"))
	var inv struct {
		Token string `json:"token"`
	}
	do(owner, 201, post("/api/v1/invites", map[string]any{"role": "viewer", "email": "vic@acme.example"})).json(t, &inv)
	accept := post("/api/v1/invites/accept", map[string]any{"token": inv.Token, "display_name": "Vic", "password": "vic's long password"})
	viewer := e.sessionOf(do(nil, 201, accept))
	do(nil, 409, accept)
	do(viewer, 403, get("/api/v1/users"))
	do(tok, 200, get("/api/v1/users"))
	do(nil, 401, get("/api/v1/contacts"))
	noCSRF := *owner
	noCSRF.csrf = ""
	do(&noCSRF, 403, post("/api/v1/contacts", map[string]any{"display_name": "Zofia"}))
	do(viewer, 403, post("/api/v1/contacts", map[string]any{"display_name": "Zofia"}))

	// Contacts.
	r := do(tok, 201, post("/api/v1/contacts", map[string]any{
		"display_name": "Zofia Nowak", "given_name": "Zofia", "family_name": "Nowak", "kind": "client", "tier": "inner",
		"org": "Acme", "title": "CTO", "emails": []map[string]string{{"label": "work", "value": "Zofia@acme.example"}},
		"phones": []map[string]string{{"value": "+48 600 100 200"}}, "lang": "pl", "gender": "feminine",
		"birthday": "--11-22", "how_we_met": "a conference", "tags": []string{"vip", "Warsaw"}}))
	r.json(t, &id)
	zofia := id.ID
	zpath := fmt.Sprintf("/api/v1/contacts/%d", zofia)
	do(tok, 201, post("/api/v1/contacts", map[string]any{"given_name": "Jan", "family_name": "Kowalski", "birthday": "1980-02-29", "cadence_days": 10}))
	ann := e.contact(tok, "Ann")
	do(tok, 200, get(zpath))
	r = do(tok, 200, get("/api/v1/contacts?limit=1"))
	var page struct {
		NextCursor string `json:"next_cursor"`
	}
	r.json(t, &page)
	do(tok, 200, get("/api/v1/contacts?limit=2&cursor="+url.QueryEscape(page.NextCursor)))
	do(tok, 200, get("/api/v1/contacts?kind=client&tier=inner&tag=vip&q=zofia"))
	do(tok, 400, get("/api/v1/contacts?limit=0"))
	do(tok, 400, get("/api/v1/contacts?kind=enemy"))
	do(tok, 400, post("/api/v1/contacts", map[string]any{"display_name": "Zo", "nickname": "Zo"}))
	do(tok, 400, post("/api/v1/contacts", `{"display_name": "Zo"`))
	do(tok, 415, request{method: "POST", path: "/api/v1/contacts", body: "display_name=Zo", header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}})
	do(tok, 413, post("/api/v1/contacts", `{"display_name": "`+strings.Repeat("x", server.DefaultMaxBody)+`"}`))
	do(tok, 404, get("/api/v1/contacts/999"))
	do(tok, 200, get("/api/v1/contacts/resolve?ref=zofia"))
	do(tok, 200, get(fmt.Sprintf("/api/v1/contacts/resolve?ref=%%23%d", zofia)))
	e.contact(tok, "Zoe")
	do(tok, 409, get("/api/v1/contacts/resolve?ref=zo"))
	do(tok, 404, get("/api/v1/contacts/resolve?ref=nobody"))
	do(tok, 400, get("/api/v1/contacts/resolve"))
	do(tok, 404, get("/api/v1/contacts/zofia"))
	patch := func(etag string, want int) resp {
		rq := request{method: "PATCH", path: zpath, body: map[string]any{"org": "Globex", "birthday": "1990-11-22"}}
		if etag != "" {
			rq.header = map[string]string{"If-Match": etag}
		}
		return do(tok, want, rq)
	}
	patch(`"1"`, 200)
	patch(`"1"`, 412)
	patch("", 428)
	patch("soon", 400)
	do(tok, 404, request{method: "PATCH", path: "/api/v1/contacts/999", body: map[string]any{}, header: map[string]string{"If-Match": `"1"`}})
	apath := fmt.Sprintf("/api/v1/contacts/%d", ann)
	do(tok, 204, request{method: "DELETE", path: apath})
	do(tok, 200, get(apath))
	do(tok, 200, get("/api/v1/contacts?trash=true"))
	do(tok, 404, request{method: "DELETE", path: apath})
	do(tok, 200, get("/api/v1/contacts/resolve?trash=true&ref=ann"))
	do(tok, 404, get(apath+"/status"))
	do(tok, 200, post(apath+"/restore", nil))
	do(tok, 404, post(apath+"/restore", nil))
	do(tok, 201, post(zpath+"/notes", map[string]any{"body": "Prefers calls in the morning."}))
	do(tok, 400, post(zpath+"/notes", map[string]any{"body": " "}))
	do(tok, 200, get(zpath+"/notes"))

	// Interactions, and what the rules make of them.
	do(tok, 201, post(zpath+"/efforts", map[string]any{"goal": "work together on the launch"}))
	do(tok, 409, post(zpath+"/efforts", map[string]any{"goal": "again"}))
	r = do(tok, 201, post("/api/v1/interactions", map[string]any{
		"contact_ids": []int64{zofia}, "channel": "call", "invitation": true, "at": "2026-11-19T10:00:00Z", "note": "about the launch"}))
	r.json(t, &id)
	ipath := fmt.Sprintf("/api/v1/interactions/%d", id.ID)
	do(tok, 201, post("/api/v1/interactions", map[string]any{"contact_ids": []int64{zofia, ann}, "channel": "email", "invitation": true}))
	do(tok, 201, post("/api/v1/interactions?lang=pl", map[string]any{"contact_ids": []int64{ann}, "channel": "text", "direction": "inbound", "outcome": "replied"}))
	do(tok, 400, post("/api/v1/interactions", map[string]any{"contact_ids": []int64{}, "channel": "call"}))
	do(tok, 404, post("/api/v1/interactions", map[string]any{"contact_ids": []int64{999}, "channel": "call"}))
	do(tok, 200, get(ipath))
	do(tok, 200, request{method: "PATCH", path: ipath, body: map[string]any{"outcome": "no_response"}, header: map[string]string{"If-Match": `"1"`}})
	do(tok, 412, request{method: "PATCH", path: ipath, body: map[string]any{"outcome": "held"}, header: map[string]string{"If-Match": `"1"`}})
	do(tok, 428, request{method: "PATCH", path: ipath, body: map[string]any{"outcome": "held"}})
	do(tok, 404, get("/api/v1/interactions/999"))
	do(tok, 200, get(zpath+"/timeline?since=2026-11-01&until=2026-11-21T00:00:00Z&limit=10"))
	do(tok, 400, get(zpath+"/timeline?since=yesterday"))

	// Relationship records.
	do(tok, 201, post(zpath+"/trust", map[string]any{"kind": "breach", "note": "shared the draft"}))
	do(tok, 400, post(zpath+"/trust", map[string]any{"kind": "reset"}))
	do(tok, 201, post("/api/v1/favors", map[string]any{"contact_id": zofia, "dir": "received", "kind": "advice", "about": "pricing"}))
	do(tok, 201, post("/api/v1/favors", map[string]any{"contact_id": zofia, "dir": "asked", "about": "an intro", "outcome": "granted"}))
	do(tok, 201, post("/api/v1/favors", map[string]any{"contact_id": ann, "dir": "given", "kind": "intro"}))
	do(tok, 404, post("/api/v1/favors", map[string]any{"contact_id": 999, "dir": "given"}))
	do(tok, 200, post(zpath+"/thank", nil))
	do(tok, 404, post(apath+"/thank", nil))
	do(tok, 201, post("/api/v1/promises", map[string]any{"contact_id": zofia, "by": "me", "what": "send the deck", "due": "2026-11-20T00:00:00Z"}))
	do(tok, 201, post("/api/v1/promises", map[string]any{"contact_id": ann, "by": "them", "what": "an answer", "due": "2026-11-10T00:00:00Z"}))
	r = do(tok, 201, post("/api/v1/promises", map[string]any{"contact_id": zofia, "by": "them", "what": "a reference"}))
	r.json(t, &id)
	ppath := fmt.Sprintf("/api/v1/promises/%d", id.ID)
	do(tok, 200, get(ppath))
	do(tok, 200, post(ppath+"/keep", nil))
	do(tok, 409, post(ppath+"/break", nil))
	do(tok, 412, request{method: "POST", path: ppath + "/break", header: map[string]string{"If-Match": `"1"`}})
	do(tok, 400, request{method: "POST", path: ppath + "/keep", header: map[string]string{"If-Match": "x"}})
	do(tok, 404, post("/api/v1/promises/999/keep", nil))
	do(tok, 200, get("/api/v1/efforts"))
	do(tok, 200, get(fmt.Sprintf("/api/v1/promises?contact_id=%d&open=true", zofia)))
	do(tok, 200, get("/api/v1/promises"))
	do(tok, 400, get("/api/v1/promises?contact_id=me"))
	do(tok, 200, get(fmt.Sprintf("/api/v1/trust-events?contact_id=%d", zofia)))
	do(tok, 200, get("/api/v1/favors"))

	// Imports: the body is the file. Zofia is matched by her email, and
	// the same files again change nothing.
	upload := func(path, mediaType, file string) request {
		return request{method: "POST", path: path, body: file, header: map[string]string{"Content-Type": mediaType}}
	}
	vcf := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ola Lis\r\nEMAIL:ola@lis.example\r\nTEL:+48 600 300 400\r\nCATEGORIES:imported\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zofia Nowak\r\nEMAIL:zofia@acme.example\r\nNOTE:Met at the fair.\r\nBDAY:--0229\r\nEND:VCARD\r\n"
	do(tok, 200, upload("/api/v1/import/vcard", "text/vcard", vcf))
	do(tok, 200, upload("/api/v1/import/vcard?skip_bad=true", "text/vcard; charset=utf-8", vcf))
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:review@test\r\nDTSTART:20261110T100000Z\r\n" +
		"DTEND:20261110T110000Z\r\nSUMMARY:Review\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:zofia@acme.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	do(tok, 200, upload("/api/v1/import/ics", "text/calendar", ics))
	do(tok, 200, upload("/api/v1/import/ics", "text/calendar", ics))
	bad := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad\r\nEMAIL:not an address\r\nEND:VCARD\r\n"
	do(tok, 400, upload("/api/v1/import/vcard", "text/vcard", bad))
	do(tok, 200, upload("/api/v1/import/vcard?skip_bad=true", "text/vcard", bad))
	do(tok, 200, upload("/api/v1/import/linkedin", "text/csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"))
	do(tok, 415, upload("/api/v1/import/vcard", "text/csv", vcf))
	do(tok, 400, upload("/api/v1/import/json", "application/json", "{}"))
	do(tok, 404, upload("/api/v1/import/xml", "text/xml", "<contacts/>"))
	do(viewer, 403, upload("/api/v1/import/vcard", "text/vcard", vcf))

	// The rules' views, in English and in Polish.
	do(tok, 200, get(zpath+"/status"))
	do(tok, 200, get(zpath+"/status?lang=pl"))
	do(tok, 200, get(apath+"/status"))
	do(tok, 200, post(zpath+"/ask-check", map[string]any{"kind": "intro", "about": "their CFO", "on_behalf": "Jan"}))
	do(tok, 200, post(apath+"/ask-check", map[string]any{"kind": "advice"}))
	do(tok, 400, post(zpath+"/ask-check", map[string]any{"about": "nothing"}))
	do(tok, 200, post(zpath+"/drafts/reconnect", map[string]any{"why_now": "a new project", "offer": "an intro to our CTO", "silence": "busy", "register": "informal"}))
	do(tok, 200, post(apath+"/drafts/reconnect", map[string]any{"why_now": "a new project", "offer": "help", "lang": "ar"}))
	do(tok, 400, post(zpath+"/drafts/reconnect", map[string]any{"offer": "help"}))
	do(tok, 200, post(zpath+"/drafts/opener", map[string]any{"situation": "new_quarter", "channel": "video"}))
	do(tok, 400, post(zpath+"/drafts/opener", map[string]any{"situation": "a whim"}))
	do(tok, 200, get("/api/v1/today"))
	do(tok, 200, get("/api/v1/review"))

	// Settings.
	var set rapport.Settings
	do(tok, 200, get("/api/v1/settings")).json(t, &set)
	set.DormantDays = 365
	do(tok, 200, request{method: "PUT", path: "/api/v1/settings", body: set})
	do(tok, 400, request{method: "PUT", path: "/api/v1/settings", body: map[string]any{"dormant_days": 30}})
	do(viewer, 403, request{method: "PUT", path: "/api/v1/settings", body: set})

	// Sign-in throttled, then out.
	for range 9 {
		do(nil, 401, post("/api/v1/signin", map[string]any{"email": "maya@acme.example", "password": "guess guess guess"}))
	}
	do(nil, 429, post("/api/v1/signin", map[string]any{"email": "maya@acme.example", "password": "a long password 1"}))
	do(second, 204, post("/api/v1/signout", nil))
	do(second, 401, get("/api/v1/me"))

	// Weeks later: contacts come due, the scheduled call went unanswered.
	e.advance(40 * 24 * time.Hour)
	do(tok, 200, get("/api/v1/today"))
	do(tok, 200, get("/api/v1/today?lang=ar"))
	do(tok, 200, get(zpath+"/status"))
	do(tok, 200, get("/api/v1/review?since=2026-11-01"))
	do(tok, 400, get("/api/v1/review?since=last+week"))

	// Most operations were checked: list those that were not, to extend
	// this test when a route is added.
	var unseen []string
	for _, key := range ch.keys {
		if !ch.seen[key] {
			unseen = append(unseen, key)
		}
	}
	if len(unseen) > 0 {
		slices.Sort(unseen)
		t.Errorf("operations no request of this test checked: %v", unseen)
	}
}
