package cli

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"rapport"
	"rapport/app"
	"rapport/i18n"
)

func (r *runner) contactCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "contact",
		Aliases: []string{"contacts", "c"},
		Short:   "Add, list, show, edit, remove and restore contacts",
	}
	cmd.AddCommand(r.contactAdd(), r.contactList(), r.contactShow(), r.contactEdit(),
		r.contactRm(), r.contactRestore(), r.contactNote(), localOnlyCmd(r.contactMerge()), localOnlyCmd(r.contactDupes()))
	return cmd
}

// contactFlags are the flags add and edit share.
type contactFlags struct {
	given, family, kind, tier, org, title, lang, gender, birthday, howWeMet string
	cadence                                                                 int
	emails, phones, tags, addTags, rmTags                                   []string
}

func (cf *contactFlags) register(f *pflag.FlagSet, edit bool) {
	f.StringVar(&cf.given, "given", "", "given name")
	f.StringVar(&cf.family, "family", "", "family name")
	f.StringVar(&cf.kind, "kind", "network", "kind: "+rapport.Choices(rapport.Kinds))
	f.StringVar(&cf.tier, "tier", "wider", "tier: "+rapport.Choices(rapport.Tiers))
	f.IntVar(&cf.cadence, "cadence", 0, "keep-in-touch cadence in days (0: the tier's)")
	f.StringVar(&cf.org, "org", "", "organisation")
	f.StringVar(&cf.title, "title", "", "job title")
	f.StringArrayVar(&cf.emails, "email", nil, "email, as ADDRESS or LABEL:ADDRESS (work, home, mobile, other); repeatable")
	f.StringArrayVar(&cf.phones, "phone", nil, "phone, as NUMBER or LABEL:NUMBER; repeatable")
	f.StringVar(&cf.lang, "lang", "", "preferred language (BCP 47: en, ar, pl, ...)")
	f.StringVar(&cf.gender, "gender", "unknown", "grammatical gender: "+rapport.Choices(rapport.Genders))
	f.StringVar(&cf.birthday, "birthday", "", "birthday: YYYY-MM-DD, or --MM-DD without the year")
	f.StringVar(&cf.howWeMet, "how-we-met", "", "how you met")
	f.StringArrayVar(&cf.tags, "tag", nil, "tag; repeatable")
	if edit {
		f.StringArrayVar(&cf.addTags, "add-tag", nil, "add a tag, keeping the others; repeatable")
		f.StringArrayVar(&cf.rmTags, "rm-tag", nil, "remove a tag; repeatable")
		f.Lookup("tag").Usage = "replace all tags; repeatable"
		f.Lookup("email").Usage = "replace all emails with these; repeatable"
		f.Lookup("phone").Usage = "replace all phones with these; repeatable"
	}
}

// patch is the change the flags given make: to c, the contact as read
// (edit), or to a new contact when c is nil (add: kind, tier and gender
// take their flags' defaults). --add-tag and --rm-tag change the tags read.
// Values are checked here, so that a mistake is said before anything is
// sent; the backend checks the contact as a whole.
func (cf *contactFlags) patch(f *pflag.FlagSet, c *rapport.Contact) (app.ContactPatch, error) {
	var p app.ContactPatch
	add := c == nil
	text := func(flag, v string) *string {
		if f.Changed(flag) {
			return &v
		}
		return nil
	}
	p.GivenName, p.FamilyName = text("given", cf.given), text("family", cf.family)
	p.Org, p.Title = text("org", cf.org), text("title", cf.title)
	p.Lang, p.HowWeMet = text("lang", cf.lang), text("how-we-met", cf.howWeMet)
	if f.Changed("kind") || add {
		k, err := parseEnumFlag("kind", cf.kind, rapport.Kinds)
		if err != nil {
			return p, err
		}
		p.Kind = &k
	}
	if f.Changed("tier") || add {
		t, err := parseEnumFlag("tier", cf.tier, rapport.Tiers)
		if err != nil {
			return p, err
		}
		p.Tier = &t
	}
	if f.Changed("gender") || add {
		g, err := parseEnumFlag("gender", cf.gender, rapport.Genders)
		if err != nil {
			return p, err
		}
		p.Gender = &g
	}
	if f.Changed("cadence") {
		if cf.cadence < 0 {
			return p, rapport.Invalid("--cadence", cf.cadence, "must be between 1 and 3650 days, or 0 for the tier's default").Keyed("error.invalid.cadence", nil)
		}
		p.CadenceDays = &cf.cadence
	}
	if f.Changed("birthday") {
		b := strings.TrimSpace(cf.birthday)
		if b != "" {
			if _, err := rapport.ParseBirthday(b); err != nil {
				return p, err
			}
		}
		p.Birthday = &b
	}
	if f.Changed("email") {
		e := points(cf.emails)
		p.Emails = &e
	}
	if f.Changed("phone") {
		ph := points(cf.phones)
		p.Phones = &ph
	}
	if f.Changed("tag") || len(cf.addTags) > 0 || len(cf.rmTags) > 0 {
		var tags []string
		if f.Changed("tag") {
			tags = cf.tags
		} else if c != nil {
			tags = c.Tags
		}
		tags = append(slices.Clone(tags), cf.addTags...)
		for _, rm := range rapport.NormalizeTags(cf.rmTags) {
			kept := []string{}
			for _, t := range rapport.NormalizeTags(tags) {
				if t != rm {
					kept = append(kept, t)
				}
			}
			tags = kept
		}
		if tags == nil {
			tags = []string{} // none: [] in JSON, where null would change nothing
		}
		p.Tags = &tags
	}
	return p, nil
}

