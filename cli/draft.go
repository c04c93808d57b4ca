package cli

import (
	"github.com/spf13/cobra"

	"rapport"
	"rapport/app"
	"rapport/compose"
)

func (r *runner) draftCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "draft", Short: "Drafts that sound right in English, Arabic and Polish",
		Long: "Drafts are written in --lang when given, else in the contact's language, else in yours."}
	var register, whyNow, offer, silence, situation, channel string
	reconnect := &cobra.Command{
		Use:   "reconnect REF",
		Short: "A message after a long silence: acknowledge it, say why now, offer something in return",
		Args:  args(1, 1, "ref"),
		RunE: r.withBackend(func(cmd *cobra.Command, a []string) error {
			reg, err := compose.ParseRegister(register)
			if err != nil {
				return err
			}
			c, err := r.be.ResolveContact(cmd.Context(), a[0], false)
			if err != nil {
				return err
			}
			d, err := r.be.DraftReconnect(cmd.Context(), c.ID, compose.ReconnectInput{
				Lang: r.lang, Register: reg, Silence: silence, WhyNow: whyNow, Offer: offer})
			if err != nil {
				return err
			}
			return r.printDraft(d)
		}),
	}
	f := reconnect.Flags()
	f.StringVar(&whyNow, "why-now", "", "why you are writing now, in your words (required)")
	f.StringVar(&offer, "offer", "", "what you can offer in return (required)")
	f.StringVar(&silence, "silence", "", "why you went quiet: studies, moved, family, career, busy, or your own words")
	opener := &cobra.Command{
		Use:   "opener REF",
		Short: "A short, direct request to talk about how the two of you work together",
		Args:  args(1, 1, "ref"),
		RunE: r.withBackend(func(cmd *cobra.Command, a []string) error {
			reg, err := compose.ParseRegister(register)
			if err != nil {
				return err
			}
			sit, err := parseEnumFlag("situation", situation, compose.Situations)
			if err != nil {
				return err
			}
			ch, err := parseEnumFlag("channel", channel, []rapport.Channel{rapport.ChannelCall, rapport.ChannelVideo, rapport.ChannelInPerson})
			if err != nil {
				return err
			}
			c, err := r.be.ResolveContact(cmd.Context(), a[0], false)
			if err != nil {
				return err
			}
			d, err := r.be.DraftOpener(cmd.Context(), c.ID, compose.OpenerInput{
				Lang: r.lang, Register: reg, Situation: sit, Channel: ch})
			if err != nil {
				return err
			}
			return r.printDraft(d)
		}),
	}
	opener.Flags().StringVar(&situation, "situation", "how-we-work", "new-quarter, after-hard-year or how-we-work")
	opener.Flags().StringVar(&channel, "channel", "call", "what to propose: call, video or in_person")
	for _, c := range []*cobra.Command{reconnect, opener} {
		c.Flags().StringVar(&register, "register", "formal", "formal or informal")
	}
	cmd.AddCommand(reconnect, opener)
	return cmd
}

func (r *runner) printDraft(d app.DraftResult) error {
	if r.json {
		return r.printJSON(d)
	}
	r.printf("%s\n", d.Text)
	r.printWarnings(d.Warnings)
	return nil
}
