package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"rapport"
	"rapport/i18n"
	"rapport/rules"
)

func (r *runner) logCommand() *cobra.Command {
	var (
		channel, direction, outcome, at, note string
		invite                                bool
	)
	cmd := &cobra.Command{
		Use:   "log REF [REF...]",
		Short: "Record an interaction with one or more contacts and print its id",
		Long: `Record an interaction: a call, a video call, a meeting, an email, a text or a
social message, with one or more contacts (a meeting can involve several).
Live channels (in_person, video, call) build relationships; written ones
(email, text, social) are one-way. --invite marks an invitation to talk.`,
		Args: args(1, -1, "refs"),
		RunE: r.withBackend(func(cmd *cobra.Command, refs []string) error {
			ctx := cmd.Context()
			i := &rapport.Interaction{Invitation: invite, Note: note}
			var err error
			if channel == "" {
				c := rapport.Choices(rapport.Channels)
				return rapport.Invalid("--channel", channel, "required: "+c).Keyed("error.invalid.required_one_of", map[string]any{"choices": c})
			}
			if i.Channel, err = parseEnumFlag("channel", channel, rapport.Channels); err != nil {
				return err
			}
			if i.Direction, err = parseEnumFlag("direction", direction, rapport.Directions); err != nil {
				return err
			}
			if outcome != "" {
				if i.Outcome, err = parseEnumFlag("outcome", outcome, rapport.Outcomes); err != nil {
					return err
				}
			}
			if at != "" {
				if i.At, err = parseTime(at, r.now(), r.loc); err != nil {
					return badTime("--at", at, "RFC 3339, YYYY-MM-DD [HH:MM], today, yesterday, -3d, +2w, -5h")
				}
			}
			if i.ContactIDs, err = r.resolve(ctx, refs...); err != nil {
				return err
			}
			check, err := r.be.Log(ctx, i)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(loggedView{Interaction: i, LogCheck: check})
			}
			r.printf("%d\n", i.ID)
			r.printWarnings(check.Warnings)
			return nil
		}),
	}
	f := cmd.Flags()
	f.StringVar(&channel, "channel", "", "how: "+rapport.Choices(rapport.Channels)+" (required)")
	f.StringVar(&direction, "direction", "outbound", "who reached out: outbound (you) or inbound (they)")
	f.BoolVar(&invite, "invite", false, "this was an invitation to talk")
	f.StringVar(&outcome, "outcome", "", "what became of it: "+rapport.Choices(rapport.Outcomes)+
		" (default: scheduled for a live invitation, held for another live interaction, sent for a written one)")
	f.StringVar(&at, "at", "", "when (default now): RFC 3339, YYYY-MM-DD [HH:MM], yesterday, -3d, ...")
	f.StringVar(&note, "note", "", "a note")
	return cmd
}

// loggedView is the JSON of `log`: the interaction, whether it counts as an
// attempt to strengthen the relationship, and the rules' warnings.
type loggedView struct {
	*rapport.Interaction
	rules.LogCheck
}

func (r *runner) outcomeCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "outcome INTERACTION_ID OUTCOME",
		Short: "Record what became of an interaction, such as a scheduled call",
		Long:  "OUTCOME is one of " + rapport.Choices(rapport.Outcomes) + ".",
		Args:  args(2, 2, "id_outcome"),
		RunE: r.withBackend(func(cmd *cobra.Command, a []string) error {
			id, err := strconv.ParseInt(strings.TrimPrefix(a[0], "#"), 10, 64)
			if err != nil {
				return notID("INTERACTION_ID", a[0])
			}
			o, err := parseEnumFlag("outcome", a[1], rapport.Outcomes)
			if err != nil {
				return err
			}
			i, err := r.be.SetOutcome(cmd.Context(), id, o)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(i)
			}
			r.printf("%s\n", r.t("cli.outcome.done", i18n.Args{"id": idText(i.ID), "outcome": r.enum("outcome", i.Outcome)}))
			return nil
		}),
	}
}

func (r *runner) timelineCommand() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "timeline REF",
		Short: "List a contact's interactions, newest first",
		Args:  args(1, 1, "ref"),
		RunE: r.withContact(nil, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			ctx := cmd.Context()
			is, err := r.be.Timeline(ctx, c.ID, limit)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(orEmpty(is))
			}
			if len(is) == 0 {
				r.printf("%s\n", r.t("cli.timeline.empty", i18n.Args{"name": c.DisplayName}))
				return nil
			}
			return r.printTimeline(ctx, is, c.ID)
		}),
	}
	cmd.Flags().IntVar(&limit, "limit", 0, "at most this many (0: all)")
	return cmd
}

// printTimeline writes interactions one a line, naming the other people in
// each besides the contact whose timeline it is.
func (r *runner) printTimeline(ctx context.Context, is []*rapport.Interaction, self int64) error {
	tr := r.translator()
	names := map[int64]string{}
	w := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
	for _, i := range is {
		var with []string
		for _, id := range i.ContactIDs {
			if id == self {
				continue
			}
			if _, ok := names[id]; !ok {
				names[id] = fmt.Sprintf("#%d", id)
				if c, err := r.be.Contact(ctx, id); err == nil {
					names[id] = c.DisplayName
				}
			}
			with = append(with, names[id])
		}
		kind := r.enum("direction", i.Direction)
		if i.Invitation {
			kind = tr.List(kind, r.t("cli.timeline.invitation", nil))
		}
		extra := i.Note
		if len(with) > 0 {
			extra = joinNonEmpty("  ", extra, r.t("cli.timeline.with", i18n.Args{"names": i18n.Text(tr.List(with...))}))
		}
		fmt.Fprintf(w, "  #%d\t%s\t%s\t%s\t%s\t%s\n", i.ID, tr.DateTime(i.At.In(r.loc)), r.enum("channel", i.Channel), kind, r.enum("outcome", i.Outcome), extra)
	}
	return w.Flush()
}

// formatDate writes the day of t, in the user's time zone and language.
func (r *runner) formatDate(t time.Time) string { return r.translator().DateShort(t.In(r.loc)) }

// notID reports an argument that should have been an id.
func notID(field, value string) error {
	return rapport.Invalid(field, value, "not an id: ids are whole numbers").Keyed("error.invalid.not_id", nil)
}
