package web

import (
	"net/http"
	"strings"
	"time"

	"rapport"
	"rapport/i18n"
	"rapport/rules"
)

// reviewView is the review's page: the period, the figures as charts (drawn
// by Chart.js when it is embedded) and as tables (always), and the most
// one-sided relationships.
type reviewView struct {
	Since  string    // the form's field, YYYY-MM-DD or ""
	From   time.Time // the day it names; zero: since the beginning
	Result rules.ReviewResult
	// Charts holds every figure once: review.js draws it, the template
	// writes it as a table.
	Charts reviewCharts
	// Drawn reports whether the charting library is embedded: the page
	// then loads it and review.js; otherwise it shows the tables alone.
	Drawn bool
	// Library and Script are the URLs of Chart.js and review.js.
	Library, Script string
}

// reviewCharts is what review.js reads from the page's JSON data block
// (<script type="application/json" id="review-data">, which is data, not
// script: the CSP's script-src does not apply to it).
type reviewCharts struct {
	Dir    string        `json:"dir"`    // ltr or rtl
	Locale string        `json:"locale"` // for Chart.js's number formatting
	Charts []chartFigure `json:"charts"`
}

// chartFigure is one figure: its categories (Labels), and one series of
// numbers per dataset, all labelled from the catalogs.
type chartFigure struct {
	ID      string        `json:"id"`
	Type    string        `json:"type"` // bar or line
	Caption string        `json:"caption"`
	Note    string        `json:"-"` // a sentence under the caption, for the page only
	Head    string        `json:"-"` // the head of the table's first column
	Axis    string        `json:"axis"`
	Labels  []string      `json:"labels"`
	Series  []chartSeries `json:"series"`
	// Horizontal draws the bars across (long category labels).
	Horizontal bool `json:"horizontal,omitempty"`
}

type chartSeries struct {
	Label  string `json:"label"`
	Values []int  `json:"values"`
}

// Value is series s's figure for category i, for the tables.
func (f chartFigure) Value(s chartSeries, i int) int {
	if i < len(s.Values) {
		return s.Values[i]
	}
	return 0
}

// reviewMonths is how many months "last in touch" shows, this month included.
const reviewMonths = 12

// review shows app.Service.Review's figures since a day (?since=YYYY-MM-DD;
// none: since the beginning).
func (w *Web) review(rw http.ResponseWriter, r *http.Request, pg *page) error {
	now := w.svc.Now()
	v := &reviewView{Since: strings.TrimSpace(r.URL.Query().Get("since"))}
	var since time.Time
	if v.Since != "" {
		t, err := time.ParseInLocation(time.DateOnly, v.Since, now.Location())
		if err != nil {
			return rapport.Invalid("since", v.Since, "use YYYY-MM-DD").Keyed("error.invalid.time", map[string]any{"formats": "YYYY-MM-DD"})
		}
		since, v.From = t, t
	}
	acct := pg.P.Account.ID
	res, err := w.svc.Review(r.Context(), acct, since)
	if err != nil {
		return err
	}
	// When each contact was last in touch: the contacts' summaries hold it,
	// and reading it is one light query (the review has no series in time).
	last, err := w.svc.Store.LastInteractions(r.Context(), acct)
	if err != nil {
		return err
	}
	v.Result = res
	v.Charts = reviewCharts{Dir: pg.Dir(), Locale: pg.Lang(), Charts: []chartFigure{
		effortFigure(pg, res), effortStateFigure(pg, res), healthFigure(pg, res), standingFigure(pg, res),
		reciprocityFigure(pg, res), promiseFigure(pg, res), kindFigure(pg, res), lastContactFigure(pg, last, since, now),
	}}
	v.Library, v.Script = pg.Asset("vendor/chart.umd.min.js"), pg.Asset("review.js")
	v.Drawn = v.Library != "" && v.Script != ""
	pg.Data = v
	w.render(rw, http.StatusOK, "review", pg)
	return nil
}