func points(values []string) []rapport.ContactPoint {
	out := make([]rapport.ContactPoint, 0, len(values))
	for _, v := range values {
		out = append(out, rapport.ParseContactPoint(v))
	}
	return out
}

func (r *runner) contactAdd() *cobra.Command {
	var cf contactFlags
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a contact and print its id",
		Args:  args(1, 1, "name"),
		RunE: r.withBackend(func(cmd *cobra.Command, a []string) error {
			p, err := cf.patch(cmd.Flags(), nil)
			if err != nil {
				return err
			}
			p.DisplayName = &a[0]
			c, err := r.be.AddContact(cmd.Context(), p)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(c)
			}
			r.printf("%d\n", c.ID)
			return nil
		}),
	}
	cf.register(cmd.Flags(), false)
	return cmd
}

func (r *runner) contactList() *cobra.Command {
	var (
		kind, tier, tag, search string
		trash                   bool
		limit                   int
	)
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List contacts, by name",
		Args:    args(0, 0, "none"),
		RunE: r.withBackend(func(cmd *cobra.Command, _ []string) error {
			f := rapport.ContactFilter{Tag: tag, Search: search, Deleted: trash, Limit: limit}
			var err error
			if kind != "" {
				if f.Kind, err = parseEnumFlag("kind", kind, rapport.Kinds); err != nil {
					return err
				}
			}
			if tier != "" {
				if f.Tier, err = parseEnumFlag("tier", tier, rapport.Tiers); err != nil {
					return err
				}
			}
			cs, err := r.be.Contacts(cmd.Context(), f)
			if err != nil {
				return err
			}
			if r.json {
				if cs == nil {
					cs = []*rapport.Contact{}
				}
				return r.printJSON(cs)
			}
			w := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
			var head []string
			for _, h := range []string{"ref", "name", "kind", "tier", "org", "last"} {
				head = append(head, r.t("cli.contact.list."+h, nil))
			}
			fmt.Fprintln(w, strings.Join(head, "\t"))
			for _, c := range cs {
				fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.DisplayName, r.enum("kind", c.Kind), r.enum("tier", c.Tier), c.Org, r.lastContact(c))
			}
			return w.Flush()
		}),
	}
	f := cmd.Flags()
	f.StringVar(&kind, "kind", "", "only this kind: "+rapport.Choices(rapport.Kinds))
	f.StringVar(&tier, "tier", "", "only this tier: "+rapport.Choices(rapport.Tiers))
	f.StringVar(&tag, "tag", "", "only contacts with this tag")
	f.StringVar(&search, "search", "", "only contacts whose name, organisation, title, email, phone or tag contains TEXT")
	f.BoolVar(&trash, "trash", false, "list the trash instead")
	f.IntVar(&limit, "limit", 0, "at most this many (0: all)")
	return cmd
}

// lastContact is the day of the last interaction, for lists.
func (r *runner) lastContact(c *rapport.Contact) string {
	if c.Summary.LastAt == nil {
		return r.t("cli.never", nil)
	}
	return r.formatDate(*c.Summary.LastAt)
}

func (r *runner) contactShow() *cobra.Command {
	var trash bool
	cmd := &cobra.Command{
		Use:   "show REF",
		Short: "Show a contact, with notes and recent interactions",
		Args:  args(1, 1, "ref"),
		RunE: r.withContact(&trash, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			ctx := cmd.Context()
			notes, err := r.be.Notes(ctx, c.ID)
			if err != nil {
				return err
			}
			recent, err := r.be.Timeline(ctx, c.ID, 10)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(contactView{Contact: c, Notes: orEmpty(notes), Recent: orEmpty(recent)})
			}
			r.printContact(c)
			if len(notes) > 0 {
				r.printf("\n%s\n", r.t("cli.contact.show.notes", nil))
				for _, n := range notes {
					r.printf("  %s  %s\n", r.formatDate(n.CreatedAt), n.Body)
				}
			}
			if len(recent) > 0 {
				r.printf("\n%s\n", r.t("cli.contact.show.recent", nil))
				return r.printTimeline(ctx, recent, c.ID)
			}
			return nil
		}),
	}
	cmd.Flags().BoolVar(&trash, "trash", false, "look in the trash")
	return cmd
}

