package rules_test

import (
	"errors"
	"strings"
	"testing"

	"rapport"
	"rapport/i18n"
	"rapport/rules"
)

// text is one text a rule produced: its key, its parameters and its English.
type text struct {
	key     string
	params  rules.Params
	english string
}

// emitted drives the rules through histories that produce every kind of text
// (warnings of the ask check and of logging, refusals, Today's reasons,
// health factors and the advice) for a contact of the given gender, and
// returns the texts as the call sites built them.
func emitted(t *testing.T, gender rapport.Gender, name string) []text {
	var out []text
	warnings := func(ws []rules.Warning) {
		for _, w := range ws {
			out = append(out, text{w.MessageKey(), w.Params, w.Message}, text{w.SuggestionKey(), w.Params, w.Suggestion})
		}
	}
	who := func(c *rapport.Contact) { c.Gender, c.DisplayName = gender, name }
	noSummary := func(c *rapport.Contact) { c.Summary = rapport.Summary{} }

	// Every problem of the ask check at once, and given up and trust lost.
	c := person(who, lastMet(190), func(c *rapport.Contact) { c.Summary.HeldLive = 0 })
	warnings(rules.CheckAsk(rules.History{Contact: c, Favors: []*rapport.Favor{
		favor(rapport.FavorReceived, "", false), favor(rapport.FavorReceived, "", true), ask(5, rapport.FavorIntro, "", rapport.FavorPartial),
	}}, rules.Ask{Kind: rapport.FavorIntro, About: "intro to Acme", OnBehalf: "Sam"}, defaults, now).Warnings)
	givenUp := history(person(who), invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined), invite(30, rapport.OutcomeDeclined))
	givenUp.Efforts = []*rapport.Effort{effort(60)}
	lost := history(person(who))
	lost.Trust = []*rapport.TrustEvent{breach(30), breach(3)}
	warnings(rules.CheckLog(givenUp, emailInvite(0), defaults, now).Warnings)
	warnings(rules.CheckLog(lost, invite(-1, rapport.OutcomeScheduled), defaults, now).Warnings)
	warnings(rules.CheckAsk(lost, rules.Ask{Kind: rapport.FavorAdvice}, defaults, now).Warnings)

	// The three refusals.
	active := history(person(who), invite(5, rapport.OutcomeDeclined))
	active.Efforts = []*rapport.Effort{effort(10)}
	for _, h := range []rules.History{active, givenUp, lost} {
		var r *rules.Refusal
		if err := rules.CanStartEffort(h, defaults, now); !errors.As(err, &r) {
			t.Fatalf("CanStartEffort = %v, want a refusal", err)
		}
		out = append(out, text{r.Key, r.Params, r.Message})
	}

	// Health and advice, over histories that between them give every factor.
	healthy := rules.History{Contact: person(who, lastMet(3)), Favors: []*rapport.Favor{favor(rapport.FavorGiven, "", false)},
		Promises: []*rapport.Promise{promise(rapport.ByMe, rapport.PromiseKept, nil), promise(rapport.ByThem, rapport.PromiseBroken, nil)}}
	healthy.Contact.Summary.Interactions, healthy.Contact.Summary.Inbound = 10, 4
	onlyMe := rules.History{Contact: person(who, lastMet(40)), Favors: []*rapport.Favor{favor(rapport.FavorReceived, "", false)}}
	onlyMe.Contact.Summary.Interactions, onlyMe.Contact.Summary.Inbound = 5, 0
	reachedOut := history(person(who), invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined), invite(30, rapport.OutcomeDeclined), met(10, rapport.Inbound))
	reachedOut.Efforts = []*rapport.Effort{effort(60)}
	succeeded := history(person(who), met(5, rapport.Outbound))
	succeeded.Efforts = []*rapport.Effort{effort(10)}
	second := history(person(who))
	second.Trust = []*rapport.TrustEvent{breach(3)}
	deficit := rules.History{Contact: person(who, lastMet(200)), Favors: []*rapport.Favor{
		favor(rapport.FavorReceived, "", true), favor(rapport.FavorReceived, "", true), favor(rapport.FavorReceived, "", true)}}
	for _, h := range []rules.History{healthy, onlyMe, givenUp, lost, active, reachedOut, succeeded, second, deficit, {Contact: person(who, noSummary)}} {
		st := rules.Evaluate(h, defaults, now)
		for _, f := range st.Health.Factors {
			out = append(out, text{f.Key, f.Params, f.Words})
		}
		if st.AdviceKey != "" {
			out = append(out, text{st.AdviceKey, nil, st.Advice})
		}
	}

	// Today: one contact per kind of item, and the two that were never met.
	hs := []rules.History{
		{Contact: person(who, lastMet(1), func(c *rapport.Contact) { c.Birthday = &rapport.Birthday{Month: 6, Day: 20} })},
		{Contact: person(who, lastMet(1)), Favors: []*rapport.Favor{favor(rapport.FavorReceived, "", true), favor(rapport.FavorReceived, "", true)}},
		{Contact: person(who, lastMet(400))},
		{Contact: person(who, lastMet(40))},
		{Contact: person(who, lastMet(1)), Favors: []*rapport.Favor{favor(rapport.FavorReceived, "", false)}},
		active,
		{Contact: person(who, lastMet(1)), Promises: []*rapport.Promise{promise(rapport.ByThem, rapport.PromiseOpen, ptr(2)), promise(rapport.ByMe, rapport.PromiseOpen, ptr(0))}},
		{Contact: person(who, noSummary, func(c *rapport.Contact) { c.CreatedAt = ago(40) })},
		{Contact: person(who, noSummary, tier(rapport.TierInner), func(c *rapport.Contact) { c.CreatedAt = ago(200) })},
	}
	for _, it := range rules.Today(hs, defaults, now) {
		out = append(out, text{it.ReasonKey, it.Params(), it.Reason})
	}
	return out
}

