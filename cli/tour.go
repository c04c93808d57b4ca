package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// tourSteps is the tour: each step is a comment and the commands it runs.
var tourSteps = []struct {
	say  string
	runs [][]string
}{
	{"Create the database and your account.", [][]string{{"init", "--name", "Maya", "--gender", "feminine"}}},
	{"Add the people you work with: a client, a colleague (an internal customer), a mentor.", [][]string{
		{"contact", "add", "Zofia Kowalczyk", "--kind", "client", "--tier", "core", "--org", "Acme", "--email", "zofia@acme.example", "--lang", "pl", "--gender", "feminine", "--tag", "warsaw"},
		{"contact", "add", "Omar Haddad", "--kind", "colleague", "--tier", "inner", "--title", "Engineering Manager", "--lang", "ar", "--gender", "masculine"},
		{"contact", "add", "Grace Walker", "--kind", "mentor", "--birthday", "--12-01"},
	}},
	{"Log what happened. Live beats written: calls, video and meetings build relationships.", [][]string{
		{"log", "zofia", "--channel", "video", "--at", "-10d", "--note", "quarterly review"},
		{"log", "omar", "zofia", "--channel", "in_person", "--at", "-3d", "--note", "workshop"},
		{"log", "grace", "--channel", "call", "--invite", "--at", "-1d"},
	}},
	{"Record what became of the scheduled call.", [][]string{{"outcome", "3", "held"}}},
	{"See everyone, and one person's timeline.", [][]string{{"contact", "list"}, {"timeline", "zofia"}}},
	{"Every read command speaks JSON for scripts.", [][]string{{"contact", "show", "omar", "--json"}}},
}

func (r *runner) tourCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "tour",
		Short: "Show Rapport at work on a throwaway database",
		Args:  args(0, 0, "no arguments"),
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
			r.printf("A tour of Rapport on a throwaway database (%s).\n", db)
			for _, step := range tourSteps {
				r.printf("\n# %s\n", step.say)
				for _, a := range step.runs {
					r.printf("$ rapport %s\n", quoteArgs(a))
					if code := Main(cmd.Context(), a, env); code != exitOK {
						return fmt.Errorf("the tour failed at `rapport %s` (exit %d)", quoteArgs(a), code)
					}
				}
			}
			r.printf("\nYour own data lives in %s (or --db / RAPPORT_DB). Run `rapport --help` for every command.\n", r.databasePath())
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
