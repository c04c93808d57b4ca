package browser_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// ScreenshotsEnv asks TestScreenshots to write docs/screenshots/.
const ScreenshotsEnv = "RAPPORT_SCREENSHOTS"

// TestScreenshots writes the README's screenshots of Today, a contact's
// page and the review, in English and Arabic, on a desktop (1280×800) and
// a phone (360 px wide), from the demo account. Regenerate them with
// .ci/screenshots (which runs .ci/assets first, so the review draws its
// charts), or:
//
//	RAPPORT_SCREENSHOTS=1 RAPPORT_TEST_CHROMIUM=/usr/bin/chromium go test -count=1 -run TestScreenshots ./web/browser
//
// The desktop shots are the first screen, as a user sees it; the phone
// shots are the whole page, to show that nothing overlaps or overflows.
func TestScreenshots(t *testing.T) {
	if os.Getenv(ScreenshotsEnv) != "1" {
		t.Skipf("screenshots not written: set %s=1 (and %s) to write docs/screenshots/, or run .ci/screenshots", ScreenshotsEnv, ChromiumEnv)
	}
	s := newSite(t)
	d := s.seed()
	s.signIn()
	dir := repoPath("docs/screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// Charts are drawn at once, without their animation.
	s.do("reduce motion", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}})
		return err
	}))
	pages := []struct{ name, path string }{
		{"today", "/today"},
		{"contact", fmt.Sprintf("/contacts/%d", d.anna)},
		{"review", "/review"},
	}
	for _, screen := range []struct {
		name          string
		width, height int64
		full          bool
	}{{"desktop", 1280, 800, false}, {"mobile", 360, 780, true}} {
		s.do("a "+screen.name+" screen", chromedp.EmulateViewport(screen.width, screen.height))
		for _, lang := range []string{"en", "ar"} {
			for _, p := range pages {
				name := fmt.Sprintf("%s-%s-%s.png", p.name, lang, screen.name)
				s.open(p.path + "?lang=" + lang)
				s.noOverflow(name, screen.width)
				var png []byte
				if screen.full {
					png = run(s, "screenshot "+name, chromedp.FullScreenshot(100))
				} else {
					png = run(s, "screenshot "+name, chromedp.CaptureScreenshot())
				}
				if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s (%d kB)", filepath.Join("docs/screenshots", name), len(png)/1000)
			}
		}
	}
}

// noOverflow fails the test when the page is wider than the screen (a
// horizontal scroll bar) or when an element sticks out of it (cut off).
func (s *site) noOverflow(what string, width int64) {
	s.t.Helper()
	wide := run(s, "the widest element", chromedp.Evaluate[[]string](fmt.Sprintf(`(() => {
		const out = [];
		const w = %d;
		if (document.documentElement.scrollWidth > w) out.push("the page is " + document.documentElement.scrollWidth + " px wide");
		for (const el of document.querySelectorAll("main *, header *")) {
			const r = el.getBoundingClientRect();
			// Sticking out of an edge; what is wholly off screen is hidden
			// on purpose (the skip link, a small screen's table heads).
			if (r.width > 0 && ((r.left < w && r.right > w + 1) || (r.left < -1 && r.right > 0)))
				out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).replace(/ /g, ".") : "") + " spans " + Math.round(r.left) + "…" + Math.round(r.right));
		}
		return out.slice(0, 10);
	})()`, width)))
	for _, w := range wide {
		s.t.Errorf("%s: %s", what, w)
	}
}
