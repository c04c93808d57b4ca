// Package server is `rapport serve`: the REST API under /api/v1 (and, later,
// the web app) over app.Service, with sign-in, sessions, tokens, CSRF
// protection, metrics, health checks, graceful shutdown and the scheduled
// work that several servers on one database share.
//
// Errors become HTTP statuses in one place, statusOf (problem.go).
package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"rapport"
	"rapport/app"
)

// Config is what a server needs.
type Config struct {
	Service *app.Service
	Log     *slog.Logger
	// Holder names this server in the job claims (host and pid).
	Holder string
	// MaxBody is the largest request body accepted (0: DefaultMaxBody).
	MaxBody int64
	// ShutdownTimeout bounds how long in-flight requests may take to
	// finish at shutdown (0: 30 s).
	ShutdownTimeout time.Duration
	// JobEvery is how often the server tries to claim scheduled work
	// (0: every minute; negative: never, for tests that run it by hand).
	JobEvery time.Duration
	// TokenCacheTTL is how long a checked API token is trusted without
	// asking the database again (0: TokenCacheTTL; negative: never).
	TokenCacheTTL time.Duration
	// Web is the web app, served on every path outside the API's (nil:
	// none). It gets the same recovery, security headers and cross-origin
	// protection.
	Web http.Handler
}

// DefaultMaxBody bounds request bodies: no request of the API needs more.
const DefaultMaxBody = 1 << 20

// Server is one `rapport serve` process.
type Server struct {
	cfg     Config
	svc     *app.Service
	log     *slog.Logger
	routes  []Route
	handler http.Handler
	metrics *metrics
	tokens  *tokenCache
	ready   atomic.Bool
}

// New builds a server and its routes.
func New(cfg Config) *Server {
	if cfg.MaxBody == 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.ShutdownTimeout == 0 {
		cfg.ShutdownTimeout = 30 * time.Second
	}
	if cfg.JobEvery == 0 {
		cfg.JobEvery = time.Minute
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.TokenCacheTTL == 0 {
		cfg.TokenCacheTTL = TokenCacheTTL
	}
	s := &Server{cfg: cfg, svc: cfg.Service, log: cfg.Log, metrics: newMetrics(), tokens: newTokenCache(cfg.TokenCacheTTL)}
	s.routes = s.apiRoutes()
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		mux.Handle(rt.Method+" "+rt.Pattern, s.wrap(rt))
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /metrics", s.metrics.handler())
	mux.HandleFunc("GET /api/v1/openapi.json", serveOpenAPI)
	dav := s.davHandler()
	mux.Handle(davPrefix+"/", dav)
	mux.Handle(davWellKnown, dav)
	mux.HandleFunc("GET "+feedPrefix+"{file}", s.serveFeed)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, nil, newHTTPError(http.StatusForbidden, codeCrossOrigin, "", "error.http.cross_origin", nil, "cross-origin request refused"))
	}))
	api := methodProblems(mux, s)
	root := api
	if cfg.Web != nil {
		root = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if isServerPath(r.URL.Path) {
				api.ServeHTTP(w, r)
				return
			}
			cfg.Web.ServeHTTP(w, r)
		})
	}
	s.handler = s.recoverer(securityHeaders(cop.Handler(root)))
	s.ready.Store(true)
	return s
}

// isServerPath reports whether a path is the API's or the server's own;
// every other path is the web app's.
func isServerPath(p string) bool {
	return strings.HasPrefix(p, "/api/") || p == "/healthz" || p == "/readyz" || p == "/metrics" ||
		p == davPrefix || strings.HasPrefix(p, davPrefix+"/") || p == davWellKnown || strings.HasPrefix(p, feedPrefix)
}

// Handler is the whole server as an http.Handler, for tests and embedding.
func (s *Server) Handler() http.Handler { return s.handler }

// Routes lists the API's routes, for the OpenAPI check and the isolation test.
func (s *Server) Routes() []Route { return s.routes }

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if !s.ready.Load() {
		s.fail(w, r, nil, newHTTPError(http.StatusServiceUnavailable, codeShuttingDown, "", "error.http.shutting_down", nil, "shutting down"))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.svc.Store.Accounts(ctx); err != nil {
		s.fail(w, r, nil, newHTTPError(http.StatusServiceUnavailable, codeDatabase, "", "error.http.database", nil, "database unavailable"))
		return
	}
	w.Write([]byte("ready\n"))
}

// Serve answers on ln until ctx ends, then stops gracefully: it stops
// accepting, lets in-flight requests finish (up to ShutdownTimeout), and
// returns. A request acknowledged before that is committed.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	jobsDone := make(chan struct{})
	jobCtx, stopJobs := context.WithCancel(context.WithoutCancel(ctx))
	go func() { defer close(jobsDone); s.runJobs(jobCtx) }()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("serving", "addr", ln.Addr().String())
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		s.ready.Store(false)
		s.log.Info("shutting down: finishing in-flight requests")
		sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
		err = srv.Shutdown(sctx)
		cancel()
		<-errc
	}
	stopJobs()
	<-jobsDone
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	s.log.Info("stopped", "error", err)
	return err
}

// runJobs tries to claim the scheduled work at every tick; the store makes
// sure one server only runs each slot.
func (s *Server) runJobs(ctx context.Context) {
	if s.cfg.JobEvery < 0 {
		return
	}
	t := time.NewTicker(s.cfg.JobEvery)
	defer t.Stop()
	for {
		res, err := s.svc.RunScheduledWork(ctx, s.cfg.Holder)
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Error("scheduled work", "error", err)
		case res.Claimed:
			s.log.Info("scheduled work", "expired_invitations", res.Expired)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// recoverer turns a panic in a handler into a 500 problem and a log line:
// no panic reaches a user.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				writeProblem(w, problemOf(rapport.Internal(nil), false, "", r.URL.Path))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// securityHeaders are sent with every answer.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		next.ServeHTTP(w, r)
	})
}

// methodProblems answers what the mux has no route for with a problem, not
// ServeMux's plain text: a known path with another method is 405 (with its
// Allow header), anything else 404. (Registering method-less patterns for
// 405 instead would clash: /contacts/resolve against GET /contacts/{id}.)
func methodProblems(mux *http.ServeMux, s *Server) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r) // sets the path values h needs
			return
		}
		rec := &discard{header: http.Header{}}
		h.ServeHTTP(rec, r)
		route := map[string]any{"method": r.Method, "path": r.URL.Path}
		if rec.status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", rec.header.Get("Allow"))
			s.fail(w, r, nil, newHTTPError(rec.status, codeMethod, "", "error.http.method", route,
				r.Method+" is not allowed on "+r.URL.Path))
			return
		}
		s.fail(w, r, nil, newHTTPError(http.StatusNotFound, string(codeRouteNotFound), "", "error.http.no_route", route,
			"no such route: "+r.Method+" "+r.URL.Path))
	})
}

// discard is a ResponseWriter that keeps the status and headers only.
type discard struct {
	header http.Header
	status int
}

func (d *discard) Header() http.Header         { return d.header }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(status int)      { d.status = status }
