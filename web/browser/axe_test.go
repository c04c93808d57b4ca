package browser_test

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axe-core, from web/node_modules (npm ci --prefix web, which .ci/assets
// runs): read once, injected into each page checked.
var axeLib struct {
	once sync.Once
	src  string
	err  error
}

func axeSource(t *testing.T) string {
	t.Helper()
	axeLib.once.Do(func() {
		b, err := os.ReadFile(repoPath("web/node_modules/axe-core/axe.min.js"))
		axeLib.src, axeLib.err = string(b), err
	})
	if axeLib.err != nil {
		t.Fatalf("axe-core is not installed (%v): run .ci/assets, or npm ci --prefix web", axeLib.err)
	}
	return axeLib.src
}

// axeViolation is one rule a page breaks, with the elements that break it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// axeRun runs every rule of axe-core (WCAG 2.x A and AA, and its best
// practices) on the page as it is now, and keeps the serious and critical
// violations.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
	.filter(v => v.impact === "serious" || v.impact === "critical")
	.map(v => ({id: v.id, impact: v.impact, help: v.help,
		nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary}))})))`

// rawKeys finds the text nodes that show a catalog key instead of its
// message (what the catalog falls back to when a message is missing), or a
// template's "<no value>".
const rawKeys = `(() => {
	const key = /(^|[^\w.@-])(web|enum|cli|warning|state|health|today|contact|error|refusal)\.[a-z_]+(\.[a-z_]+)*/;
	const out = [];
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT,
		{acceptNode: n => n.parentElement.closest("script, style") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
	for (let n = walk.nextNode(); n; n = walk.nextNode())
		if (key.test(n.data) || n.data.includes("<no value>")) out.push(n.data.trim());
	return out;
})()`

// axe checks the page the tab shows, failing the test for each serious or
// critical violation, and for each catalog key shown as it is.
func (s *site) axe(what string) {
	s.t.Helper()
	for _, k := range run(s, "look for catalog keys on "+what, chromedp.Evaluate[[]string](rawKeys)) {
		s.t.Errorf("%s (%s) shows a catalog key, not its message: %q", what, s.location(), k)
	}
	if !run(s, "is axe there", chromedp.Evaluate[bool](`typeof window.axe !== "undefined"`)) {
		s.do("inject axe-core", chromedp.Evaluate[chromedp.Void](axeSource(s.t)+"\n;undefined"))
	}
	vs := run(s, "axe.run on "+what, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	for _, v := range vs {
		var b strings.Builder
		for k, n := range v.Nodes {
			if k == 5 {
				fmt.Fprintf(&b, "\n    … and %d more", len(v.Nodes)-k)
				break
			}
			fmt.Fprintf(&b, "\n    %s: %s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n      "))
		}
		s.t.Errorf("%s (%s): axe %s, %s: %s%s", what, s.location(), v.Impact, v.ID, v.Help, b.String())
	}
}

// in is the site with another test (a subtest) and the same tab.
func (s *site) in(t *testing.T) *site {
	c := *s
	c.t = t
	return &c
}

// TestEveryPageIsAccessibleInEveryLanguage runs axe-core on each page, in
// English, Arabic (right to left) and Polish, with the states that matter
// shown: the log's advice and its result, the ask's warnings, a draft.
func TestEveryPageIsAccessibleInEveryLanguage(t *testing.T) {
	s := newSite(t)
	d := s.seed()
	s.signIn()
	visitor := *s
	visitor.tab = s.newTab()

	for _, lang := range []string{"en", "ar", "pl"} {
		t.Run(lang, func(t *testing.T) {
			s := s.in(t)
			s.open("/settings")
			s.choose("#lang", lang)
			s.submit(`form:has(input[name="section"][value="profile"]) button[type="submit"]`)
			if got := s.attr("html", "lang"); got != lang {
				t.Fatalf("after choosing %s in the settings, the page is lang=%q", lang, got)
			}
			s.axe("settings")

			s.open("/today")
			s.axe("today")
			s.open("/contacts")
			s.axe("contacts")
			s.open("/contacts?state=given_up&q=you")
			s.axe("contacts, filtered")
			s.open("/contacts/new")
			s.axe("a new contact's form")
			s.open("/trash")
			s.axe("the trash")
			s.open(fmt.Sprintf("/contacts/%d", d.anna))
			s.axe("a contact's page")
			s.open(fmt.Sprintf("/contacts/%d", d.youssef))
			s.axe("a given-up contact's page")

			// The log, with its advice (an invitation by email is no
			// attempt), then its result and warnings.
			s.open(fmt.Sprintf("/log?contact=%d", d.youssef))
			s.choose("#log-channel", "email")
			s.do("tick the invitation", click("#log-invitation"))
			s.do("wait for the advice", chromedp.WaitVisible(chromedp.ID("log-advice")))
			s.axe("the log, with its advice")
			s.submit(`#log-form button[type="submit"]`)
			if s.count("#log-warnings .warning") == 0 {
				t.Errorf("the log shows no warning:\n%s", s.pageText())
			}
			s.axe("the log, logged")

			s.open(fmt.Sprintf("/contacts/%d/ask", d.omar))
			s.axe("the ask form")
			s.choose("#ask-kind", "intro")
			s.typeIn("#ask-about", "their finance director")
			s.typeIn("#ask-behalf", "Jan Nowak")
			s.submitInPlace(`form[action$="/ask"] button[type="submit"]`, "#ask-warnings")
			s.axe("the ask's warnings")

			s.open(fmt.Sprintf("/contacts/%d/compose?draft=reconnect", d.layla))
			s.axe("the composer")
			s.typeIn("#compose-why-now", "I am starting a supply-chain course")
			s.typeIn("#compose-offer", "a guest lecture by our operations team")
			s.submitInPlace(`form[action$="/compose"] button[type="submit"]`, "#draft-text")
			s.axe("a draft")
			s.open(fmt.Sprintf("/contacts/%d/compose?draft=opener", d.omar))
			s.axe("the opener")

			s.open("/review")
			s.axe("the review")

			s.openWant("/no/such/page", 404)
			s.axe("a page not found")

			v := visitor.in(t)
			v.open("/signin?lang=" + lang)
			v.axe("sign-in")
			v.open("/signup?lang=" + lang)
			v.axe("sign-up")
		})
	}
}
