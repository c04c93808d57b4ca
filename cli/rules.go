package cli

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"rapport"
	"rapport/app"
	"rapport/rules"
)

// printWarnings writes the rules' warnings to standard error, so that the
// output of a command stays what scripts read. They are already in the
// user's language.
func (r *runner) printWarnings(ws []rules.Warning) {
	for _, w := range ws {
		fmt.Fprintf(r.env.Stderr, "warning (%s): %s\n  %s\n", w.Code, w.Message, w.Suggestion)
	}
}

func (r *runner) statusCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "status REF",
		Short: "Everything the rules say of one contact: effort, trust, reciprocity, keep in touch, health",
		Args:  args(1, 1, "one REF: an id or a name prefix"),
		RunE: r.withContact(false, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			st, err := r.svc.Status(cmd.Context(), r.account.ID, c)
			if err != nil {
				return err
			}
			app.LocalizeStatus(r.translator(cmd.Context()), &st)
			if r.json {
				return r.printJSON(st)
			}
			w := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintf(w, "Contact\t%s (#%d)\n", c.DisplayName, c.ID)
			if st.ProfessionalOnly {
				fmt.Fprintf(w, "Advice\t%s\n", st.Advice)
			}
			effort := string(st.Effort.State)
			if st.Effort.State == rules.EffortActive {
				effort += fmt.Sprintf(": attempt %d of %d, %s", st.Effort.NextAttempt, st.Effort.MaxAttempts, st.Effort.Goal)
			} else if st.Effort.State != rules.EffortNone {
				effort += fmt.Sprintf(" (%d failed attempts)", st.Effort.FailedAttempts)
			}
			fmt.Fprintf(w, "Effort\t%s\n", effort)
			fmt.Fprintf(w, "Trust\t%s\n", st.Trust.State)
			fmt.Fprintf(w, "Reciprocity\tbalance %+d (given %d, received %d)\n", st.Reciprocity.Balance, st.Reciprocity.Given, st.Reciprocity.Received)
			since := "never"
			if st.DaysSinceContact != nil {
				since = fmt.Sprintf("%d days ago", *st.DaysSinceContact)
			}
			keep := fmt.Sprintf("last real contact %s, every %d days", since, st.CadenceDays)
			if st.Dormant {
				keep += " — dormant: reconnect"
			} else if st.Overdue {
				keep += " — overdue"
			}
			fmt.Fprintf(w, "Keep in touch\t%s\n", keep)
			fmt.Fprintf(w, "Health\t%d/100\n", st.Health.Score)
			for _, f := range st.Health.Factors {
				fmt.Fprintf(w, "\t%+d  %s\n", f.Points, f.Words)
			}
			return w.Flush()
		}),
	}
}

func (r *runner) todayCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "today",
		Short: "Your agenda: promises, follow-ups, attempts, thank-yous, people to keep in touch with, birthdays",
		Args:  args(0, 0, "no arguments"),
		RunE: r.withAccount(func(cmd *cobra.Command, _ []string) error {
			t, err := r.svc.Today(cmd.Context(), r.account.ID)
			if err != nil {
				return err
			}
			app.LocalizeItems(r.translator(cmd.Context()), t.Items)
			if r.json {
				return r.printJSON(t)
			}
			if len(t.Items) == 0 {
				r.printf("Nothing on your agenda today.\n")
				return nil
			}
			w := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
			for _, it := range t.Items {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.formatDate(it.Due), strings.ReplaceAll(string(it.Kind), "_", " "), it.ContactName, it.Reason)
			}
			w.Flush()
			for _, k := range []rules.ItemKind{rules.ItemKeepInTouch, rules.ItemReconnect} {
				if n := t.More[k]; n > 0 {
					r.printf("… and at least %d more %s (see `rapport review`)\n", n, strings.ReplaceAll(string(k), "_", " "))
				}
			}
			return nil
		}),
	}
}

