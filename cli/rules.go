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
	"rapport/i18n"
	"rapport/rules"
)

// printWarnings writes the rules' warnings to standard error, so that the
// output of a command stays what scripts read. They are already in the
// user's language.
func (r *runner) printWarnings(ws []rules.Warning) {
	for _, w := range ws {
		fmt.Fprintf(r.env.Stderr, "%s (%s): %s\n  %s\n", r.t("cli.warning", nil), w.Code, w.Message, w.Suggestion)
	}
}

func (r *runner) statusCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "status REF",
		Short: "Everything the rules say of one contact: effort, trust, reciprocity, keep in touch, health",
		Args:  args(1, 1, "ref"),
		RunE: r.withContact(nil, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			st, err := r.be.Status(cmd.Context(), c.ID)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(st)
			}
			tr := r.translator()
			w := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
			row := func(label, v string) { fmt.Fprintf(w, "%s\t%s\n", r.t("cli.status."+label, nil), v) }
			row("contact", fmt.Sprintf("%s (#%d)", c.DisplayName, c.ID))
			if st.ProfessionalOnly {
				row("advice", st.Advice)
			}
			state := i18n.Text(r.t("state.effort."+string(st.Effort.State), nil))
			effort := string(state)
			if st.Effort.State == rules.EffortActive {
				effort = r.t("cli.status.effort_active", i18n.Args{"state": state,
					"attempt": st.Effort.NextAttempt, "total": st.Effort.MaxAttempts, "goal": st.Effort.Goal})
			} else if st.Effort.State != rules.EffortNone {
				effort = r.t("cli.status.effort_ended", i18n.Args{"state": state, "count": st.Effort.FailedAttempts})
			}
			row("effort", effort)
			row("trust", r.t("state.trust."+string(st.Trust.State), nil))
			row("reciprocity", r.t("cli.status.balance", i18n.Args{"balance": i18n.Text(signed(tr, st.Reciprocity.Balance)),
				"given": st.Reciprocity.Given, "received": st.Reciprocity.Received}))
			last := r.t("cli.status.last_never", nil)
			if st.DaysSinceContact != nil {
				last = r.t("cli.status.last", i18n.Args{"count": *st.DaysSinceContact})
			}
			var verdict string
			if st.Dormant {
				verdict = r.t("cli.status.dormant", nil)
			} else if st.Overdue {
				verdict = r.t("cli.status.overdue", nil)
			}
			row("keep", r.t("cli.status.keep_value", i18n.Args{"last": i18n.Text(last),
				"every": i18n.Text(r.t("cli.every_days", i18n.Args{"count": st.CadenceDays})), "verdict": i18n.Text(verdict)}))
			row("health", r.t("cli.status.score", i18n.Args{"score": st.Health.Score}))
			for _, f := range st.Health.Factors {
				fmt.Fprintf(w, "\t%s  %s\n", signed(tr, f.Points), f.Words)
			}
			return w.Flush()
		}),
	}
}

