package cli

import (
	"fmt"
	"log/slog"
	"net"
	"os"
	"time"

	"github.com/spf13/cobra"

	"rapport"
	"rapport/server"
	"rapport/web"
)

func (r *runner) serveCommand() *cobra.Command {
	var (
		addr     string
		logLevel string
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the REST API (and the web app) on the same database",
		Long: `Serve Rapport over HTTP: the REST API under /api/v1 (described at
/api/v1/openapi.json), /healthz, /readyz and Prometheus metrics at /metrics.
Several servers may share one PostgreSQL database. SIGINT or SIGTERM stop
the server gracefully: in-flight requests finish first.

The server's clock is the wall clock, in $TZ. When RAPPORT_NOW is set, the
clock is frozen at that instant instead, for tests and demos (a warning is
logged at start): every request and the scheduled work see that "now".`,
		Args: args(0, 0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			var level slog.Level
			if err := level.UnmarshalText([]byte(logLevel)); err != nil {
				return usageError{fmt.Errorf("--log-level: invalid value %q: use debug, info, warn or error", logLevel)}
			}
			if err := r.open(cmd.Context()); err != nil {
				return err
			}
			log := slog.New(slog.NewJSONHandler(r.env.Stderr, &slog.HandlerOptions{Level: level}))
			// The server's clock is the wall clock, in $TZ, unless
			// RAPPORT_NOW froze it (setClock read it).
			r.svc.Now = func() time.Time { return time.Now().In(r.loc) }
			if v := r.env.Getenv("RAPPORT_NOW"); v != "" {
				frozen := r.now()
				r.svc.Now = func() time.Time { return frozen }
				log.Warn("RAPPORT_NOW is set: the clock is frozen, for tests and demos only", "rapport_now", v, "now", frozen)
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return usageError{fmt.Errorf("--addr: cannot listen on %s: %w", addr, err)}
			}
			host, _ := os.Hostname()
			webApp, err := web.New(web.Config{Service: r.svc, Log: log})
			if err != nil {
				return rapport.Internal(err)
			}
			srv := server.New(server.Config{Service: r.svc, Log: log, Holder: fmt.Sprintf("%s:%d", host, os.Getpid()), Web: webApp})
			fmt.Fprintf(r.env.Stdout, "Rapport is serving on http://%s (database %s)\n", ln.Addr(), r.databasePath())
			return srv.Serve(cmd.Context(), ln)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().StringVar(&logLevel, "log-level", "info", "least level logged: debug, info, warn, error")
	return cmd
}