func (r *runner) reviewCommand() *cobra.Command {
	var since string
	cmd := &cobra.Command{
		Use:   "review",
		Short: "How you build your relationships: by kind, effort and trust, one-sided ones, promises kept",
		Args:  args(0, 0, "no arguments"),
		RunE: r.withAccount(func(cmd *cobra.Command, _ []string) error {
			var from time.Time
			if since != "" {
				var err error
				if from, err = parseTime(since, r.now(), r.loc); err != nil {
					return rapport.Invalid("--since", since, "use YYYY-MM-DD, or -30d / -12w")
				}
			}
			rv, err := r.svc.Review(cmd.Context(), r.account.ID, from)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(rv)
			}
			r.printf("%d contacts: %d internal customers (colleagues), %d external customers (clients), %d others\n",
				rv.Contacts, rv.InternalCustomers, rv.ExternalCustomers, rv.OtherContacts)
			r.printf("Keep in touch: %d overdue, %d dormant; %d professional only\n", rv.Overdue, rv.Dormant, rv.ProfessionalOnly)
			r.printf("Efforts: %d started, %d succeeded, %d given up\n", rv.Efforts.Started, rv.Efforts.Succeeded, rv.Efforts.GivenUp)
			r.printf("Promises kept: mine %d (broken %d), theirs %d (broken %d)\n",
				rv.Promises.MineKept, rv.Promises.MineBroken, rv.Promises.TheirsKept, rv.Promises.TheirsBroken)
			for _, side := range []struct {
				title string
				list  []rules.OneSided
			}{{"Only you reach out", rv.OnlyIReachOut}, {"Only they reach out", rv.OnlyTheyReachOut}} {
				if len(side.list) == 0 {
					continue
				}
				r.printf("%s:\n", side.title)
				for _, o := range side.list {
					r.printf("  %s (#%d): %d out, %d in\n", o.ContactName, o.ContactID, o.Outbound, o.Inbound)
				}
			}
			return nil
		}),
	}
	cmd.Flags().StringVar(&since, "since", "", "the start of the period (default: the beginning)")
	return cmd
}

func (r *runner) effortCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "effort", Short: "Efforts to strengthen a relationship: three live attempts, then stop chasing"}
	var goal string
	start := &cobra.Command{
		Use:   "start REF",
		Short: "Start an effort to strengthen the relationship with a contact",
		Args:  args(1, 1, "one REF: an id or a name prefix"),
		RunE: r.withContact(false, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			e, err := r.svc.StartEffort(cmd.Context(), r.account.ID, c, goal)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(e)
			}
			r.printf("%d\n", e.ID)
			return nil
		}),
	}
	start.Flags().StringVar(&goal, "goal", "", "what you want the relationship to become")
	cmd.AddCommand(start)
	return cmd
}

func (r *runner) promiseCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "promise", Short: "Promises you and they made: keeping them builds trust"}
	var by, what, due string
	add := &cobra.Command{
		Use:   "add REF",
		Short: "Record a promise and print its id",
		Args:  args(1, 1, "one REF: an id or a name prefix"),
		RunE: r.withAccount(func(cmd *cobra.Command, a []string) error {
			p := &rapport.Promise{What: what}
			var err error
			if p.By, err = parseEnumFlag("by", by, rapport.PromiseBys); err != nil {
				return err
			}
			if due != "" {
				t, err := parseTime(due, r.now(), r.loc)
				if err != nil {
					return rapport.Invalid("--due", due, "use YYYY-MM-DD, tomorrow, or +3d")
				}
				p.Due = &t
			}
			c, err := r.svc.ResolveContact(cmd.Context(), r.account.ID, a[0], false)
			if err != nil {
				return err
			}
			p.ContactID = c.ID
			if err := r.svc.AddPromise(cmd.Context(), r.account.ID, p); err != nil {
				return err
			}
			if r.json {
				return r.printJSON(p)
			}
			r.printf("%d\n", p.ID)
			return nil
		}),
	}
	add.Flags().StringVar(&by, "by", "", "who promised: me or them (required)")
	add.Flags().StringVar(&what, "what", "", "what was promised (required)")
	add.Flags().StringVar(&due, "due", "", "when it is due")
	resolve := func(use string, state rapport.PromiseState) *cobra.Command {
		return &cobra.Command{
			Use:   use + " PROMISE_ID",
			Short: "Mark a promise " + string(state),
			Args:  args(1, 1, "one PROMISE_ID"),
			RunE: r.withAccount(func(cmd *cobra.Command, a []string) error {
				id, err := strconv.ParseInt(strings.TrimPrefix(a[0], "#"), 10, 64)
				if err != nil {
					return rapport.Invalid("PROMISE_ID", a[0], "not a promise id")
				}
				p, err := r.svc.ResolvePromise(cmd.Context(), r.account.ID, id, state)
				if err != nil {
					return err
				}
				if r.json {
					return r.printJSON(p)
				}
				r.printf("Promise %d: %s\n", p.ID, p.State)
				return nil
			}),
		}
	}
	cmd.AddCommand(add, resolve("keep", rapport.PromiseKept), resolve("break", rapport.PromiseBroken))
	return cmd
}

