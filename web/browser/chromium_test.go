// Package browser_test drives the web app in a real, headless Chromium:
// what a user does (sign up, add a contact, log, ask, draft, keep a
// promise), axe-core's accessibility checks of every page in every
// language, and the screenshots of docs/screenshots/.
//
// Chromium is required where RAPPORT_TEST_CHROMIUM names it (CI), and the
// tests are skipped, saying how to run them, where it is unset:
//
//	.ci/assets   # npm ci: axe-core, htmx and Chart.js in web/node_modules
//	RAPPORT_TEST_CHROMIUM=/usr/bin/chromium go test ./web/browser
//
// One Chromium serves every test; each test has a tab of its own, in a
// browser context of its own (its own cookies), on a server of its own.
package browser_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"rapport/app"
	"rapport/password"
	"rapport/server"
	"rapport/sqlstore/sqltest"
	"rapport/web"
)

// ChromiumEnv names the variable that holds the path of the Chromium the
// tests drive. Set, the tests need it; unset, they are skipped.
const ChromiumEnv = "RAPPORT_TEST_CHROMIUM"

// actionTimeout bounds one step of a test (a navigation, a click, a wait).
const actionTimeout = 20 * time.Second

// chrome is the one browser of the test binary, started by the first test
// that needs it and closed by TestMain.
var chrome struct {
	once   sync.Once
	ctx    context.Context // the browser's first tab: the parent of every test's tab
	cancel context.CancelFunc
	dir    string // its profile, a fresh --user-data-dir
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if chrome.cancel != nil {
		chrome.cancel() // closes Chromium, and waits for it
	}
	if chrome.dir != "" {
		os.RemoveAll(chrome.dir)
	}
	os.Exit(code)
}

// browser is the running Chromium; it skips the test when
// RAPPORT_TEST_CHROMIUM is unset, and fails it when Chromium cannot start.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv(ChromiumEnv)
	if path == "" {
		t.Skipf("browser tests skipped: set %s to Chromium's path to run them, after .ci/assets (npm ci) installed axe-core, e.g. "+
			"apt-get install chromium && .ci/assets && %s=/usr/bin/chromium go test ./web/browser", ChromiumEnv, ChromiumEnv)
	}
	chrome.once.Do(func() { chrome.err = startChromium(path) })
	if chrome.err != nil {
		t.Fatalf("%s=%s: Chromium cannot be started: %v", ChromiumEnv, path, chrome.err)
	}
	return chrome.ctx
}

// startChromium starts headless Chromium as this machine needs it: no
// sandbox (CI runs as root), no GPU, no network of its own (background
// networking, component updates and sync off: the closed network refuses
// them), a fresh profile.
func startChromium(path string) error {
	if _, err := os.Stat(path); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "rapport-chromium-")
	if err != nil {
		return err
	}
	chrome.dir = dir
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.WindowSize(1280, 800),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	chrome.ctx = ctx
	chrome.cancel = func() { cancelCtx(); cancelAlloc() }
	// The first Do starts the browser; its life is bound to ctx, which has
	// no deadline.
	start := make(chan error, 1)
	go func() { start <- chromedp.Do(ctx) }()
	select {
	case err := <-start:
		return err
	case <-time.After(60 * time.Second):
		return errors.New("Chromium did not start within a minute")
	}
}

// site is the web app on a fresh SQLite database, behind the real server,
// with a Chromium tab of its own.
type site struct {
	t   *testing.T
	url string
	svc *app.Service
	tab context.Context
	now time.Time
}

// newSite starts the app, and opens a tab in a new browser context (no
// cookie of another test's site: cookies do not tell ports apart).
func newSite(t *testing.T) *site {
	t.Helper()
	browser(t) // skips, or fails, before anything starts
	// The clock stands still during a test, on the wall clock's minute: the
	// session cookie the browser keeps must not have expired by its clock.
	now := time.Now().UTC().Truncate(time.Minute)
	svc := &app.Service{Store: sqltest.Open(t, "sqlite"), Now: func() time.Time { return now }, Passwords: password.Fast}
	w, err := web.New(web.Config{Service: svc, Log: slog.New(slog.NewTextHandler(testLog{t}, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Config{Service: svc, JobEvery: -1, Web: w})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	s := &site{t: t, url: ts.URL, svc: svc, now: now}
	s.tab = s.newTab()
	return s
}

// newTab opens another tab on the site, in a browser context of its own
// (not signed in).
func (s *site) newTab() context.Context {
	s.t.Helper()
	tab, cancel := chromedp.NewContext(browser(s.t), chromedp.WithNewBrowserContext())
	s.t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		s.t.Fatalf("a new tab: %v", err)
	}
	return tab
}

// testLog writes the web app's log to the test's.
type testLog struct{ t *testing.T }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// do runs steps in the tab, failing the test with what it was doing.
func (s *site) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.tab, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		s.t.Fatalf("%s: %v\n%s", what, err, s.pageText())
	}
}

// run runs one action that returns a value.
func run[T any](s *site, what string, a chromedp.Action[T]) T {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.tab, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		s.t.Fatalf("%s: %v\n%s", what, err, s.pageText())
	}
	return v
}

