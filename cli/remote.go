package cli

import (
	"context"

	"github.com/spf13/cobra"

	"rapport/client"
	"rapport/i18n"
)

// The commands run on a server instead of a local database with --server
// URL --token TOKEN (or RAPPORT_SERVER and RAPPORT_TOKEN; the flags win):
// the same commands, through the backend interface, with the same output
// and the same --json.

// localOnly marks, in a command's Annotations, a command that needs the
// database itself (init, gen, tour, serve, password): it refuses to run
// with a server.
const localOnly = "rapport/local-only"

// localOnlyCmd marks cmd as local only, and returns it.
func localOnlyCmd(cmd *cobra.Command) *cobra.Command {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[localOnly] = "true"
	return cmd
}

// serverURL is --server, else RAPPORT_SERVER: "" for a local database.
func (r *runner) serverURL() string {
	if r.server != "" {
		return r.server
	}
	return r.env.Getenv("RAPPORT_SERVER")
}

// tokenValue is --token, else RAPPORT_TOKEN.
func (r *runner) tokenValue() string {
	if r.token != "" {
		return r.token
	}
	return r.env.Getenv("RAPPORT_TOKEN")
}

// remote reports whether the commands run on a server.
func (r *runner) remote() bool { return r.serverURL() != "" }

// checkRemote refuses, with a server, what only makes sense on a local
// database: the local-only commands, and --db.
func (r *runner) checkRemote(cmd *cobra.Command) error {
	if !r.remote() {
		return nil
	}
	for c := cmd; c != nil; c = c.Parent() {
		if c.Annotations[localOnly] != "" {
			return usage("cli.remote.local_only", i18n.Args{"command": cmd.CommandPath()})
		}
	}
	if r.dbPath != "" {
		return usage("cli.remote.db_and_server", nil)
	}
	return nil
}

// openBackend opens what the commands run on, once per invocation: the
// server, or the local database's account.
func (r *runner) openBackend(ctx context.Context) error {
	if r.be != nil {
		return nil
	}
	if r.remote() {
		return r.openRemote(ctx)
	}
	if err := r.openAccount(ctx); err != nil {
		return err
	}
	r.be = &local{svc: r.svc, acct: r.account, tr: r.translator}
	return nil
}

// openRemote connects to the server as the token's user, and settles the
// user's language as openAccount does: --lang, else theirs (the server
// knows it), else the environment's. The server renders its texts (the
// rules', its errors) in it: the client sends it as Accept-Language.
func (r *runner) openRemote(ctx context.Context) error {
	c, err := client.New(r.serverURL(), r.tokenValue())
	if err != nil {
		return err
	}
	c.Lang = r.translator().Lang()
	me, err := c.Me(ctx)
	if err != nil {
		return err
	}
	user := ""
	if me.User != nil {
		user = me.User.Lang
	}
	r.tr = i18n.For(i18n.Choose(r.lang, user, r.env.Getenv))
	c.Lang = r.tr.Lang()
	r.be = c
	return nil
}
