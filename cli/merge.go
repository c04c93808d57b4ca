package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"rapport/i18n"
)

func (r *runner) contactMerge() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "merge KEEP OTHER",
		Short: "Merge two contacts that are one person: OTHER's history moves to KEEP, and OTHER goes to the trash",
		Long: `Merge OTHER into KEEP, in one step: KEEP gets the emails, phones and tags
it lacks and its empty fields filled from OTHER (nothing KEEP has changes),
and every interaction, note, effort, promise, favor and trust event of
OTHER. OTHER goes to the trash, empty, where it still shows what it was.
Both summaries are recomputed.`,
		Args: argsKey(2, 2, "cli.import.merge.args"),
		RunE: r.withAccount(func(cmd *cobra.Command, a []string) error {
			ctx := cmd.Context()
			keep, err := r.svc.ResolveContact(ctx, r.account.ID, a[0], false)
			if err != nil {
				return err
			}
			other, err := r.svc.ResolveContact(ctx, r.account.ID, a[1], false)
			if err != nil {
				return err
			}
			res, err := r.svc.MergeContacts(ctx, r.account.ID, keep.ID, other.ID)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(res)
			}
			r.printf("%s\n", r.t("cli.import.merge.done", i18n.Args{"name": res.Contact.DisplayName, "id": idText(res.Contact.ID),
				"ref": fmt.Sprintf("%s (#%d)", res.Merged.DisplayName, res.Merged.ID)}))
			m := res.Moved
			if m.Interactions > 0 {
				r.printf("  %s\n", r.t("cli.import.merge.interactions", i18n.Args{"count": m.Interactions}))
			}
			if n := m.Notes + m.Efforts + m.Promises + m.Favors + m.TrustEvents; n > 0 {
				r.printf("  %s\n", r.t("cli.import.merge.records", i18n.Args{"count": n}))
			}
			if len(res.Added) > 0 {
				var added []string
				for _, f := range res.Added {
					added = append(added, r.fieldName(f))
				}
				r.printf("  %s\n", r.t("cli.import.merge.added", i18n.Args{"what": i18n.Text(r.translator().List(added...))}))
			}
			return nil
		}),
	}
	return cmd
}

func (r *runner) contactDupes() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "dupes",
		Short: "List contacts that are likely one person: the same email, phone or name",
		Args:  args(0, 0, "none"),
		RunE: r.withAccount(func(cmd *cobra.Command, _ []string) error {
			ds, err := r.svc.Duplicates(cmd.Context(), r.account.ID)
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(ds)
			}
			if len(ds) == 0 {
				r.printf("%s\n", r.t("cli.import.dupes.none", nil))
				return nil
			}
			tr := r.translator()
			for _, d := range ds {
				var names, why []string
				for _, c := range d.Contacts {
					names = append(names, fmt.Sprintf("#%d %s", c.ID, c.Name))
				}
				for _, reason := range d.Reasons {
					why = append(why, r.t("cli.import.dupes."+reason.By, i18n.Args{"value": reason.Value}))
				}
				r.printf("%s\n", r.t("cli.import.dupes.group", i18n.Args{"names": i18n.Text(tr.List(names...)), "why": i18n.Text(tr.List(why...))}))
			}
			r.printf("\n%s\n", r.t("cli.import.dupes.hint", nil))
			return nil
		}),
	}
	return cmd
}