// TestText_WhatTheRulesEmitRendersInEveryLanguage: every text the rules
// produced, with the parameters they passed, renders strictly (no fallback to
// English, no missing parameter) in English, Arabic and Polish; the English is
// the rules' own; and the contact's gender comes through to the other
// languages wherever the rules know it.
func TestText_WhatTheRulesEmitRendersInEveryLanguage(t *testing.T) {
	keys := map[string]bool{}
	for _, g := range rapport.Genders {
		for _, name := range []string{"Anna Kowalska", "ليلى حداد"} {
			for _, tx := range emitted(t, g, name) {
				keys[tx.key] = true
				if tx.english == "" || tx.english == tx.key {
					t.Errorf("%s: no English: %q", tx.key, tx.english)
				}
				if _, ok := tx.params["name"]; ok && tx.params["contact_gender"] != string(g) {
					t.Errorf("%s: contact_gender %v, want %s", tx.key, tx.params["contact_gender"], g)
				}
				for _, lang := range i18n.Supported {
					s, err := i18n.For(lang).Render(tx.key, i18n.Args(tx.params))
					switch {
					case err != nil:
						t.Errorf("%s %s %v: %v", lang, tx.key, tx.params, err)
					case lang == "en" && s != tx.english:
						t.Errorf("%s: the rules say %q, the catalog %q", tx.key, tx.english, s)
					case strings.TrimSpace(s) == "" || strings.Contains(s, "<no value>"):
						t.Errorf("%s %s renders %q", lang, tx.key, s)
					}
				}
			}
		}
	}
	// The histories above reach every key of the rules' texts in the catalog
	// (warning.not_dormant is the composer's, not the rules').
	for _, k := range i18n.Keys() {
		ours := k == "contact.professional_only" || strings.HasPrefix(k, "health.") || strings.HasPrefix(k, "refusal.") ||
			strings.HasPrefix(k, "today.") || (strings.HasPrefix(k, "warning.") && !strings.HasPrefix(k, "warning.not_dormant."))
		if ours != keys[k] {
			t.Errorf("%s: in the catalog's rules texts %v, emitted %v", k, ours, keys[k])
		}
	}
	if t.Failed() || !testing.Verbose() {
		return
	}
	// go test -v -run WhatTheRules ./rules: every text in every language, to read.
	for _, g := range rapport.Genders {
		for _, tx := range emitted(t, g, "Anna Kowalska") {
			for _, lang := range i18n.Supported {
				s, _ := i18n.For(lang).Render(tx.key, i18n.Args(tx.params))
				t.Logf("%s %s %s: %s", g, lang, tx.key, s)
			}
		}
	}
}
