// Package cli is the `rapport` command: cobra commands over a backend, the
// local database's account (app.Service) or, with --server, a server's API
// (package client), so each command is written once. Errors become exit
// statuses in one place, exitStatus.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rapport"
	"rapport/app"
	"rapport/i18n"
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
	// --lang before the command is Rapport's language even for the commands
	// that have a --lang of their own (contact add and edit, init).
	r.lang, args = leadingLang(args)
	// Help speaks the language of --lang or of the environment: the user's
	// own choice is in the database, which help does not open.
	help := r.lang
	if help == "" {
		help = langArg(args)
	}
	localizeHelp(root, i18n.For(i18n.Choose(help, "", env.Getenv)))
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	err := root.ExecuteContext(ctx)
	if r.store != nil {
		r.store.Close()
	}
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(env.Stderr, "rapport: "+r.errorText(err))
	var e *rapport.Error
	if errors.As(err, &e) {
		for _, c := range e.Candidates {
			fmt.Fprintln(env.Stderr, "  "+c)
		}
		if e.Code == rapport.EINTERNAL && e.Err != nil {
			fmt.Fprintln(env.Stderr, "  "+r.t("cli.cause", i18n.Args{"cause": e.Err.Error()}))
		}
	}
	return exitStatus(err)
}

// leadingLang takes --lang out of the flags that come before the command,
// and returns its value and the other arguments.
func leadingLang(args []string) (string, []string) {
	for i := 0; i < len(args) && strings.HasPrefix(args[i], "-"); i++ {
		switch a := args[i]; {
		case a == "--lang" && i+1 < len(args):
			return args[i+1], slices.Concat(args[:i], args[i+2:])
		case strings.HasPrefix(a, "--lang="):
			return strings.TrimPrefix(a, "--lang="), slices.Concat(args[:i], args[i+1:])
		case a == "--db" || a == "--server" || a == "--token":
			i++ // its value
		case a == "--":
			return "", args
		}
	}
	return "", args
}

// langArg is the value of --lang anywhere in args, read before cobra parses them.
func langArg(args []string) string {
	for i, a := range args {
		switch {
		case a == "--":
			return ""
		case a == "--lang" && i+1 < len(args):
			return args[i+1]
		case strings.HasPrefix(a, "--lang="):
			return strings.TrimPrefix(a, "--lang=")
		}
	}
	return ""
}

// localizeHelp gives each command its one-line help in tr's language, from
// the catalogs (cli.cmd.PATH.short, where the English is the command's own
// Short), and the flags of flagKeys theirs. Long texts and the other flags'
// help are in English only.
func localizeHelp(cmd *cobra.Command, tr *i18n.Translator) {
	if key := shortKey(cmd); tr.Lang() != "en" && tr.Has(key) {
		cmd.Short = tr.T(key, nil)
	}
	if !cmd.HasParent() {
		for name, key := range flagKeys {
			if f := cmd.PersistentFlags().Lookup(name); f != nil {
				f.Usage = tr.T(key, nil)
			}
		}
	}
	for _, c := range cmd.Commands() {
		localizeHelp(c, tr)
	}
}

// flagKeys are the catalog keys of the help of the root's flags that have
// one.
var flagKeys = map[string]string{
	"server": "cli.remote.flag_server",
	"token":  "cli.remote.flag_token",
}