func (r *runner) trustCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "trust", Short: "Trust: a second chance, never a third"}
	record := func(use, short, flag, help string, kind rapport.TrustEventKind) *cobra.Command {
		var text string
		c := &cobra.Command{
			Use:   use + " REF",
			Short: short,
			Args:  args(1, 1, "one REF: an id or a name prefix"),
			RunE: r.withAccount(func(cmd *cobra.Command, a []string) error {
				if kind == rapport.TrustReset && strings.TrimSpace(text) == "" {
					return rapport.Invalid("--"+flag, text, "say why trust is restored")
				}
				c, err := r.svc.ResolveContact(cmd.Context(), r.account.ID, a[0], false)
				if err != nil {
					return err
				}
				t, err := r.svc.RecordTrust(cmd.Context(), r.account.ID, c, kind, text)
				if err != nil {
					return err
				}
				if r.json {
					return r.printJSON(t)
				}
				r.printf("%d\n", t.ID)
				return nil
			}),
		}
		c.Flags().StringVar(&text, flag, "", help)
		return c
	}
	cmd.AddCommand(
		record("breach", "Record a breach of trust (a broken promise of theirs counts by itself)", "note", "what happened", rapport.TrustBreach),
		record("reset", "Restore trust explicitly, with a reason", "reason", "why trust is restored (required)", rapport.TrustReset),
	)
	return cmd
}

func (r *runner) favorCommand() *cobra.Command {
	var dir, kind, about, outcome string
	var thanked bool
	cmd := &cobra.Command{
		Use:   "favor REF",
		Short: "Record a favor given, received, or an ask, in the reciprocity ledger",
		Args:  args(1, 1, "one REF: an id or a name prefix"),
		RunE: r.withAccount(func(cmd *cobra.Command, a []string) error {
			f := &rapport.Favor{About: about, Thanked: thanked}
			var err error
			if f.Dir, err = parseEnumFlag("dir", dir, rapport.FavorDirs); err != nil {
				return err
			}
			if f.Kind, err = parseEnumFlag("kind", kind, rapport.FavorKinds); err != nil {
				return err
			}
			if outcome != "" {
				if f.Outcome, err = parseEnumFlag("outcome", outcome, rapport.FavorOutcomes[1:]); err != nil {
					return err
				}
			}
			c, err := r.svc.ResolveContact(cmd.Context(), r.account.ID, a[0], false)
			if err != nil {
				return err
			}
			f.ContactID = c.ID
			if err := r.svc.AddFavor(cmd.Context(), r.account.ID, f); err != nil {
				return err
			}
			if r.json {
				return r.printJSON(f)
			}
			r.printf("%d\n", f.ID)
			return nil
		}),
	}
	fl := cmd.Flags()
	fl.StringVar(&dir, "dir", "", "given (you did it), received (they did), or asked (you asked them) (required)")
	fl.StringVar(&kind, "kind", "other", "what it was: "+rapport.Choices(rapport.FavorKinds))
	fl.StringVar(&about, "about", "", "what it was about")
	fl.StringVar(&outcome, "outcome", "", "how an ask ended: granted, partial, declined")
	fl.BoolVar(&thanked, "thanked", false, "you already thanked them")
	return cmd
}

