package cli

import (
	"os"
	"time"

	"github.com/spf13/cobra"

	"rapport"
	"rapport/i18n"
	"rapport/sqlstore"
)

func (r *runner) backupCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "Copy the SQLite database to a new file, safely while it is in use",
		Long: `Write a consistent copy of the SQLite database to FILE, which must not exist,
even while rapport serve or other commands write to it (SQLite's VACUUM INTO:
the copy is one moment of the database, compacted), then check the copy
(PRAGMA integrity_check) and say what it holds. Restore it by using the copy
as the database (--db FILE), or by putting it in the database's place while
nothing runs.

PostgreSQL is backed up with its own tools: pg_dump --format=custom, and
pg_restore (see the README).`,
		Args: argsKey(1, 1, "cli.export.backup.args"),
		RunE: func(cmd *cobra.Command, a []string) error {
			ctx, path, start := cmd.Context(), a[0], time.Now()
			// Open no database that is not there: a mistaken --db would
			// make a new, empty one, and back that up.
			if db := r.databasePath(); !sqlstore.IsPostgresURL(db) {
				if _, err := os.Stat(db); err != nil {
					return &rapport.Error{Code: rapport.ENOTFOUND, Message: "no account yet: run `rapport init` first", Key: "error.no_account"}
				}
			}
			if err := r.open(ctx); err != nil {
				return err
			}
			if err := r.store.Backup(ctx, path); err != nil {
				return err
			}
			check, err := sqlstore.CheckBackup(ctx, path)
			if err != nil {
				os.Remove(path)
				return err
			}
			if r.json {
				return r.printJSON(struct {
					Path      string `json:"path"`
					Integrity string `json:"integrity"`
					sqlstore.BackupCheck
				}{path, "ok", check})
			}
			r.printf("%s\n", r.t("cli.export.backup.done", i18n.Args{"path": path, "contacts": int(check.Contacts),
				"interactions": int(check.Interactions), "seconds": time.Since(start).Round(time.Millisecond).Seconds()}))
			return nil
		},
	}
	return cmd
}