// shortKey is the catalog key of a command's one-line help:
// cli.cmd.contact.add.short for `rapport contact add`, cli.cmd.short for
// `rapport` itself.
func shortKey(cmd *cobra.Command) string {
	path := strings.Fields(cmd.CommandPath())[1:]
	return strings.Join(append(append([]string{"cli", "cmd"}, path...), "short"), ".")
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

// errorText is what the user reads of err: a rapport.Error (a refusal of
// the rules, a usage error) in their language, and any other error as it
// says itself. An internal error says only that, but for the client's
// (a server that cannot be reached): they say what happened, and Main
// adds the cause.
func (r *runner) errorText(err error) string {
	var e *rapport.Error
	if errors.As(err, &e) {
		if e.Code == rapport.EINTERNAL && strings.HasPrefix(e.Key, "client.") {
			return r.t(e.Key, nil)
		}
		return app.LocalizeError(r.translator(), err)
	}
	return err.Error()
}

// runner holds what the commands of one invocation share.
type runner struct {
	env     Env
	dbPath  string
	server  string // --server
	token   string // --token
	json    bool
	store   *sqlstore.DB
	svc     *app.Service
	account rapport.Account
	// be is what the commands run on: the local database's account, or
	// the server (once open).
	be    backend
	clock time.Time
	loc   *time.Location   // the user's time zone: $TZ, else the system's
	lang  string           // --lang
	tr    *i18n.Translator // the user's language, once the account is open
}

// translator is the user's language: --lang, else the one they chose at
// init (known once the account is open), else the environment's, else
// English.
func (r *runner) translator() *i18n.Translator {
	if r.tr != nil {
		return r.tr
	}
	return i18n.For(i18n.Choose(r.lang, "", r.env.Getenv))
}

// chooseLanguage settles the user's language from their setting in the account.
func (r *runner) chooseLanguage(ctx context.Context) {
	user := ""
	if us, err := r.store.Users(ctx, r.account.ID); err == nil && len(us) > 0 {
		user = us[0].Lang
	}
	r.tr = i18n.For(i18n.Choose(r.lang, user, r.env.Getenv))
}

// t renders a message of the catalogs in the user's language.
func (r *runner) t(key string, args i18n.Args) string {
	return r.translator().T(key, args)
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
			if err := r.setClock(); err != nil {
				return err
			}
			return r.checkRemote(cmd)
		},
	}
	en := i18n.For("en")
	root.PersistentFlags().StringVar(&r.dbPath, "db", "", "database: a SQLite file or a postgres:// URL (default $RAPPORT_DB, else $XDG_DATA_HOME/rapport/rapport.db)")
	root.PersistentFlags().StringVar(&r.server, "server", "", en.T(flagKeys["server"], nil))
	root.PersistentFlags().StringVar(&r.token, "token", "", en.T(flagKeys["token"], nil))
	root.PersistentFlags().BoolVar(&r.json, "json", false, "print JSON (stable fields, see docs/cli.md)")
	root.PersistentFlags().StringVar(&r.lang, "lang", "", "language of what Rapport says: en, ar or pl (default: yours from init, else $LANG)")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		// cobra's own text is in English; the pointer to help is not.
		return usage("cli.flag_error", i18n.Args{"error": err.Error(), "command": cmd.CommandPath()})
	})
	// init, gen, tour, serve and password need the database itself: they
	// refuse to run with --server.
	root.AddCommand(localOnlyCmd(r.initCommand()), r.contactCommand(), r.logCommand(), r.outcomeCommand(),
		r.timelineCommand(), r.statusCommand(), r.todayCommand(), r.reviewCommand(), r.effortCommand(),
		r.promiseCommand(), r.trustCommand(), r.favorCommand(), r.thankCommand(), r.askCommand(),
		r.settingsCommand(), r.draftCommand(), localOnlyCmd(r.genCommand()), localOnlyCmd(r.tourCommand()),
		localOnlyCmd(r.serveCommand()), r.tokenCommand(), localOnlyCmd(r.passwordCommand()),
		r.importCommand(), localOnlyCmd(r.exportCommand()), localOnlyCmd(r.backupCommand()))
	return root
}

