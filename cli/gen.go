package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"rapport"
	"rapport/gen"
	"rapport/i18n"
)

// atLeast reports a number below its minimum.
func atLeast(field string, v, min int) error {
	return rapport.Invalid(field, v, fmt.Sprintf("must be at least %d", min)).Keyed("error.invalid.at_least", map[string]any{"min": min})
}

func (r *runner) genCommand() *cobra.Command {
	var (
		contacts, interactions int
		seed                   uint64
	)
	cmd := &cobra.Command{
		Use:   "gen",
		Short: "Fill the account with realistic synthetic data, for demos and benchmarks",
		Long: `Fill the account with reproducible synthetic contacts (English, Arabic and
Polish names; every kind and tier) and interactions (every channel and
outcome). The same --seed and RAPPORT_NOW make the same data.`,
		Args: args(0, 0, "none"),
		RunE: r.withAccount(func(cmd *cobra.Command, _ []string) error {
			if contacts < 1 {
				return atLeast("--contacts", contacts, 1)
			}
			if interactions < 0 {
				return atLeast("--interactions", interactions, 0)
			}
			ctx, acct, start := cmd.Context(), r.account.ID, time.Now()
			g := gen.New(seed, r.now())
			p := r.newProgress(r.t("cli.gen.contacts", nil), contacts)
			all := make([]*rapport.Contact, 0, contacts)
			const contactBatch = 5000
			for len(all) < contacts {
				batch := make([]*rapport.Contact, 0, contactBatch)
				for len(batch) < contactBatch && len(all)+len(batch) < contacts {
					batch = append(batch, g.Contact())
				}
				if err := r.store.CreateContacts(ctx, acct, batch); err != nil {
					return err
				}
				all = append(all, batch...)
				p.set(len(all))
			}
			p.finish()

			ids := make([]int64, len(all))
			for i, c := range all {
				ids[i] = c.ID
			}
			counts := g.Counts(all, interactions)
			p = r.newProgress(r.t("cli.gen.interactions", nil), interactions)
			// One goroutine makes the batches while this one writes them: the
			// two cores overlap generating and storing.
			const interactionBatch = 20000
			batches := make(chan []*rapport.Interaction, 1)
			go func() {
				defer close(batches)
				batch := make([]*rapport.Interaction, 0, interactionBatch)
				for i, c := range all {
					batch = append(batch, g.Interactions(c, counts[i], ids)...)
					if len(batch) >= interactionBatch || (i == len(all)-1 && len(batch) > 0) {
						select {
						case batches <- batch:
						case <-ctx.Done():
							return
						}
						batch = make([]*rapport.Interaction, 0, interactionBatch)
					}
				}
			}()
			written := 0
			for batch := range batches {
				if err := r.store.CreateInteractions(ctx, acct, batch); err != nil {
					for range batches { // let the maker finish
					}
					return err
				}
				written += len(batch)
				p.set(written)
			}
			p.finish()

			// Efforts, promises, favors and trust events, for the rules to work on.
			var recs rapport.Records
			for _, c := range all {
				more := g.Records(c)
				recs.Efforts = append(recs.Efforts, more.Efforts...)
				recs.Promises = append(recs.Promises, more.Promises...)
				recs.Favors = append(recs.Favors, more.Favors...)
				recs.Trust = append(recs.Trust, more.Trust...)
			}
			if err := r.store.CreateRecords(ctx, acct, recs); err != nil {
				return err
			}
			records := recs.Len()
			if err := r.store.Analyze(ctx); err != nil {
				return err
			}
			if r.json {
				return r.printJSON(map[string]int{"contacts": len(all), "interactions": written, "records": records})
			}
			r.printf("%s\n", r.t("cli.gen.done", i18n.Args{"contacts": len(all), "interactions": written, "records": records,
				"seconds": time.Since(start).Round(time.Millisecond).Seconds()}))
			return nil
		}),
	}
	f := cmd.Flags()
	f.IntVar(&contacts, "contacts", 1000, "how many contacts")
	f.IntVar(&interactions, "interactions", 20000, "how many interactions")
	f.Uint64Var(&seed, "seed", 1, "random seed: the same seed makes the same data")
	return cmd
}
