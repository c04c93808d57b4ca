package cli

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"rapport"
)

func (r *runner) tokenCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "token", Short: "Personal API tokens, for scripts and `rapport --server`"}
	var scope, name string
	create := &cobra.Command{
		Use:   "create",
		Short: "Create a token and print it, once: it is stored hashed and cannot be shown again",
		Args:  args(0, 0, "none"),
		RunE: r.withBackend(func(cmd *cobra.Command, _ []string) error {
			sc, err := parseEnumFlag("scope", scope, rapport.Scopes)
			if err != nil {
				return err
			}
			t, err := r.be.CreateToken(cmd.Context(), name, sc)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(map[string]any{"token": t.Token, "id": t.Info.ID, "scope": t.Info.Scope})
			}
			r.printf("%s\n", t.Token)
			return nil
		}),
	}
	create.Flags().StringVar(&scope, "scope", "read", "what the token may do: read (GET only) or write")
	create.Flags().StringVar(&name, "name", "", "a name to recognise it by")
	list := &cobra.Command{
		Use:   "list",
		Short: "List your tokens (never their secrets)",
		Args:  args(0, 0, "none"),
		RunE: r.withBackend(func(cmd *cobra.Command, _ []string) error {
			ts, err := r.be.Tokens(cmd.Context())
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(orEmpty(ts))
			}
			for _, t := range ts {
				state := "active"
				if t.RevokedAt != nil {
					state = "revoked " + r.formatDate(*t.RevokedAt)
				}
				r.printf("%d\t%s\t%s\t%s\n", t.ID, t.Scope, state, t.Name)
			}
			return nil
		}),
	}
	var feedName string
	feed := &cobra.Command{
		Use:   "feed",
		Short: "Create a private calendar feed (iCalendar) of Today's dated items and print its address, once",
		Args:  args(0, 0, "none"),
		RunE: r.withBackend(func(cmd *cobra.Command, _ []string) error {
			f, err := r.be.CreateFeed(cmd.Context(), feedName)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(map[string]any{"path": f.Path, "token": f.Token, "id": f.Info.ID})
			}
			r.printf("%s\n", f.Path)
			return nil
		}),
	}
	feed.Flags().StringVar(&feedName, "name", "", "a name to recognise it by (revoke it with `token revoke ID`)")
	revoke := &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke a token: it stops working at once",
		Args:  args(1, 1, "one token id"),
		RunE: r.withBackend(func(cmd *cobra.Command, a []string) error {
			id, err := parseID("token", a[0])
			if err != nil {
				return err
			}
			return r.be.RevokeToken(cmd.Context(), id)
		}),
	}
	cmd.AddCommand(create, list, feed, revoke)
	return cmd
}

func (r *runner) passwordCommand() *cobra.Command {
	var email string
	cmd := &cobra.Command{
		Use:   "password",
		Short: "Set the email and password you sign in to `rapport serve` with (reads the password from stdin)",
		Args:  args(0, 0, "none"),
		RunE: r.withAccount(func(cmd *cobra.Command, _ []string) error {
			p, err := owner(cmd.Context(), r.store, r.account)
			if err != nil {
				return err
			}
			pw, err := readSecretLine(r.env.Stdin)
			if err != nil {
				return err
			}
			if email == "" {
				email = p.User.Email
			}
			return r.svc.SetPassword(cmd.Context(), p, email, pw)
		}),
	}
	cmd.Flags().StringVar(&email, "email", "", "the email you sign in with (default: yours from init)")
	return cmd
}

// parseID reads an id argument such as 12 or #12, naming what it is on error.
func parseID(what, s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id < 1 {
		return 0, rapport.Invalid(strings.ToUpper(what)+"_ID", s, "not a "+what+" id")
	}
	return id, nil
}

// readSecretLine reads one line, the password, from stdin: never from a flag,
// which other users could read in the process list.
func readSecretLine(in io.Reader) (string, error) {
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}
