// Package cli is the `rapport` command: cobra commands over app.Service. Errors
// become exit statuses in one place, exitStatus.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rapport"
	"rapport/app"
	"rapport/i18n"
	"rapport/rules"
	"rapport/sqlstore"
)

// Env is what the command reads from and writes to its surroundings, so tests
// can run it in-process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// IsTerminal reports whether Stderr is a terminal, for progress bars.
	IsTerminal bool
}

// OSEnv is the process's own environment.
func OSEnv() Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, IsTerminal: isTerminal(os.Stderr)}
}

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1 // anything that went wrong that is not the user's input
	exitUsage   = 2 // bad flags, arguments or values
)

// Main runs the command line args and returns the exit status.
func Main(ctx context.Context, args []string, env Env) int {
	r := &runner{env: env}
	root := r.rootCommand()
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	err := root.ExecuteContext(ctx)
	if err != nil {
		var refusal *rules.Refusal
		if errors.As(err, &refusal) {
			// The rules refused: say why in the user's language.
			err = &rapport.Error{Code: rapport.ErrorCodeOf(err), Message: app.LocalizeRefusal(r.translator(ctx), refusal)}
		}
	}
	if r.store != nil {
		r.store.Close()
	}
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(env.Stderr, "rapport: "+errorText(err))
	var e *rapport.Error
	if errors.As(err, &e) {
		for _, c := range e.Candidates {
			fmt.Fprintln(env.Stderr, "  "+c)
		}
		if e.Code == rapport.EINTERNAL && e.Err != nil {
			fmt.Fprintln(env.Stderr, "  cause: "+e.Err.Error())
		}
	}
	return exitStatus(err)
}

// usageError is a mistake in how the command was called.
type usageError struct{ error }

// exitStatus is the one place that maps errors to exit statuses.
func exitStatus(err error) int {
	var u usageError
	if errors.As(err, &u) || rapport.ErrorCodeOf(err) == rapport.EINVALID {
		return exitUsage
	}
	return exitFailure
}

func errorText(err error) string {
	var e *rapport.Error
	if errors.As(err, &e) {
		return rapport.ErrorMessage(err)
	}
	return err.Error() // cobra's own, about flags and arguments
}

// runner holds what the commands of one invocation share.
type runner struct {
	env     Env
	dbPath  string
	json    bool
	store   *sqlstore.DB
	svc     *app.Service
	account rapport.Account
	clock   time.Time
	loc     *time.Location // the user's time zone: $TZ, else the system's
	lang    string         // --lang
	tr      *i18n.Translator
}

// translator is the user's language: --lang, else the one they chose at
// init, else the environment's, else English.
func (r *runner) translator(ctx context.Context) *i18n.Translator {
	if r.tr != nil {
		return r.tr
	}
	user := ""
	if r.store != nil && r.account.ID != 0 {
		if us, err := r.store.Users(ctx, r.account.ID); err == nil && len(us) > 0 {
			user = us[0].Lang
		}
	}
	r.tr = i18n.For(i18n.Choose(r.lang, user, r.env.Getenv))
	return r.tr
}

