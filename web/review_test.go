package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strings"
	"testing"

	"rapport"
	"rapport/web"
)

// reviewData is what review.js reads from the page.
type reviewData struct {
	Dir    string `json:"dir"`
	Locale string `json:"locale"`
	Charts []struct {
		ID     string   `json:"id"`
		Type   string   `json:"type"`
		Labels []string `json:"labels"`
		Series []struct {
			Label  string `json:"label"`
			Values []int  `json:"values"`
		} `json:"series"`
	} `json:"charts"`
}

// reviewSite is a site whose owner has a few contacts, interactions,
// resolved promises and favors; vendor says whether Chart.js is embedded.
// Anna (a favor done for her) is ahead on favors; Bogdan (two favors
// received, not thanked) in deficit and owed a thank-you.
func reviewSite(t *testing.T, vendor bool, lang string) *site {
	t.Helper()
	s := newSiteWith(t, func(w *web.Web) {
		if vendor {
			web.SetAsset(w, "vendor/chart.umd.min.js", []byte("/* Chart.js stand-in */"))
		} else {
			web.SetAsset(w, "vendor/chart.umd.min.js", nil)
		}
	})
	s.signUp(lang)
	ctx, acct := context.Background(), s.owner().Account.ID
	a := &rapport.Contact{DisplayName: "Anna <Kowalska>", Kind: rapport.KindClient, Tier: rapport.TierInner}
	b := &rapport.Contact{DisplayName: "Bogdan", Kind: rapport.KindColleague}
	s.addContact(a)
	s.addContact(b)
	s.log(3, rapport.Outbound, a.ID)
	s.log(40, rapport.Inbound, b.ID)
	p := &rapport.Promise{ContactID: a.ID, By: rapport.ByMe, What: "send the report"}
	if err := s.svc.AddPromise(ctx, acct, p); err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.ResolvePromise(ctx, acct, p.ID, rapport.PromiseKept); err != nil {
		t.Fatal(err)
	}
	for _, f := range []*rapport.Favor{
		{ContactID: a.ID, Dir: rapport.FavorGiven, Kind: rapport.FavorAdvice},
		{ContactID: b.ID, Dir: rapport.FavorReceived, Kind: rapport.FavorIntro},
		{ContactID: b.ID, Dir: rapport.FavorAsked, Kind: rapport.FavorAdvice, Outcome: rapport.FavorPartial},
	} {
		if err := s.svc.AddFavor(ctx, acct, f); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// wantByHealth is reviewSite's contacts by health band: Bogdan (in touch,
// reaching out, no promise, but 0 of 20 for reciprocity in deficit and 5
// off for the thank-you owed) has 75; Anna (in touch, favors and promises
// in order, but never reaching out) 80, the lowest of the last band.
var wantByHealth = []int{0, 0, 0, 1, 1}

func TestReviewDrawsChartsWithTheirTablesWhenChartJSIsEmbedded(t *testing.T) {
	s := reviewSite(t, true, "en")
	code, body, h := s.get("/review")
	if code != http.StatusOK {
		t.Fatalf("GET /review = %d\n%s", code, body)
	}
	if csp := h.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("CSP = %q", csp)
	}
	mustContain(t, "the review", body, "2 contacts reviewed.", "From the beginning to today.",
		`<canvas id="chart-efforts"`, `<canvas id="chart-health"`, `<canvas id="chart-standing"`, `<canvas id="chart-reciprocity"`,
		`<canvas id="chart-promises"`, `<canvas id="chart-last-contact"`,
		`/vendor/chart.umd.min.js" defer></script>`, `/review.js" defer></script>`,
		// Every chart has its table, behind a disclosure.
		`<details class="figures-table">`, `<table id="table-efforts">`, `<caption>Effort outcomes in the period</caption>`,
		`<table id="table-promises">`, `<th scope="col">Yours</th>`, `<th scope="row">Kept</th><td class="num">1</td><td class="num">0</td>`,
		`<caption>Health of your relationships</caption>`, `<th scope="col">Health score</th>`, `<th scope="row">80–100</th>`,
		`<caption>Where relationships stand</caption>`, `<caption>Reciprocity: the balance of favors</caption>`,
		`<th scope="row">Thank-you pending</th><td class="num">1</td>`,
		// The period's favors, each number with its noun.
		"In the period: 1 favor given, 2 favors received (asks granted included).",
		// The one-sided relationships, names escaped.
		`<table id="only-me">`, "Anna &lt;Kowalska&gt;", `<table id="only-them">`, "Bogdan")
	mustNotContain(t, "the review", body, "Anna <Kowalska>")
	noInlineScript(t, body)

	// The charts' data is a JSON block, not a script: no inline script.
	raw := between(body, `<script type="application/json" id="review-data">`, "</script>")
	var data reviewData
	if err := json.Unmarshal([]byte(raw), &data); err != nil {
		t.Fatalf("review-data is not JSON: %v\n%s", err, raw)
	}
	var ids []string
	byID := map[string]int{}
	for k, c := range data.Charts {
		byID[c.ID] = k
		ids = append(ids, c.ID)
	}
	if data.Dir != "ltr" || data.Locale != "en" ||
		strings.Join(ids, " ") != "efforts effort-states health standing reciprocity promises kinds last-contact" {
		t.Fatalf("review-data = %+v", data)
	}
	health := data.Charts[byID["health"]]
	if got := strings.Join(health.Labels, " "); got != "0–19 20–39 40–59 60–79 80–100" || health.Type != "bar" {
		t.Errorf("health labels = %q, type %q", got, health.Type)
	}
	if got := fmt.Sprint(health.Series[0].Values); got != fmt.Sprint(wantByHealth) {
		t.Errorf("health values = %s, want %v", got, wantByHealth)
	}
	standing := data.Charts[byID["standing"]]
	if standing.Labels[0] != "In touch" || standing.Series[0].Values[0] != 2 {
		t.Errorf("standing = %+v", standing)
	}
	reciprocity := data.Charts[byID["reciprocity"]]
	if got := strings.Join(reciprocity.Labels, "|"); got != "Ahead|Even|Behind|In deficit|Thank-you pending" {
		t.Errorf("reciprocity labels = %q", got)
	}
	// Anna ahead; Bogdan at −2, the deficit setting, and owed a thank-you.
	if got := fmt.Sprint(reciprocity.Series[0].Values); got != "[1 0 0 1 1]" {
		t.Errorf("reciprocity values = %s", got)
	}
	promises := data.Charts[byID["promises"]]
	if promises.Series[0].Label != "Yours" || promises.Series[0].Values[0] != 1 {
		t.Errorf("promises = %+v", promises)
	}
	last := data.Charts[byID["last-contact"]]
	if n := len(last.Labels); n != 13 || last.Labels[n-1] != "November 2026" || last.Series[0].Values[n-1] != 1 || last.Series[0].Values[n-2] != 1 {
		t.Errorf("last contact = %+v", last)
	}
}

func TestReviewShowsTablesAloneWithoutChartJS(t *testing.T) {
	s := reviewSite(t, false, "en")
	code, body, _ := s.get("/review?since=2026-11-01")
	if code != http.StatusOK {
		t.Fatalf("GET /review = %d\n%s", code, body)
	}
	mustContain(t, "the review", body, "From November 1, 2026 to today.", `value="2026-11-01"`,
		`<details class="figures-table" open>`, `<table id="table-standing">`, `<th scope="row">Overdue</th>`,
		`<table id="table-health">`, `<table id="table-reciprocity">`, `<th scope="row">In deficit</th><td class="num">1</td>`,
		"In the period: 1 favor given, 2 favors received (asks granted included).",
		`<table id="table-last-contact">`, `<th scope="row">November 2026</th><td class="num">1</td>`,
		`<th scope="row">Kept</th><td class="num">1</td>`)
	mustNotContain(t, "the review", body, "<canvas", `id="review-data"`, "chart.umd.min.js", "review.js")
	noInlineScript(t, body)

	if code, _, _ := s.get("/review?since=yesterday"); code != http.StatusBadRequest {
		t.Fatalf("since=yesterday = %d, want 400", code)
	}
}

func TestReviewInArabicIsRightToLeftWithArabicLabels(t *testing.T) {
	s := reviewSite(t, true, "ar")
	code, body, _ := s.get("/review")
	if code != http.StatusOK {
		t.Fatalf("GET /review = %d\n%s", code, body)
	}
	var data reviewData
	if err := json.Unmarshal([]byte(between(body, `id="review-data">`, "</script>")), &data); err != nil {
		t.Fatal(err)
	}
	if data.Dir != "rtl" || data.Locale != "ar" {
		t.Fatalf("dir %q, locale %q", data.Dir, data.Locale)
	}
	mustContain(t, "the Arabic review", strings.Join(data.Charts[len(data.Charts)-1].Labels, "|"), "نوفمبر ٢٠٢٦")
	mustContain(t, "the Arabic review", html.UnescapeString(body), "جهتا اتصال في المراجعة.", "صحة العلاقات",
		"وضع العلاقات الآن", "المعاملة بالمثل: رصيد الخدمات",
		// The period's favors: one, and the dual.
		"خلال الفترة: قدّمت خدمة واحدة، وتلقيت خدمتين")
	for _, c := range data.Charts {
		switch c.ID {
		case "health":
			// The bands in Arabic-Indic digits, built from rules.HealthBand.
			if got := strings.Join(c.Labels, " "); got != "٠–١٩ ٢٠–٣٩ ٤٠–٥٩ ٦٠–٧٩ ٨٠–١٠٠" {
				t.Errorf("Arabic health labels = %q", got)
			}
			if got := fmt.Sprint(c.Series[0].Values); got != fmt.Sprint(wantByHealth) {
				t.Errorf("Arabic health values = %s", got)
			}
		case "reciprocity":
			if got := strings.Join(c.Labels, "|"); got != "لصالحك|متعادل|لصالح الطرف الآخر|عجز|بانتظار الشكر" {
				t.Errorf("Arabic reciprocity labels = %q", got)
			}
		}
	}
}

// noInlineScript fails if the page has a script the CSP would refuse: each
// <script> loads a file, or is a JSON data block (never executed).
func noInlineScript(t *testing.T, page string) {
	t.Helper()
	for rest := page; ; {
		i := strings.Index(rest, "<script")
		if i < 0 {
			return
		}
		rest = rest[i:]
		tag := rest[:strings.IndexByte(rest, '>')+1]
		if !strings.Contains(tag, ` src="/static/`) && !strings.Contains(tag, `type="application/json"`) {
			t.Errorf("inline script: %s", tag)
		}
		rest = rest[len(tag):]
	}
}

func TestReviewInPolishCountsTheFavorsWithTheirNouns(t *testing.T) {
	s := reviewSite(t, false, "pl")
	code, body, _ := s.get("/review")
	if code != http.StatusOK {
		t.Fatalf("GET /review = %d\n%s", code, body)
	}
	mustContain(t, "the Polish review", html.UnescapeString(body), "Kondycja relacji", "Stan relacji na dziś",
		"W tym okresie: 1 wyświadczona przysługa, 2 otrzymane przysługi (wliczając spełnione prośby).",
		`<th scope="row">80–100</th><td class="num">1</td>`, `<th scope="row">Deficyt</th><td class="num">1</td>`)
}