// contactView is the JSON of `contact show`: the contact's fields, its notes
// and its last ten interactions.
type contactView struct {
	*rapport.Contact
	Notes  []*rapport.Note        `json:"notes"`
	Recent []*rapport.Interaction `json:"recent_interactions"`
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (r *runner) printContact(c *rapport.Contact) {
	tr := r.translator()
	w := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
	// row writes a line of the table, labelled by the catalog's key
	// cli.contact.show.LABEL, unless there is nothing to show.
	row := func(label, v string, args i18n.Args) {
		if v != "" {
			fmt.Fprintf(w, "%s\t%s\n", r.t("cli.contact.show."+label, args), v)
		}
	}
	row("name", fmt.Sprintf("%s (#%d)", c.DisplayName, c.ID), nil)
	if c.DeletedAt != nil {
		row("trash", r.formatDate(*c.DeletedAt), nil)
	}
	row("names", joinNonEmpty(" / ", c.GivenName, c.FamilyName), nil)
	row("kind", r.enum("kind", c.Kind), nil)
	tier := r.enum("tier", c.Tier)
	if c.CadenceDays > 0 {
		tier = tr.List(tier, r.t("cli.every_days", i18n.Args{"count": c.CadenceDays}))
	}
	row("tier", tier, nil)
	row("org", tr.List(nonEmpty(c.Title, c.Org)...), nil)
	for _, e := range c.Emails {
		row("email", e.Value, i18n.Args{"label": r.enum("label", e.Label)})
	}
	for _, p := range c.Phones {
		row("phone", p.Value, i18n.Args{"label": r.enum("label", p.Label)})
	}
	row("lang", c.Lang, nil)
	if c.Gender != rapport.GenderUnknown {
		row("gender", r.enum("gender", c.Gender), nil)
	}
	if b := c.Birthday; b != nil {
		day := time.Date(b.Year, b.Month, b.Day, 0, 0, 0, 0, time.UTC)
		if b.Year == 0 {
			row("birthday", tr.DayMonth(day), nil)
		} else {
			row("birthday", tr.Date(day), nil)
		}
	}
	row("how_we_met", c.HowWeMet, nil)
	row("tags", tr.List(c.Tags...), nil)
	interactions := r.t("cli.contact.show.none_yet", nil)
	if c.Summary.LastAt != nil {
		interactions = r.t("cli.contact.show.interactions_last", i18n.Args{"total": c.Summary.Interactions, "last": r.formatDate(*c.Summary.LastAt)})
	}
	row("interactions", interactions, nil)
	w.Flush()
}

func (r *runner) contactEdit() *cobra.Command {
	var cf contactFlags
	var name string
	cmd := &cobra.Command{
		Use:   "edit REF",
		Short: "Change a contact's details (only the flags you give)",
		Args:  args(1, 1, "ref"),
		RunE: r.withContact(nil, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			// The change is made from the contact read, and sent with the
			// version read: if it changed meanwhile, the edit is a conflict
			// and the other change is kept.
			p, err := cf.patch(cmd.Flags(), c)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("name") {
				p.DisplayName = &name
			}
			c, err = r.be.EditContact(cmd.Context(), c.ID, c.Version, p)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(c)
			}
			r.printContact(c)
			return nil
		}),
	}
	cmd.Flags().StringVar(&name, "name", "", "display name")
	cf.register(cmd.Flags(), true)
	return cmd
}

func (r *runner) contactRm() *cobra.Command {
	return &cobra.Command{
		Use:     "rm REF",
		Aliases: []string{"delete"},
		Short:   "Move a contact to the trash (restore it with `contact restore`)",
		Args:    args(1, 1, "ref"),
		RunE: r.withContact(nil, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			if err := r.be.DeleteContact(cmd.Context(), c.ID); err != nil {
				return err
			}
			return r.done(c.ID, "cli.contact.moved", i18n.Args{"name": c.DisplayName, "id": idText(c.ID)})
		}),
	}
}

func (r *runner) contactRestore() *cobra.Command {
	inTrash := true
	return &cobra.Command{
		Use:   "restore REF",
		Short: "Take a contact out of the trash",
		Args:  args(1, 1, "ref_trash"),
		RunE: r.withContact(&inTrash, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			if err := r.be.RestoreContact(cmd.Context(), c.ID); err != nil {
				return err
			}
			return r.done(c.ID, "cli.contact.restored", i18n.Args{"name": c.DisplayName, "id": idText(c.ID)})
		}),
	}
}

func (r *runner) contactNote() *cobra.Command {
	return &cobra.Command{
		Use:   "note REF TEXT",
		Short: "Attach a dated note to a contact",
		Args:  args(2, 2, "ref_text"),
		RunE: r.withContact(nil, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			n, err := r.be.AddNote(cmd.Context(), c.ID, a[1])
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(n)
			}
			r.printf("%d\n", n.ID)
			return nil
		}),
	}
}

// done reports a change: {"id": N} with --json, else the message of key.
func (r *runner) done(id int64, key string, args i18n.Args) error {
	if r.json {
		return r.printJSON(map[string]int64{"id": id})
	}
	r.printf("%s\n", r.t(key, args))
	return nil
}
