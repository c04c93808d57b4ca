package web_test

import (
	"context"
	"encoding/json"
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

// reviewSite is a site whose owner has a few contacts, interactions and
// resolved promises; vendor says whether Chart.js is embedded.
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
	return s
}

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
		`<canvas id="chart-efforts"`, `<canvas id="chart-health"`, `<canvas id="chart-promises"`, `<canvas id="chart-last-contact"`,
		`/vendor/chart.umd.min.js" defer></script>`, `/review.js" defer></script>`,
		// Every chart has its table, behind a disclosure.
		`<details class="figures-table">`, `<table id="table-efforts">`, `<caption>Effort outcomes in the period</caption>`,
		`<table id="table-promises">`, `<th scope="col">Yours</th>`, `<th scope="row">Kept</th><td class="num">1</td><td class="num">0</td>`,
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
	if data.Dir != "ltr" || data.Locale != "en" || len(data.Charts) != 6 {
		t.Fatalf("review-data = %+v", data)
	}
	byID := map[string]int{}
	for k, c := range data.Charts {
		byID[c.ID] = k
	}
	health := data.Charts[byID["health"]]
	if health.Labels[0] != "In touch" || health.Series[0].Values[0] != 2 {
		t.Errorf("health = %+v", health)
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
		`<details class="figures-table" open>`, `<table id="table-health">`, `<th scope="row">Overdue</th>`,
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
	mustContain(t, "the Arabic review", html.UnescapeString(body), "جهتا اتصال في المراجعة.", "صحة العلاقات")
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