func (r *runner) todayCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "today",
		Short: "Your agenda: promises, follow-ups, attempts, thank-yous, people to keep in touch with, birthdays",
		Args:  args(0, 0, "none"),
		RunE: r.withBackend(func(cmd *cobra.Command, _ []string) error {
			t, err := r.be.Today(cmd.Context())
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(t)
			}
			if len(t.Items) == 0 {
				r.printf("%s\n", r.t("cli.today.empty", nil))
				return nil
			}
			w := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
			for _, it := range t.Items {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.formatDate(it.Due), r.enum("item", it.Kind), it.ContactName, it.Reason)
			}
			w.Flush()
			more := false
			for _, k := range rules.ItemKinds {
				if n := t.More[k]; n > 0 {
					r.printf("%s\n", r.t("agenda.more."+string(k), i18n.Args{"count": n}))
					more = true
				}
			}
			if more {
				r.printf("%s\n", r.t("cli.today.see_review", nil))
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
		Args:  args(0, 0, "none"),
		RunE: r.withBackend(func(cmd *cobra.Command, _ []string) error {
			var from time.Time
			if since != "" {
				var err error
				if from, err = parseTime(since, r.now(), r.loc); err != nil {
					return badTime("--since", since, "YYYY-MM-DD, -30d, -12w")
				}
			}
			rv, err := r.be.Review(cmd.Context(), from)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(rv)
			}
			// A table of labelled figures: no number has to agree with a noun.
			tr := r.translator()
			w := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
			type figure struct {
				label string
				n     int
			}
			figures := []figure{
				{r.t("cli.review.contacts", nil), rv.Contacts}, {r.t("cli.review.internal", nil), rv.InternalCustomers},
				{r.t("cli.review.external", nil), rv.ExternalCustomers}, {r.t("cli.review.others", nil), rv.OtherContacts},
				{r.t("cli.review.overdue", nil), rv.Overdue}, {r.t("cli.review.dormant", nil), rv.Dormant},
				{r.t("cli.review.professional_only", nil), rv.ProfessionalOnly},
			}
			// The contacts by health score now, one row per band.
			for i, n := range rv.ByHealth {
				lo, hi := rules.HealthBandScores(i)
				figures = append(figures, figure{r.t("cli.review.health_band", i18n.Args{"min": lo, "max": hi}), n})
			}
			rc := rv.Reciprocity
			for _, f := range []struct {
				key string
				n   int
			}{
				{"efforts_started", rv.Efforts.Started}, {"efforts_succeeded", rv.Efforts.Succeeded},
				{"efforts_given_up", rv.Efforts.GivenUp},
				{"mine_kept", rv.Promises.MineKept}, {"mine_broken", rv.Promises.MineBroken},
				{"theirs_kept", rv.Promises.TheirsKept}, {"theirs_broken", rv.Promises.TheirsBroken},
				{"favors_given", rc.Given}, {"favors_received", rc.Received},
				{"favors_ahead", rc.Ahead}, {"favors_even", rc.Even}, {"favors_behind", rc.Behind},
				{"favors_deficit", rc.Deficit}, {"thank_you_pending", rc.ThankYouPending},
			} {
				figures = append(figures, figure{r.t("cli.review."+f.key, nil), f.n})
			}
			for _, f := range figures {
				fmt.Fprintf(w, "%s\t%s\n", f.label, tr.Number(f.n))
			}
			w.Flush()
			for _, side := range []struct {
				title string
				list  []rules.OneSided
			}{{"only_me", rv.OnlyIReachOut}, {"only_them", rv.OnlyTheyReachOut}} {
				if len(side.list) == 0 {
					continue
				}
				r.printf("%s\n", r.t("cli.review."+side.title, nil))
				for _, o := range side.list {
					r.printf("  %s\n", r.t("cli.review.one_sided", i18n.Args{"name": o.ContactName, "id": idText(o.ContactID),
						"outbound": o.Outbound, "inbound": o.Inbound}))
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
		Args:  args(1, 1, "ref"),
		RunE: r.withContact(nil, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			e, err := r.be.StartEffort(cmd.Context(), c.ID, goal)
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
		Args:  args(1, 1, "ref"),
		RunE: r.withBackend(func(cmd *cobra.Command, a []string) error {
			p := &rapport.Promise{What: what}
			var err error
			if p.By, err = parseEnumFlag("by", by, rapport.PromiseBys); err != nil {
				return err
			}
			if due != "" {
				t, err := parseTime(due, r.now(), r.loc)
				if err != nil {
					return badTime("--due", due, "YYYY-MM-DD, tomorrow, +3d")
				}
				p.Due = &t
			}
			c, err := r.be.ResolveContact(cmd.Context(), a[0], false)
			if err != nil {
				return err
			}
			p.ContactID = c.ID
			if err := r.be.AddPromise(cmd.Context(), p); err != nil {
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
			Args:  args(1, 1, "promise_id"),
			RunE: r.withBackend(func(cmd *cobra.Command, a []string) error {
				id, err := strconv.ParseInt(strings.TrimPrefix(a[0], "#"), 10, 64)
				if err != nil {
					return notID("PROMISE_ID", a[0])
				}
				p, err := r.be.ResolvePromise(cmd.Context(), id, state)
				if err != nil {
					return err
				}
				if r.json {
					return r.printJSON(p)
				}
				r.printf("%s\n", r.t("cli.promise.done", i18n.Args{"id": idText(p.ID), "state": r.enum("promise", p.State)}))
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
			Args:  args(1, 1, "ref"),
			RunE: r.withBackend(func(cmd *cobra.Command, a []string) error {
				if kind == rapport.TrustReset && strings.TrimSpace(text) == "" {
					return rapport.Invalid("--"+flag, text, "say why trust is restored").Keyed("error.invalid.trust_reason", nil)
				}
				c, err := r.be.ResolveContact(cmd.Context(), a[0], false)
				if err != nil {
					return err
				}
				t, err := r.be.RecordTrust(cmd.Context(), c.ID, kind, text)
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
		Args:  args(1, 1, "ref"),
		RunE: r.withBackend(func(cmd *cobra.Command, a []string) error {
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
			c, err := r.be.ResolveContact(cmd.Context(), a[0], false)
			if err != nil {
				return err
			}
			f.ContactID = c.ID
			if err := r.be.AddFavor(cmd.Context(), f); err != nil {
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
		Args:  args(1, 1, "ref"),
		RunE: r.withContact(nil, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			f, err := r.be.Thank(cmd.Context(), c.ID)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(f)
			}
			what := r.enum("favor", f.Kind)
			if f.About != "" {
				what = r.translator().List(what, f.About)
			}
			r.printf("%s\n", r.t("cli.thank.done", i18n.Args{"name": c.DisplayName, "what": i18n.Text(what)}))
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
		Args:  args(1, 1, "ref"),
		RunE: r.withBackend(func(cmd *cobra.Command, a []string) error {
			k, err := parseEnumFlag("kind", kind, rapport.FavorKinds)
			if err != nil {
				return err
			}
			c, err := r.be.ResolveContact(cmd.Context(), a[0], false)
			if err != nil {
				return err
			}
			res, err := r.be.CheckAsk(cmd.Context(), c.ID, rules.Ask{Kind: k, About: about, OnBehalf: onBehalf})
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(res)
			}
			if res.OK {
				r.printf("%s\n", r.t("cli.ask.ok", i18n.Args{"name": c.DisplayName}))
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
		Args:  args(0, 0, "none"),
		RunE: r.withBackend(func(cmd *cobra.Command, _ []string) error {
			set, err := r.be.Settings(cmd.Context())
			if err != nil {
				return err
			}
			return r.printSettings(set)
		}),
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "set NAME VALUE",
		Short: "Change one threshold, e.g. `settings set cadence_inner_days 21`",
		Args:  args(2, 2, "name_value"),
		RunE: r.withBackend(func(cmd *cobra.Command, a []string) error {
			set, err := r.be.Settings(cmd.Context())
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
				c := strings.Join(names, ", ")
				return rapport.Invalid("NAME", a[0], "not a setting; one of "+c).Keyed("error.invalid.setting", map[string]any{"choices": c})
			}
			v, err := strconv.Atoi(a[1])
			if err != nil {
				return rapport.Invalid(a[0], a[1], "not a whole number").Keyed("error.invalid.whole_number", nil)
			}
			*p = v
			if err := r.be.SaveSettings(cmd.Context(), set); err != nil {
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
		fmt.Fprintf(w, "%s\t%s\n", n, r.translator().Number(*fields[n]))
	}
	return w.Flush()
}

// signed writes a number with its sign, as a change to a score: +2, -1, 0.
func signed(tr *i18n.Translator, n int) string {
	if n > 0 {
		return "+" + tr.Number(n)
	}
	return tr.Number(n)
}