// setClock fixes "now" for the whole invocation: RAPPORT_NOW when set, so that
// scripts and tests are deterministic, else the wall clock.
func (r *runner) setClock() error {
	r.clock, r.loc = time.Now(), time.Local
	if tz := r.env.Getenv("TZ"); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return rapport.Invalid("TZ", tz, "not a time zone").Keyed("error.invalid.time_zone", nil)
		}
		r.loc = loc
	}
	if v := r.env.Getenv("RAPPORT_NOW"); v != "" {
		t, err := parseTime(v, time.Time{}, r.loc)
		if err != nil {
			return badTime("RAPPORT_NOW", v, "RFC 3339 (2026-11-20T09:00:00Z), YYYY-MM-DD")
		}
		// The rules count calendar days in the user's time zone, whatever
		// the zone RAPPORT_NOW was written in.
		r.clock = t.In(r.loc)
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
	r.chooseLanguage(ctx)
	return nil
}

// withAccount wraps a command's run function so it runs with the local
// database's account open: the commands that need the database itself
// (localOnly).
func (r *runner) withAccount(run func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if err := r.openAccount(cmd.Context()); err != nil {
			return err
		}
		return run(cmd, args)
	}
}

// withBackend wraps a command's run function so it runs with r.be open: the
// server's when there is one (--server, RAPPORT_SERVER), else the local
// database's account.
func (r *runner) withBackend(run func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if err := r.openBackend(cmd.Context()); err != nil {
			return err
		}
		return run(cmd, args)
	}
}

// withContact wraps a command whose first argument is a contact REF: it runs
// with r.be open and the contact resolved (in the trash when *trash, read
// once the flags are).
func (r *runner) withContact(trash *bool, run func(cmd *cobra.Command, c *rapport.Contact, args []string) error) func(*cobra.Command, []string) error {
	return r.withBackend(func(cmd *cobra.Command, args []string) error {
		c, err := r.be.ResolveContact(cmd.Context(), args[0], trash != nil && *trash)
		if err != nil {
			return err
		}
		return run(cmd, c, args)
	})
}

// resolve turns REFs into contact ids.
func (r *runner) resolve(ctx context.Context, refs ...string) ([]int64, error) {
	ids := make([]int64, 0, len(refs))
	for _, ref := range refs {
		c, err := r.be.ResolveContact(ctx, ref, false)
		if err != nil {
			return nil, err
		}
		ids = append(ids, c.ID)
	}
	return ids, nil
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

// args checks the number of positional arguments, as a usage error. what
// says what the command takes: the key of its message in the catalogs
// (cli.args.WHAT), or, for a command whose message is not there yet, the
// English ("one token id").
func args(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if len(a) >= min && (max < 0 || len(a) <= max) {
			return nil
		}
		path := cmd.CommandPath()
		if key := "cli.args." + what; i18n.For("en").Has(key) {
			return usage(key, i18n.Args{"command": path})
		}
		return usageError{fmt.Errorf("%s takes %s (see `%s --help`)", path, what, path)}
	}
}

// usage is a mistake in how a command was called, as the catalogs say it
// (key, with args), for Main to show in the user's language.
func usage(key string, args i18n.Args) error {
	return (&rapport.Error{Code: rapport.EINVALID, Message: i18n.For("en").T(key, args)}).Keyed(key, args)
}

// parseEnumFlag reads an enum flag value as a usage error naming the flag.
func parseEnumFlag[T ~string](flag, value string, values []T) (T, error) {
	v, err := rapport.ParseEnum("--"+flag, value, values)
	return v, err
}

func joinNonEmpty(sep string, parts ...string) string {
	return strings.Join(nonEmpty(parts...), sep)
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// idText writes an id as the user types it back: in ASCII digits, whatever
// the language, since commands read no others.
func idText(id int64) string { return strconv.FormatInt(id, 10) }

// enum names a value of one of the domain's enums (typ: kind, tier, gender,
// channel, direction, outcome, label, favor, promise, item) for people, in
// the user's language: the catalog key enum.TYPE_VALUE. JSON and flags keep
// the value itself, and so does a value the catalogs do not know.
func (r *runner) enum(typ string, v any) string {
	s := fmt.Sprint(v)
	key := "enum." + typ + "_" + s
	if t := r.t(key, nil); t != key {
		return t
	}
	return s
}