func effortFigure(pg *page, r rules.ReviewResult) chartFigure {
	return chartFigure{ID: "efforts", Type: "bar", Caption: pg.T("web.review.efforts.caption"),
		Note: pg.T("web.review.efforts.note"), Head: pg.T("web.review.efforts.head"), Axis: pg.T("web.review.axis_efforts"),
		Labels: []string{pg.T("web.review.efforts.started"), pg.T("web.review.efforts.succeeded"), pg.T("web.review.efforts.given_up")},
		Series: []chartSeries{{Label: pg.T("web.review.efforts.series"), Values: []int{r.Efforts.Started, r.Efforts.Succeeded, r.Efforts.GivenUp}}}}
}

func effortStateFigure(pg *page, r rules.ReviewResult) chartFigure {
	f := chartFigure{ID: "effort-states", Type: "bar", Caption: pg.T("web.review.effort_states.caption"),
		Note: pg.T("web.review.effort_states.note"), Head: pg.T("web.review.effort_states.head"), Axis: pg.T("web.review.axis_contacts"),
		Series: []chartSeries{{Label: pg.T("web.review.axis_contacts")}}}
	for _, st := range rules.EffortStates {
		f.Labels = append(f.Labels, pg.T("web.review.effort_states."+string(st)))
		f.Series[0].Values = append(f.Series[0].Values, r.ByEffortState[st])
	}
	return f
}

// healthFigure is the health distribution: the contacts by health score
// now, in bands of rules.HealthBand points (the last takes 100 too).
func healthFigure(pg *page, r rules.ReviewResult) chartFigure {
	counts := r.ByHealth
	f := chartFigure{ID: "health", Type: "bar", Caption: pg.T("web.review.health.caption"),
		Note: pg.T("web.review.health.note"), Head: pg.T("web.review.health.head"), Axis: pg.T("web.review.axis_contacts"),
		Series: []chartSeries{{Label: pg.T("web.review.axis_contacts"), Values: counts}}}
	// "0–19", …, "80–100", in the page's digits.
	for i := range counts {
		lo, hi := rules.HealthBandScores(i)
		f.Labels = append(f.Labels, pg.T("web.review.health.band", "min", lo, "max", hi))
	}
	return f
}

// standingFigure counts the contacts by how the relationship stands now:
// keeping in touch, and trust. A contact may count under several bars.
func standingFigure(pg *page, r rules.ReviewResult) chartFigure {
	return chartFigure{ID: "standing", Type: "bar", Horizontal: true, Caption: pg.T("web.review.standing.caption"),
		Note: pg.T("web.review.standing.note"), Head: pg.T("web.review.standing.head"), Axis: pg.T("web.review.axis_contacts"),
		Labels: []string{pg.T("web.review.standing.in_touch"), pg.T("web.review.standing.overdue"), pg.T("web.review.standing.dormant"),
			pg.T("web.review.standing.professional_only"), pg.T("web.review.standing.second_chance"), pg.T("web.review.standing.trust_lost")},
		Series: []chartSeries{{Label: pg.T("web.review.axis_contacts"), Values: []int{max(r.Contacts-r.Overdue, 0), r.Overdue, r.Dormant,
			r.ProfessionalOnly, r.ByTrustState[rules.TrustSecondChance], r.ByTrustState[rules.TrustLost]}}}}
}

