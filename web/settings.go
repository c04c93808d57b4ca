package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"rapport"
	"rapport/i18n"
)

// settingsView is the settings page: the user's own profile, which anyone
// signed in may change for themselves, and the account's thresholds, which
// only the owner may change (others see them read-only).
type settingsView struct {
	// The profile, as the "profile-fields" partial reads it.
	DisplayName, Lang, Gender string
	Groups                    []settingsGroup
	CanSave                   bool // the thresholds: the owner only
}

// settingsGroup is a fieldset of thresholds.
type settingsGroup struct {
	ID, Title string
	Fields    []settingField
}

// settingField is one threshold: its form name (the JSON name of
// rapport.Settings), its label, its bounds, and the value shown (what the
// user typed, after a mistake).
type settingField struct {
	Name, Label, Hint, Value string
	Min, Max                 int
	Problem                  string
	v                        *int
}

// Int is the threshold's value.
func (f settingField) Int() int { return *f.v }

// settingsLayout groups the thresholds, by form name, as the page shows them.
var settingsLayout = []struct {
	id     string
	fields []string
}{
	{"keep", []string{"cadence_inner_days", "cadence_core_days", "cadence_wider_days", "dormant_days", "birthday_window_days"}},
	{"efforts", []string{"max_attempts", "no_response_days"}},
	{"asks", []string{"network_min_conversations", "network_min_known_days", "repeat_ask_days"}},
	{"reciprocity", []string{"reciprocity_deficit"}},
}

// settingsGroups lays out s's thresholds; each field points into s.
func settingsGroups(pg *page, s *rapport.Settings) []settingsGroup {
	ptr := map[string]*int{
		"cadence_inner_days": &s.CadenceInnerDays, "cadence_core_days": &s.CadenceCoreDays,
		"cadence_wider_days": &s.CadenceWiderDays, "dormant_days": &s.DormantDays,
		"max_attempts": &s.MaxAttempts, "no_response_days": &s.NoResponseDays,
		"network_min_conversations": &s.NetworkMinConversations, "network_min_known_days": &s.NetworkMinKnownDays,
		"repeat_ask_days": &s.RepeatAskDays, "reciprocity_deficit": &s.ReciprocityDeficit,
		"birthday_window_days": &s.BirthdayWindowDays,
	}
	var gs []settingsGroup
	for _, l := range settingsLayout {
		g := settingsGroup{ID: l.id, Title: pg.T("web.settings.group." + l.id)}
		for _, name := range l.fields {
			f := settingField{Name: name, Label: pg.T("web.settings.field." + name), Hint: pg.T("web.settings.hint." + name),
				Min: 1, Max: 3650, v: ptr[name]}
			if name == "reciprocity_deficit" {
				f.Min, f.Max = -100, -1
			}
			f.Value = strconv.Itoa(*f.v)
			g.Fields = append(g.Fields, f)
		}
		gs = append(gs, g)
	}
	return gs
}

func (w *Web) newSettingsView(r *http.Request, pg *page) (*settingsView, *rapport.Settings, error) {
	set, err := w.svc.Settings(r.Context(), pg.P.Account.ID)
	if err != nil {
		return nil, nil, err
	}
	u := pg.P.User
	lang, _ := i18n.Match(u.Lang)
	if lang == "" {
		lang = "en"
	}
	gender := string(u.Gender)
	if gender == "" {
		gender = string(rapport.GenderUnknown)
	}
	v := &settingsView{DisplayName: u.DisplayName, Lang: lang, Gender: gender, CanSave: pg.P.Can(rapport.PermAdmin)}
	v.Groups = settingsGroups(pg, &set)
	return v, &set, nil
}

func (w *Web) settingsPage(rw http.ResponseWriter, r *http.Request, pg *page) error {
	v, _, err := w.newSettingsView(r, pg)
	if err != nil {
		return err
	}
	pg.flash()
	pg.Data = v
	w.render(rw, http.StatusOK, "settings", pg)
	return nil
}