func (r *runner) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "rapport",
		Short: "Keep and strengthen your work relationships",
		Long: `Rapport keeps the people you work with, every interaction you had with them,
and applies what good practice says about working relationships.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return r.setClock()
		},
	}
	root.PersistentFlags().StringVar(&r.dbPath, "db", "", "database: a SQLite file or a postgres:// URL (default $RAPPORT_DB, else $XDG_DATA_HOME/rapport/rapport.db)")
	root.PersistentFlags().BoolVar(&r.json, "json", false, "print JSON (stable fields, see docs/cli.md)")
	root.PersistentFlags().StringVar(&r.lang, "lang", "", "language of what Rapport says: en, ar or pl (default: yours from init, else $LANG)")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (see `%s --help`)", err, cmd.CommandPath())}
	})
	root.AddCommand(r.initCommand(), r.contactCommand(), r.logCommand(), r.outcomeCommand(),
		r.timelineCommand(), r.statusCommand(), r.todayCommand(), r.reviewCommand(), r.effortCommand(),
		r.promiseCommand(), r.trustCommand(), r.favorCommand(), r.thankCommand(), r.askCommand(),
		r.settingsCommand(), r.draftCommand(), r.genCommand(), r.tourCommand())
	return root
}

// setClock fixes "now" for the whole invocation: RAPPORT_NOW when set, so that
// scripts and tests are deterministic, else the wall clock.
func (r *runner) setClock() error {
	r.clock, r.loc = time.Now(), time.Local
	if tz := r.env.Getenv("TZ"); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return rapport.Invalid("TZ", tz, "not a time zone")
		}
		r.loc = loc
	}
	if v := r.env.Getenv("RAPPORT_NOW"); v != "" {
		t, err := parseTime(v, time.Time{}, r.loc)
		if err != nil {
			return rapport.Invalid("RAPPORT_NOW", v, "use RFC 3339 (2026-11-20T09:00:00Z) or a date (2026-11-20)")
		}
		r.clock = t
	}
	return nil
}

func (r *runner) now() time.Time { return r.clock }

// databasePath is --db, else RAPPORT_DB, else the XDG data folder.
func (r *runner) databasePath() string {
	if r.dbPath != "" {
		return r.dbPath
	}
	if v := r.env.Getenv("RAPPORT_DB"); v != "" {
		return v
	}
	data := r.env.Getenv("XDG_DATA_HOME")
	if data == "" {
		home := r.env.Getenv("HOME")
		if home == "" {
			home, _ = os.UserHomeDir()
		}
		data = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(data, "rapport", "rapport.db")
}

// open opens the store and the service, once per invocation.
func (r *runner) open(ctx context.Context) error {
	if r.store != nil {
		return nil
	}
	db, err := sqlstore.Open(ctx, r.databasePath())
	if err != nil {
		return err
	}
	r.store = db
	r.svc = &app.Service{Store: db, Now: r.now}
	return nil
}

// openAccount opens the store and the account the CLI works in: the first one.
func (r *runner) openAccount(ctx context.Context) error {
	if err := r.open(ctx); err != nil {
		return err
	}
	a, err := r.store.DefaultAccount(ctx)
	if err != nil {
		return err
	}
	r.account = a
	return nil
}

// withAccount wraps a command's run function so it runs with the account open.
func (r *runner) withAccount(run func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if err := r.openAccount(cmd.Context()); err != nil {
			return err
		}
		return run(cmd, args)
	}
}

// withContact wraps a command whose first argument is a contact REF: it runs
// with the account open and the contact resolved (in the trash when trash).
func (r *runner) withContact(trash bool, run func(cmd *cobra.Command, c *rapport.Contact, args []string) error) func(*cobra.Command, []string) error {
	return r.withAccount(func(cmd *cobra.Command, args []string) error {
		c, err := r.svc.ResolveContact(cmd.Context(), r.account.ID, args[0], trash)
		if err != nil {
			return err
		}
		return run(cmd, c, args)
	})
}

// printJSON writes v as indented JSON.
func (r *runner) printJSON(v any) error {
	enc := json.NewEncoder(r.env.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func (r *runner) printf(format string, args ...any) {
	fmt.Fprintf(r.env.Stdout, format, args...)
}

// args checks the number of positional arguments, as a usage error.
func args(min, max int, names string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if len(a) < min || (max >= 0 && len(a) > max) {
			return usageError{fmt.Errorf("%s takes %s (see `%s --help`)", cmd.CommandPath(), names, cmd.CommandPath())}
		}
		return nil
	}
}

// parseEnumFlag reads an enum flag value as a usage error naming the flag.
func parseEnumFlag[T ~string](flag, value string, values []T) (T, error) {
	v, err := rapport.ParseEnum("--"+flag, value, values)
	return v, err
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