// reciprocityFigure is the favor ledger: the contacts with any favor by
// where their balance stands now, and those owed a thank-you (who count
// under a balance too). The favors exchanged in the period go in the note,
// each number with its own noun.
func reciprocityFigure(pg *page, r rules.ReviewResult) chartFigure {
	c := r.Reciprocity
	return chartFigure{ID: "reciprocity", Type: "bar", Caption: pg.T("web.review.reciprocity.caption"),
		Note: pg.T("web.review.reciprocity.note",
			"given", i18n.Text(pg.T("web.review.reciprocity.given", "count", c.Given)),
			"received", i18n.Text(pg.T("web.review.reciprocity.received", "count", c.Received))),
		Head: pg.T("web.review.reciprocity.head"), Axis: pg.T("web.review.axis_contacts"),
		Labels: []string{pg.T("web.review.reciprocity.ahead"), pg.T("web.review.reciprocity.even"), pg.T("web.review.reciprocity.behind"),
			pg.T("web.review.reciprocity.deficit"), pg.T("web.review.reciprocity.thank_you_pending")},
		Series: []chartSeries{{Label: pg.T("web.review.axis_contacts"), Values: []int{c.Ahead, c.Even, c.Behind, c.Deficit, c.ThankYouPending}}}}
}

// promiseFigure is reciprocity in promises: the user's and theirs, kept and
// broken in the period.
func promiseFigure(pg *page, r rules.ReviewResult) chartFigure {
	p := r.Promises
	return chartFigure{ID: "promises", Type: "bar", Caption: pg.T("web.review.promises.caption"),
		Note: pg.T("web.review.promises.note"), Head: pg.T("web.review.promises.head"), Axis: pg.T("web.review.axis_promises"),
		Labels: []string{pg.T("web.review.promises.kept"), pg.T("web.review.promises.broken")},
		Series: []chartSeries{
			{Label: pg.T("web.review.promises.mine"), Values: []int{p.MineKept, p.MineBroken}},
			{Label: pg.T("web.review.promises.theirs"), Values: []int{p.TheirsKept, p.TheirsBroken}},
		}}
}

func kindFigure(pg *page, r rules.ReviewResult) chartFigure {
	f := chartFigure{ID: "kinds", Type: "bar", Caption: pg.T("web.review.kinds.caption"),
		Note: pg.T("web.review.kinds.note"), Head: pg.T("web.review.kinds.head"), Axis: pg.T("web.review.axis_contacts"),
		Series: []chartSeries{{Label: pg.T("web.review.axis_contacts")}}}
	for _, k := range rapport.Kinds {
		f.Labels = append(f.Labels, pg.T("enum.kind_"+string(k)))
		f.Series[0].Values = append(f.Series[0].Values, r.ByKind[k])
	}
	return f
}

// lastContactFigure counts the contacts by the month of their last
// interaction: the reviewMonths months to this one (from the month of
// since, when that is later), and all earlier months together.
func lastContactFigure(pg *page, last map[int64]time.Time, since, now time.Time) chartFigure {
	loc := now.Location()
	first := time.Date(now.Year(), now.Month()-reviewMonths+1, 1, 0, 0, 0, 0, loc)
	if s := time.Date(since.Year(), since.Month(), 1, 0, 0, 0, 0, loc); !since.IsZero() && s.After(first) && !s.After(now) {
		first = s
	}
	var months []time.Time
	for m := first; !m.After(now); m = m.AddDate(0, 1, 0) {
		months = append(months, m)
	}
	counts := make([]int, len(months)+1) // the earlier months first
	for _, at := range last {
		at = at.In(loc)
		if at.Before(first) {
			counts[0]++
			continue
		}
		n := (at.Year()-first.Year())*12 + int(at.Month()) - int(first.Month())
		if n < len(months) {
			counts[n+1]++
		}
	}
	f := chartFigure{ID: "last-contact", Type: "bar", Caption: pg.T("web.review.last_contact.caption"),
		Note: pg.T("web.review.last_contact.note"), Head: pg.T("web.review.last_contact.head"), Axis: pg.T("web.review.axis_contacts"),
		Labels: []string{pg.T("web.review.last_contact.earlier")},
		Series: []chartSeries{{Label: pg.T("web.review.axis_contacts"), Values: counts}}}
	for _, m := range months {
		f.Labels = append(f.Labels, pg.T("web.review.month_year",
			"month", pg.T("web.review.month."+strings.ToLower(m.Month().String())), "year", pg.Digits(m.Year())))
	}
	return f
}
