package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"rapport"
)

func (r *runner) contactCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "contact",
		Aliases: []string{"contacts", "c"},
		Short:   "Add, list, show, edit, remove and restore contacts",
	}
	cmd.AddCommand(r.contactAdd(), r.contactList(), r.contactShow(), r.contactEdit(),
		r.contactRm(), r.contactRestore(), r.contactNote())
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

// apply sets the fields whose flags were given on c.
func (cf *contactFlags) apply(f *pflag.FlagSet, c *rapport.Contact) error {
	set := f.Changed
	var err error
	if set("given") {
		c.GivenName = cf.given
	}
	if set("family") {
		c.FamilyName = cf.family
	}
	if set("kind") || c.Kind == "" {
		if c.Kind, err = parseEnumFlag("kind", cf.kind, rapport.Kinds); err != nil {
			return err
		}
	}
	if set("tier") || c.Tier == "" {
		if c.Tier, err = parseEnumFlag("tier", cf.tier, rapport.Tiers); err != nil {
			return err
		}
	}
	if set("gender") || c.Gender == "" {
		if c.Gender, err = parseEnumFlag("gender", cf.gender, rapport.Genders); err != nil {
			return err
		}
	}
	if set("cadence") {
		if cf.cadence < 0 {
			return rapport.Invalid("--cadence", cf.cadence, "must be a number of days, or 0 for the tier's cadence")
		}
		c.CadenceDays = cf.cadence
	}
	if set("org") {
		c.Org = cf.org
	}
	if set("title") {
		c.Title = cf.title
	}
	if set("lang") {
		c.Lang = cf.lang
	}
	if set("how-we-met") {
		c.HowWeMet = cf.howWeMet
	}
	if set("birthday") {
		c.Birthday = nil
		if strings.TrimSpace(cf.birthday) != "" {
			if c.Birthday, err = rapport.ParseBirthday(cf.birthday); err != nil {
				return err
			}
		}
	}
	if set("email") {
		c.Emails = points(cf.emails)
	}
	if set("phone") {
		c.Phones = points(cf.phones)
	}
	if set("tag") {
		c.Tags = cf.tags
	}
	c.Tags = append(c.Tags, cf.addTags...)
	for _, rm := range rapport.NormalizeTags(cf.rmTags) {
		kept := c.Tags[:0]
		for _, t := range rapport.NormalizeTags(c.Tags) {
			if t != rm {
				kept = append(kept, t)
			}
		}
		c.Tags = kept
	}
	return nil
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
		Args:  args(1, 1, "one NAME (quote a name with spaces)"),
		RunE: r.withAccount(func(cmd *cobra.Command, a []string) error {
			c := &rapport.Contact{DisplayName: a[0]}
			if err := cf.apply(cmd.Flags(), c); err != nil {
				return err
			}
			if err := r.svc.AddContact(cmd.Context(), r.account.ID, c); err != nil {
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
		Args:    args(0, 0, "no arguments"),
		RunE: r.withAccount(func(cmd *cobra.Command, _ []string) error {
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
			cs, err := r.store.Contacts(cmd.Context(), r.account.ID, f)
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
			fmt.Fprintln(w, "ID\tNAME\tKIND\tTIER\tORGANISATION\tLAST CONTACT")
			for _, c := range cs {
				fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.DisplayName, c.Kind, c.Tier, c.Org, r.lastContact(c))
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

// lastContact is how long ago the last interaction was, for lists.
func (r *runner) lastContact(c *rapport.Contact) string {
	if c.Summary.LastAt == nil {
		return "never"
	}
	return r.formatDate(*c.Summary.LastAt)
}

func (r *runner) contactShow() *cobra.Command {
	var trash bool
	cmd := &cobra.Command{
		Use:   "show REF",
		Short: "Show a contact, with notes and recent interactions",
		Args:  args(1, 1, "one REF: an id or a name prefix"),
		RunE: r.withContact(trash, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			ctx := cmd.Context()
			notes, err := r.store.Notes(ctx, r.account.ID, c.ID)
			if err != nil {
				return err
			}
			recent, err := r.store.Interactions(ctx, r.account.ID, rapport.InteractionFilter{ContactID: c.ID, Limit: 10})
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(contactView{Contact: c, Notes: orEmpty(notes), Recent: orEmpty(recent)})
			}
			r.printContact(c)
			if len(notes) > 0 {
				r.printf("\nNotes\n")
				for _, n := range notes {
					r.printf("  %s  %s\n", r.formatDate(n.CreatedAt), n.Body)
				}
			}
			if len(recent) > 0 {
				r.printf("\nRecent interactions\n")
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
	w := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%s\t%s\n", k, v)
		}
	}
	row("Name", fmt.Sprintf("%s (#%d)", c.DisplayName, c.ID))
	if c.DeletedAt != nil {
		row("In trash since", r.formatDate(*c.DeletedAt))
	}
	row("Given / family", joinNonEmpty(" / ", c.GivenName, c.FamilyName))
	row("Kind", string(c.Kind))
	tier := string(c.Tier)
	if c.CadenceDays > 0 {
		tier += fmt.Sprintf(", every %d days", c.CadenceDays)
	}
	row("Tier", tier)
	row("Organisation", joinNonEmpty(", ", c.Title, c.Org))
	for _, e := range c.Emails {
		row("Email ("+e.Label+")", e.Value)
	}
	for _, p := range c.Phones {
		row("Phone ("+p.Label+")", p.Value)
	}
	row("Language", c.Lang)
	if c.Gender != rapport.GenderUnknown {
		row("Gender", string(c.Gender))
	}
	if c.Birthday != nil {
		row("Birthday", c.Birthday.String())
	}
	row("How we met", c.HowWeMet)
	row("Tags", strings.Join(c.Tags, ", "))
	row("Interactions", fmt.Sprintf("%d, last %s", c.Summary.Interactions, r.lastContact(c)))
	w.Flush()
}

func (r *runner) contactEdit() *cobra.Command {
	var cf contactFlags
	var name string
	cmd := &cobra.Command{
		Use:   "edit REF",
		Short: "Change a contact's details (only the flags you give)",
		Args:  args(1, 1, "one REF: an id or a name prefix"),
		RunE: r.withContact(false, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			c, err := r.svc.EditContact(cmd.Context(), r.account.ID, c.ID, func(c *rapport.Contact) error {
				if cmd.Flags().Changed("name") {
					c.DisplayName = name
				}
				return cf.apply(cmd.Flags(), c)
			})
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
		Args:    args(1, 1, "one REF: an id or a name prefix"),
		RunE: r.withContact(false, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			if err := r.svc.DeleteContact(cmd.Context(), r.account.ID, c.ID); err != nil {
				return err
			}
			return r.done(c.ID, "Moved %s (#%d) to the trash\n", c.DisplayName, c.ID)
		}),
	}
}

func (r *runner) contactRestore() *cobra.Command {
	return &cobra.Command{
		Use:   "restore REF",
		Short: "Take a contact out of the trash",
		Args:  args(1, 1, "one REF: an id or a name prefix of a contact in the trash"),
		RunE: r.withContact(true, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			if err := r.svc.RestoreContact(cmd.Context(), r.account.ID, c.ID); err != nil {
				return err
			}
			return r.done(c.ID, "Restored %s (#%d)\n", c.DisplayName, c.ID)
		}),
	}
}

func (r *runner) contactNote() *cobra.Command {
	return &cobra.Command{
		Use:   "note REF TEXT",
		Short: "Attach a dated note to a contact",
		Args:  args(2, 2, "REF and TEXT (quote text with spaces)"),
		RunE: r.withContact(false, func(cmd *cobra.Command, c *rapport.Contact, a []string) error {
			n, err := r.svc.AddNote(cmd.Context(), r.account.ID, c.ID, a[1])
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

// done reports a change: {"id": N} with --json, else the message.
func (r *runner) done(id int64, format string, a ...any) error {
	if r.json {
		return r.printJSON(map[string]int64{"id": id})
	}
	r.printf(format, a...)
	return nil
}