// saveSettings saves one of the page's two forms (section): the user's own
// profile, or the account's thresholds, which need the owner. The language
// chosen takes effect on the page the redirect shows.
func (w *Web) saveSettings(rw http.ResponseWriter, r *http.Request, pg *page) error {
	v, set, err := w.newSettingsView(r, pg)
	if err != nil {
		return err
	}
	pg.Data = v
	switch r.PostFormValue("section") {
	case "profile":
		v.DisplayName, v.Lang, v.Gender = r.PostFormValue("display_name"), r.PostFormValue("lang"), r.PostFormValue("gender")
		if v.Gender == "" {
			v.Gender = string(rapport.GenderUnknown)
		}
		if !isSupported(v.Lang) {
			c := strings.Join(i18n.Supported, ", ")
			return w.settingsProblem(rw, pg, pg.T("web.auth.lang"), nil,
				rapport.Invalid("lang", v.Lang, "must be one of "+c).Keyed("error.invalid.one_of", map[string]any{"choices": c}))
		}
		if _, err := w.svc.UpdateProfile(r.Context(), pg.P, v.DisplayName, v.Lang, rapport.Gender(v.Gender)); err != nil {
			label := map[string]string{"display_name": "web.auth.display_name", "lang": "web.auth.lang", "gender": "web.auth.gender"}
			return w.settingsProblem(rw, pg, pg.T(label[fieldOf(err)]), nil, err)
		}
		return redirect(rw, r, "/settings", "profile_saved")
	case "thresholds":
		if !pg.P.Can(rapport.PermAdmin) {
			return (&rapport.Error{Code: rapport.EFORBIDDEN, Message: "only the account's owner may change its settings"}).Keyed("web.error.forbidden", nil)
		}
		// Every field is read before anything is checked, so that the form
		// shows again all the user typed; nothing is saved unless all are
		// valid. A field the form leaves out keeps its value.
		var bad *settingField
		for gi := range v.Groups {
			for fi := range v.Groups[gi].Fields {
				f := &v.Groups[gi].Fields[fi]
				if _, sent := r.PostForm[f.Name]; !sent {
					continue
				}
				f.Value = strings.TrimSpace(r.PostFormValue(f.Name))
				n, err := strconv.Atoi(f.Value)
				if err != nil && bad == nil {
					bad = f
				}
				*f.v = n
			}
		}
		if bad != nil {
			return w.settingsProblem(rw, pg, "", bad,
				rapport.Invalid(bad.Name, bad.Value, "not a whole number").Keyed("error.invalid.whole_number", nil))
		}
		if err := set.Validate(); err != nil {
			return w.settingsProblem(rw, pg, "", v.field(fieldOf(err)), err)
		}
		if err := w.svc.SaveSettings(r.Context(), pg.P.Account.ID, *set); err != nil {
			return w.settingsProblem(rw, pg, "", v.field(fieldOf(err)), err)
		}
		return redirect(rw, r, "/settings", "settings_saved")
	}
	return rapport.Invalid("section", r.PostFormValue("section"), "must be one of profile, thresholds").
		Keyed("error.invalid.one_of", map[string]any{"choices": "profile, thresholds"})
}

// field is the threshold of a form name, or nil.
func (v *settingsView) field(name string) *settingField {
	for gi := range v.Groups {
		for fi := range v.Groups[gi].Fields {
			if f := &v.Groups[gi].Fields[fi]; f.Name == name {
				return f
			}
		}
	}
	return nil
}

// settingsProblem shows the page again with what was wrong, naming the
// field by its label (label, or f's), beside the field f if there is one.
func (w *Web) settingsProblem(rw http.ResponseWriter, pg *page, label string, f *settingField, err error) error {
	if rapport.ErrorCodeOf(err) == rapport.EINTERNAL {
		return err
	}
	if f != nil && label == "" {
		label = f.Label
	}
	msg := fieldErrorText(pg, label, err)
	if f != nil {
		f.Problem = msg
	}
	pg.Error = msg
	w.render(rw, http.StatusBadRequest, "settings", pg)
	return nil
}

// fieldErrorText says an invalid value in the page's language, naming the
// field by its label rather than by its name in the API.
func fieldErrorText(pg *page, label string, err error) string {
	var e *rapport.Error
	if label == "" || !errors.As(err, &e) || e.Code != rapport.EINVALID || e.Key == "" {
		return pg.errorText(err)
	}
	args := i18n.Args{}
	for k, v := range e.Args {
		args[k] = v
	}
	why, rerr := pg.tr.Render(e.Key, args)
	if rerr != nil {
		return pg.errorText(err)
	}
	if _, framed := e.Args["value"]; !framed {
		return label + ": " + why
	}
	args["field"], args["why"] = i18n.Text(label), i18n.Text(why)
	if s, rerr := pg.tr.Render("error.invalid_value", args); rerr == nil {
		return s
	}
	return pg.errorText(err)
}

// fieldOf is the field an error names, if any.
func fieldOf(err error) string {
	var e *rapport.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

func isSupported(lang string) bool {
	for _, l := range i18n.Supported {
		if l == lang {
			return true
		}
	}
	return false
}