// pageText is where the tab is and what it shows, for a failure message.
func (s *site) pageText() string {
	ctx, cancel := context.WithTimeout(s.tab, 5*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if len(text) > 3000 {
		text = text[:3000] + "…"
	}
	return fmt.Sprintf("at %s, the page says:\n%s", loc, text)
}

// open loads a page of the site and checks it answered 200.
func (s *site) open(path string) {
	s.t.Helper()
	s.openWant(path, 200)
}

// openWant loads a page of the site and checks its status.
func (s *site) openWant(path string, status int64) {
	s.t.Helper()
	resp := run(s, "GET "+path, chromedp.NavigateResponse(s.url+path))
	if resp == nil {
		s.t.Fatalf("GET %s: no page loaded\n%s", path, s.pageText())
	}
	if resp.Status != status {
		s.t.Fatalf("GET %s: %d, want %d\n%s", path, resp.Status, status, s.pageText())
	}
}

// submit clicks a button (or link) that loads a page, and checks the page
// it ends on (after redirects) answered 200.
func (s *site) submit(css string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.tab, actionTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(css), chromedp.NodeVisible))
	if err != nil {
		s.t.Fatalf("click %s: %v\n%s", css, err, s.pageText())
	}
	s.mustBeOK("click "+css, resp)
}

func (s *site) mustBeOK(what string, resp *network.Response) {
	s.t.Helper()
	if resp == nil {
		s.t.Fatalf("%s: no page loaded\n%s", what, s.pageText())
	}
	if resp.Status != 200 {
		s.t.Fatalf("%s: %s answered %d\n%s", what, resp.URL, resp.Status, s.pageText())
	}
}

// hasHTMX reports whether the page runs htmx (web/static/vendor/ filled by
// .ci/assets): then its hx-post forms answer in place, without a new page.
func (s *site) hasHTMX() bool {
	return run(s, "is htmx there", chromedp.Evaluate[bool](`typeof window.htmx !== "undefined"`))
}

// submitInPlace clicks the submit button of a form that htmx answers in
// place, or that loads a new page without htmx; then waits for wantCSS.
func (s *site) submitInPlace(css, wantCSS string) {
	s.t.Helper()
	if s.hasHTMX() {
		s.do("click "+css, chromedp.Click(chromedp.CSS(css), chromedp.NodeVisible))
	} else {
		s.submit(css)
	}
	s.do("wait for "+wantCSS, chromedp.WaitVisible(chromedp.CSS(wantCSS)))
}

// typeIn empties a field and types text into it, key by key.
func (s *site) typeIn(css, text string) {
	s.t.Helper()
	s.do("type into "+css, chromedp.WaitVisible(chromedp.CSS(css)),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).value = ""`, css)),
		chromedp.SendKeys(chromedp.CSS(css), text, chromedp.NodeVisible))
	if got := run(s, "read "+css, value(css)); got != text {
		s.t.Fatalf("typed %q into %s, which holds %q", text, css, got)
	}
}

// choose picks the option of a select with value.
func (s *site) choose(css, value string) {
	s.t.Helper()
	s.do("choose "+value+" in "+css, chromedp.SetValue(chromedp.CSS(css), value, chromedp.NodeVisible))
	if got := run(s, "read "+css, chromedp.Value(chromedp.CSS(css))); got != value {
		s.t.Fatalf("%s has no option %q (it shows %q)", css, value, got)
	}
}

// text is the rendered text of the first element css matches.
func (s *site) text(css string) string {
	s.t.Helper()
	return run(s, "read "+css, chromedp.Text(chromedp.CSS(css), chromedp.NodeVisible))
}

// attr is an attribute of the first element css matches ("" when absent).
func (s *site) attr(css, name string) string {
	s.t.Helper()
	return run(s, "read "+name+" of "+css, chromedp.AttributeValue(chromedp.CSS(css), name, chromedp.NodeReady)).Value
}

// count is how many elements css matches.
func (s *site) count(css string) int {
	s.t.Helper()
	return run(s, "count "+css, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, css)))
}

// location is the path and query the tab shows.
func (s *site) location() string {
	s.t.Helper()
	loc := run(s, "location", chromedp.Location())
	return strings.TrimPrefix(loc, s.url)
}

// mustContain fails the test unless text holds every want.
func mustContain(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

// repoPath is a path from the repository's root (the tests run in web/browser).
func repoPath(p string) string { return filepath.Join("..", "..", filepath.FromSlash(p)) }

// click is a click on the first visible element css matches.
func click(css string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.CSS(css), chromedp.NodeVisible)
}

// value is the value of a field.
func value(css string) chromedp.Action[string] {
	return chromedp.Value(chromedp.CSS(css), chromedp.NodeReady)
}

// jsChecked reports whether a checkbox or radio button is checked.
func jsChecked(css string) chromedp.Action[bool] {
	return chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector(%q).checked`, css))
}

// jsDirection is the direction an element is laid out in (ltr, rtl).
func jsDirection(css string) chromedp.Action[string] {
	return chromedp.Evaluate[string](fmt.Sprintf(`getComputedStyle(document.querySelector(%q)).direction`, css))
}
