package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"rapport"
	"rapport/app"
	"rapport/rules"
)

// logChoices is how many contacts the log form offers to tick, besides
// those already chosen: a search narrows them.
const logChoices = 50

// datetimeLocal is the format of an <input type="datetime-local">.
const datetimeLocal = "2006-01-02T15:04"

// logView is the log page: the form, and after a POST what the rules made
// of the interaction logged.
type logView struct {
	Q        string
	Choices  []logChoice
	Selected []int64
	// The form's fields, as given (a new form: the defaults).
	Channel, Direction, Outcome, At, Note string
	Invitation                            bool
	// Logged is set after a POST that logged: with whom, and the rules' check.
	Logged *loggedView
}

type logChoice struct {
	ID      int64
	Name    string
	Org     string
	Checked bool
}

type loggedView struct {
	Names    []string
	Check    rules.LogCheck
	Warnings []rules.Warning
}

// Channels, Directions and Outcomes are the choices of the form.
func (logView) Channels() []rapport.Channel     { return rapport.Channels }
func (logView) Directions() []rapport.Direction { return rapport.Directions }
func (logView) Outcomes() []rapport.Outcome     { return rapport.Outcomes }

// Written reports whether a channel is written (never an attempt).
func (logView) Written(c rapport.Channel) bool { return !c.Live() }

func (w *Web) logPage(rw http.ResponseWriter, r *http.Request, pg *page) error {
	q := r.URL.Query()
	v := logView{Q: strings.TrimSpace(q.Get("q")), Channel: string(rapport.ChannelCall), Direction: string(rapport.Outbound)}
	for _, s := range append(q["contact"], q["contact_ids"]...) {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 && !slices.Contains(v.Selected, id) {
			v.Selected = append(v.Selected, id)
		}
	}
	if err := w.logChoices(r, pg, &v); err != nil {
		return err
	}
	pg.flash()
	pg.Data = v
	w.render(rw, http.StatusOK, "log", pg)
	return nil
}

// logChoices fills the contacts to tick: the chosen ones first, then those
// the search finds (the first by name without a search).
func (w *Web) logChoices(r *http.Request, pg *page, v *logView) error {
	ctx, acct := r.Context(), pg.P.Account.ID
	v.Choices = nil
	if len(v.Selected) > 0 {
		cs, err := w.svc.Store.Contacts(ctx, acct, rapport.ContactFilter{IDs: v.Selected})
		if err != nil {
			return err
		}
		for _, c := range cs {
			v.Choices = append(v.Choices, logChoice{ID: c.ID, Name: c.DisplayName, Org: c.Org, Checked: true})
		}
	}
	cs, err := w.svc.Store.Contacts(ctx, acct, rapport.ContactFilter{Search: v.Q, Limit: logChoices})
	if err != nil {
		return err
	}
	for _, c := range cs {
		if !slices.Contains(v.Selected, c.ID) {
			v.Choices = append(v.Choices, logChoice{ID: c.ID, Name: c.DisplayName, Org: c.Org})
		}
	}
	return nil
}

func (w *Web) logInteraction(rw http.ResponseWriter, r *http.Request, pg *page) error {
	if err := r.ParseForm(); err != nil {
		return rapport.Invalid("form", "", "not a form").Keyed("error.invalid.required", nil)
	}
	v := logView{Q: strings.TrimSpace(r.PostFormValue("q")), Channel: r.PostFormValue("channel"), Direction: r.PostFormValue("direction"),
		Outcome: r.PostFormValue("outcome"), At: strings.TrimSpace(r.PostFormValue("at")), Note: r.PostFormValue("note"),
		Invitation: r.PostFormValue("invitation") == "true"}
	i := &rapport.Interaction{Channel: rapport.Channel(v.Channel), Direction: rapport.Direction(v.Direction),
		Outcome: rapport.Outcome(v.Outcome), Invitation: v.Invitation, Note: v.Note}
	var bad error
	for _, s := range r.PostForm["contact_ids"] {
		id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || id < 1 {
			bad = rapport.Invalid("contact_ids", s, "not an id: ids are whole numbers").Keyed("error.invalid.not_id", nil)
			continue
		}
		if !slices.Contains(v.Selected, id) {
			v.Selected = append(v.Selected, id)
		}
	}
	i.ContactIDs = slices.Clone(v.Selected)
	if bad == nil && v.At != "" {
		at, err := time.ParseInLocation(datetimeLocal, v.At, w.now().Location())
		if err != nil {
			bad = rapport.Invalid("at", v.At, "use one of: YYYY-MM-DDTHH:MM").Keyed("error.invalid.time", map[string]any{"formats": "YYYY-MM-DDTHH:MM"})
		}
		i.At = at
	}
	if bad == nil && len(i.ContactIDs) == 0 {
		bad = rapport.Invalid("contacts", "", "an interaction involves at least one contact").Keyed("error.invalid.contacts_required", nil)
	}
	var check rules.LogCheck
	if bad == nil {
		check, bad = w.svc.LogChecked(r.Context(), pg.P.Account.ID, i)
	}
	if bad != nil {
		if rapport.ErrorCodeOf(bad) == rapport.EINTERNAL {
			return bad
		}
		if err := w.logChoices(r, pg, &v); err != nil {
			return err
		}
		return w.again(rw, pg, "log", v, bad)
	}
	app.LocalizeWarnings(pg.tr, check.Warnings)
	logged := &loggedView{Check: check, Warnings: check.Warnings}
	// A new form, for the same people: what is logged next is often with them.
	v = logView{Selected: v.Selected, Q: v.Q, Channel: string(rapport.ChannelCall), Direction: string(rapport.Outbound), Logged: logged}
	if err := w.logChoices(r, pg, &v); err != nil {
		return err
	}
	for _, c := range v.Choices {
		if c.Checked {
			logged.Names = append(logged.Names, c.Name)
		}
	}
	pg.Data = v
	w.render(rw, http.StatusOK, "log", pg)
	return nil
}
