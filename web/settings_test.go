package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"rapport"
)

func TestSettingsRefuseAnInvalidValueNamingItAndSaveNothing(t *testing.T) {
	s := newSiteWith(t, nil)
	token := s.signUp("en")
	code, body, _ := s.get("/settings")
	if code != http.StatusOK {
		t.Fatalf("GET /settings = %d\n%s", code, body)
	}
	mustContain(t, "the owner's settings", body, `name="section" value="thresholds"`, `name="dormant_days"`, `value="180"`,
		`name="reciprocity_deficit"`, `min="-100" max="-1"`, `name="section" value="profile"`, `name="display_name"`, `value="Maya"`)

	form := func(edit func(url.Values)) url.Values {
		f := url.Values{"csrf_token": {token}, "section": {"thresholds"}}
		d := rapport.DefaultSettings()
		for name, v := range map[string]int{"cadence_inner_days": d.CadenceInnerDays, "cadence_core_days": d.CadenceCoreDays,
			"cadence_wider_days": d.CadenceWiderDays, "dormant_days": d.DormantDays, "max_attempts": d.MaxAttempts,
			"no_response_days": d.NoResponseDays, "network_min_conversations": d.NetworkMinConversations,
			"network_min_known_days": d.NetworkMinKnownDays, "repeat_ask_days": d.RepeatAskDays,
			"reciprocity_deficit": d.ReciprocityDeficit, "birthday_window_days": d.BirthdayWindowDays} {
			f.Set(name, strconv.Itoa(v))
		}
		edit(f)
		return f
	}
	stored := func() rapport.Settings {
		set, err := s.svc.Settings(context.Background(), s.owner().Account.ID)
		if err != nil {
			t.Fatal(err)
		}
		return set
	}

	// A cadence changed and a dormancy of 0 days: refused, naming the
	// field, and the cadence is not saved either.
	code, body, _ = s.post("/settings", form(func(f url.Values) { f.Set("cadence_core_days", "45"); f.Set("dormant_days", "0") }))
	if code != http.StatusBadRequest {
		t.Fatalf("dormant_days=0 = %d\n%s", code, body)
	}
	alert := html.UnescapeString(between(body, `<p class="error" role="alert">`, "</p>"))
	mustContain(t, "the refusal", alert, "Dormant after (days)", "between 1 and 3,650")
	mustContain(t, "the form again", body, `id="setting-dormant_days"`, `aria-invalid="true"`, `id="setting-dormant_days-problem"`, `value="45"`)
	if got := stored(); got != rapport.DefaultSettings() {
		t.Fatalf("saved %+v after a refusal", got)
	}

	// Not a number: refused the same way.
	code, body, _ = s.post("/settings", form(func(f url.Values) { f.Set("max_attempts", "three") }))
	if code != http.StatusBadRequest || !strings.Contains(html.UnescapeString(body), "Attempts before giving up") {
		t.Fatalf("max_attempts=three = %d\n%s", code, body)
	}

	// Valid: saved, and the page says so.
	code, _, h := s.post("/settings", form(func(f url.Values) { f.Set("dormant_days", "200"); f.Set("reciprocity_deficit", "-3") }))
	if code != http.StatusSeeOther || h.Get("Location") != "/settings?done=settings_saved" {
		t.Fatalf("a valid save = %d to %q", code, h.Get("Location"))
	}
	if got := stored(); got.DormantDays != 200 || got.ReciprocityDeficit != -3 || got.CadenceCoreDays != 30 {
		t.Fatalf("saved %+v", got)
	}
	_, body, _ = s.get("/settings?done=settings_saved")
	mustContain(t, "the confirmation", body, `<p class="flash" role="status">Thresholds saved.</p>`, `value="200"`)
}

func TestAViewerCannotSaveThresholdsButChangesTheirOwnLanguage(t *testing.T) {
	s := newSiteWith(t, nil)
	s.signUp("en")
	token := s.joinAs(rapport.RoleViewer, "en")

	code, body, _ := s.get("/settings")
	if code != http.StatusOK {
		t.Fatalf("GET /settings = %d\n%s", code, body)
	}
	mustContain(t, "the viewer's settings", body, "Only the account’s owner can change these.", `<table class="settings-table"`,
		"Dormant after (days)", `<td class="num">180</td>`, `name="section" value="profile"`)
	mustNotContain(t, "the viewer's settings", body, `name="dormant_days"`, `value="thresholds"`)

	code, _, _ = s.post("/settings", url.Values{"csrf_token": {token}, "section": {"thresholds"}, "dormant_days": {"200"}})
	if code != http.StatusForbidden {
		t.Fatalf("a viewer saving thresholds = %d, want 403", code)
	}
	if set, _ := s.svc.Settings(context.Background(), s.owner().Account.ID); set.DormantDays != 180 {
		t.Fatalf("a viewer changed the settings: %+v", set)
	}

	// Their own profile: saved, and the next page speaks Polish.
	code, _, h := s.post("/settings", url.Values{"csrf_token": {token}, "section": {"profile"},
		"display_name": {"Wiktoria <W>"}, "lang": {"pl"}, "gender": {"feminine"}})
	if code != http.StatusSeeOther || h.Get("Location") != "/settings?done=profile_saved" {
		t.Fatalf("a viewer saving their profile = %d to %q", code, h.Get("Location"))
	}
	_, body, _ = s.get(h.Get("Location"))
	mustContain(t, "the next page", body, `<html lang="pl" dir="ltr">`, "Zapisano profil.", "Ustawienia",
		`value="Wiktoria &lt;W&gt;"`, `value="feminine" checked`)
	mustNotContain(t, "the next page", body, "Wiktoria <W>")

	// A language Rapport does not speak, or no name: refused on the form.
	code, body, _ = s.post("/settings", url.Values{"csrf_token": {token}, "section": {"profile"},
		"display_name": {"Wiktoria"}, "lang": {"de"}, "gender": {"feminine"}})
	if code != http.StatusBadRequest || !strings.Contains(body, "Język") {
		t.Fatalf("lang=de = %d\n%s", code, body)
	}
	code, _, _ = s.post("/settings", url.Values{"csrf_token": {token}, "section": {"profile"},
		"display_name": {" "}, "lang": {"pl"}, "gender": {"feminine"}})
	if code != http.StatusBadRequest {
		t.Fatalf("an empty name = %d, want 400", code)
	}
}
