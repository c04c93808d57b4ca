package cli

import (
	"github.com/spf13/cobra"

	"rapport"
	"rapport/i18n"
)

func (r *runner) initCommand() *cobra.Command {
	var (
		account, name, email, lang, gender string
	)
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Create the database and your account (safe to run again)",
		Args:  args(0, 0, "none"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			g, err := parseEnumFlag("gender", gender, rapport.Genders)
			if err != nil {
				return err
			}
			if err := r.open(cmd.Context()); err != nil {
				return err
			}
			owner := &rapport.User{DisplayName: name, Email: email, Lang: lang, Gender: g}
			a, created, err := r.store.EnsureAccount(cmd.Context(), account, owner, r.now())
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(map[string]any{"account": a, "created": created, "database": r.databasePath()})
			}
			// Say it in the language of the account's user, new or not.
			r.account = a
			r.chooseLanguage(cmd.Context())
			key := "cli.init.exists"
			if created {
				key = "cli.init.created"
			}
			r.printf("%s\n", r.t(key, i18n.Args{"account": a.Name, "path": r.databasePath()}))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&account, "account", "Personal", "name of the account")
	f.StringVar(&name, "name", "Me", "your name")
	f.StringVar(&email, "email", "", "your email address")
	f.StringVar(&lang, "lang", "en", "your language (en, ar, pl)")
	f.StringVar(&gender, "gender", "unknown", "your grammatical gender, for drafts: "+rapport.Choices(rapport.Genders))
	return cmd
}