func (r *runner) thankCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "thank REF",
		Short: "Record that you thanked a contact for their last favor",
		Args:  args(1, 1, "one REF: an id or a name prefix"),
		RunE: r.withContact(false, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			f, err := r.svc.Thank(cmd.Context(), r.account.ID, c)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(f)
			}
			r.printf("Thanked %s for: %s\n", c.DisplayName, joinNonEmpty(" ", string(f.Kind), f.About))
			return nil
		}),
	}
}

func (r *runner) askCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "ask", Short: "Ask well: check an ask before you make it"}
	var kind, about, onBehalf string
	check := &cobra.Command{
		Use:   "check REF",
		Short: "Say whether an ask is likely to hurt the relationship, and what to do instead",
		Args:  args(1, 1, "one REF: an id or a name prefix"),
		RunE: r.withAccount(func(cmd *cobra.Command, a []string) error {
			k, err := parseEnumFlag("kind", kind, rapport.FavorKinds)
			if err != nil {
				return err
			}
			c, err := r.svc.ResolveContact(cmd.Context(), r.account.ID, a[0], false)
			if err != nil {
				return err
			}
			res, err := r.svc.CheckAsk(cmd.Context(), r.account.ID, c, rules.Ask{Kind: k, About: about, OnBehalf: onBehalf})
			if err != nil {
				return err
			}
			app.LocalizeWarnings(r.translator(cmd.Context()), res.Warnings)
			if r.json {
				return r.printJSON(res)
			}
			if res.OK {
				r.printf("OK: nothing in this ask should hurt your relationship with %s. Say what you can offer in return.\n", c.DisplayName)
				return nil
			}
			for _, w := range res.Warnings {
				r.printf("%s: %s\n  %s\n", w.Code, w.Message, w.Suggestion)
			}
			return nil
		}),
	}
	check.Flags().StringVar(&kind, "kind", "", "what you would ask for: "+rapport.Choices(rapport.FavorKinds)+" (required)")
	check.Flags().StringVar(&about, "about", "", "what about")
	check.Flags().StringVar(&onBehalf, "on-behalf", "", "the person you would ask for, when it is not you")
	cmd.AddCommand(check)
	return cmd
}

func (r *runner) settingsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "settings",
		Short: "Show the account's thresholds for the rules (change one with `settings set`)",
		Args:  args(0, 0, "no arguments"),
		RunE: r.withAccount(func(cmd *cobra.Command, _ []string) error {
			set, err := r.svc.Settings(cmd.Context(), r.account.ID)
			if err != nil {
				return err
			}
			return r.printSettings(set)
		}),
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "set NAME VALUE",
		Short: "Change one threshold, e.g. `settings set cadence_inner_days 21`",
		Args:  args(2, 2, "NAME and VALUE"),
		RunE: r.withAccount(func(cmd *cobra.Command, a []string) error {
			set, err := r.svc.Settings(cmd.Context(), r.account.ID)
			if err != nil {
				return err
			}
			fields := settingsFields(&set)
			p, ok := fields[a[0]]
			if !ok {
				names := make([]string, 0, len(fields))
				for n := range fields {
					names = append(names, n)
				}
				slices.Sort(names)
				return rapport.Invalid("NAME", a[0], "not a setting; one of "+strings.Join(names, ", "))
			}
			v, err := strconv.Atoi(a[1])
			if err != nil {
				return rapport.Invalid(a[0], a[1], "not a whole number")
			}
			*p = v
			if err := r.svc.SaveSettings(cmd.Context(), r.account.ID, set); err != nil {
				return err
			}
			return r.printSettings(set)
		}),
	})
	return cmd
}

// settingsFields maps each setting's JSON name to its field.
func settingsFields(s *rapport.Settings) map[string]*int {
	out := map[string]*int{}
	v := reflect.ValueOf(s).Elem()
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		out[name] = v.Field(i).Addr().Interface().(*int)
	}
	return out
}

func (r *runner) printSettings(set rapport.Settings) error {
	if r.json {
		return r.printJSON(set)
	}
	fields := settingsFields(&set)
	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	slices.Sort(names)
	w := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
	for _, n := range names {
		fmt.Fprintf(w, "%s\t%d\n", n, *fields[n])
	}
	return w.Flush()
}
