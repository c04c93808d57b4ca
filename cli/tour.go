package cli

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"rapport/i18n"
)

// tourSteps is the tour: each step is a comment (its catalog key,
// cli.tour.SAY) and the commands it runs.
var tourSteps = []struct {
	say  string
	runs [][]string
}{
	{"init", [][]string{{"init", "--name", "Maya", "--gender", "feminine"}}},
	{"contacts", [][]string{
		{"contact", "add", "Zofia Kowalczyk", "--kind", "client", "--tier", "core", "--org", "Acme", "--email", "zofia@acme.example", "--lang", "pl", "--gender", "feminine", "--tag", "warsaw"},
		{"contact", "add", "Omar Haddad", "--kind", "colleague", "--tier", "inner", "--title", "Engineering Manager", "--lang", "ar", "--gender", "masculine"},
		{"contact", "add", "Grace Walker", "--kind", "mentor", "--birthday", "--12-01"},
	}},
	{"log", [][]string{
		{"log", "zofia", "--channel", "video", "--at", "-10d", "--note", "quarterly review"},
		{"log", "omar", "zofia", "--channel", "in_person", "--at", "-3d", "--note", "workshop"},
		{"log", "grace", "--channel", "call", "--invite", "--at", "-1d"},
	}},
	{"outcome", [][]string{{"outcome", "3", "held"}}},
	{"read", [][]string{{"contact", "list"}, {"timeline", "zofia"}}},
	{"json", [][]string{{"contact", "show", "omar", "--json"}}},
}

func (r *runner) tourCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "tour",
		Short: "Show Rapport at work on a throwaway database",
		Args:  args(0, 0, "none"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, err := os.MkdirTemp("", "rapport-tour-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			db := filepath.Join(dir, "tour.db")
			env := r.env
			env.Getenv = func(k string) string {
				if k == "RAPPORT_DB" {
					return db
				}
				return r.env.Getenv(k)
			}
			r.printf("%s\n", r.t("cli.tour.intro", i18n.Args{"path": db}))
			for _, step := range tourSteps {
				r.printf("\n# %s\n", r.t("cli.tour."+step.say, nil))
				for _, a := range step.runs {
					if a[0] == "init" && r.lang != "" {
						// The tour's user speaks the language the tour was asked in.
						a = append(slices.Clip(a), "--lang", r.lang)
					}
					r.printf("$ rapport %s\n", quoteArgs(a))
					if code := Main(cmd.Context(), a, env); code != exitOK {
						return errors.New(r.t("cli.tour.failed", i18n.Args{"command": quoteArgs(a), "code": code}))
					}
				}
			}
			r.printf("\n%s\n", r.t("cli.tour.outro", i18n.Args{"path": r.databasePath()}))
			return nil
		},
	}
}

func quoteArgs(a []string) string {
	q := make([]string, len(a))
	for i, s := range a {
		if strings.ContainsAny(s, " '\"") {
			s = "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
		q[i] = s
	}
	return strings.Join(q, " ")
}
