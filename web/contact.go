package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"rapport"
	"rapport/app"
	"rapport/httpstatus"
	"rapport/rules"
)

// timelineLimit is how many interactions the contact page lists unless the
// whole timeline is asked for (?timeline=all).
const timelineLimit = 100

// contactView is a contact's page: the contact, what the rules say of it,
// and its records. It is built from one read of the contact's history.
type contactView struct {
	C             *rapport.Contact
	St            rules.Status
	Timeline      []timelineRow
	TimelineTotal int
	TimelineCut   bool // the timeline shows only the latest timelineLimit
	Open          []*rapport.Promise
	Resolved      []*rapport.Promise
	Favors        []*rapport.Favor
	Trust         []*rapport.TrustEvent
	Notes         []*rapport.Note
	Today         string // YYYY-MM-DD, the earliest due date to offer
}

// timelineRow is one interaction as the contact page shows it.
type timelineRow struct {
	*rapport.Interaction
	// Effective is the outcome as the rules read it now: a scheduled
	// meeting long past without an outcome is read as no response.
	Effective rapport.Outcome
	// Others is how many other contacts took part.
	Others int
}

// Scheduled reports whether the interaction waits for its outcome.
func (t timelineRow) Scheduled() bool { return t.Outcome == rapport.OutcomeScheduled }

// Live reports whether the interaction was a live conversation.
func (t timelineRow) Live() bool { return t.Channel.Live() }

// Outcomes are what a scheduled interaction can turn out to be.
func (timelineRow) Outcomes() []rapport.Outcome {
	return []rapport.Outcome{rapport.OutcomeHeld, rapport.OutcomeDeclined, rapport.OutcomeNoResponse, rapport.OutcomeCancelled}
}

// Path is the contact page's path.
func (v contactView) Path() string { return "/contacts/" + strconv.FormatInt(v.C.ID, 10) }

// Gender is the contact's gender as the catalogs take it.
func (v contactView) Gender() string { return string(v.C.Gender) }

// Trashed reports whether the contact is in the trash.
func (v contactView) Trashed() bool { return v.C.DeletedAt != nil }

// Emails and Phones are the contact's addresses as one line each.
func (v contactView) Emails() string { return joinPoints(v.C.Emails) }
func (v contactView) Phones() string { return joinPoints(v.C.Phones) }

// Tags is the contact's tags as one line.
func (v contactView) Tags() string { return strings.Join(v.C.Tags, ", ") }

// Birthday is the contact's birthday as the language writes it.
func (v contactView) Birthday(pg *page) string {
	b := v.C.Birthday
	if b == nil {
		return ""
	}
	if b.Year == 0 {
		return pg.tr.DayMonth(time.Date(2000, b.Month, b.Day, 0, 0, 0, 0, time.UTC))
	}
	return pg.tr.Date(time.Date(b.Year, b.Month, b.Day, 0, 0, 0, 0, time.UTC))
}

// FavorDirs, FavorKinds and FavorOutcomes are the choices of the favor form.
func (contactView) FavorDirs() []rapport.FavorDir { return rapport.FavorDirs }
func (contactView) FavorKinds() []rapport.FavorKind {
	return rapport.FavorKinds
}
func (contactView) FavorOutcomes() []string { return []string{"", "granted", "partial", "declined"} }

// ActiveEffort, GivenUp and ReachedOut say where the effort stands.
func (v contactView) ActiveEffort() bool { return v.St.Effort.State == rules.EffortActive }
func (v contactView) GivenUp() bool      { return v.St.Effort.State == rules.EffortGivenUp }

// Breached reports whether trust has breaches to reset.
func (v contactView) Breached() bool { return v.St.Trust.State != rules.TrustGood }

// FactorPoints writes a factor's points with their sign: +40, 0, −5.
func (pg *page) FactorPoints(n int) string {
	switch {
	case n > 0:
		return "+" + pg.Number(n)
	case n < 0:
		return "−" + pg.Number(-n)
	}
	return pg.Number(0)
}

// contact shows a contact's page.
func (w *Web) contact(rw http.ResponseWriter, r *http.Request, pg *page) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, err := w.svc.Store.Contact(r.Context(), pg.P.Account.ID, id)
	if err != nil {
		return err
	}
	pg.flash()
	return w.showContact(rw, r, pg, c, http.StatusOK)
}

// showContact renders a contact's page with a status: 200, or the status
// of the error the page shows (pg.Error) after a form.
func (w *Web) showContact(rw http.ResponseWriter, r *http.Request, pg *page, c *rapport.Contact, status int) error {
	ctx, acct := r.Context(), pg.P.Account.ID
	set, err := w.svc.Settings(ctx, acct)
	if err != nil {
		return err
	}
	h, err := w.svc.History(ctx, acct, c)
	if err != nil {
		return err
	}
	notes, err := w.svc.Store.Notes(ctx, acct, c.ID)
	if err != nil {
		return err
	}
	now := w.now()
	st := rules.Evaluate(h, set, now)
	app.LocalizeStatus(pg.tr, &st)
	v := contactView{C: c, St: st, Favors: h.Favors, Trust: h.Trust, Notes: notes, TimelineTotal: len(h.Interactions),
		Today: now.Format("2006-01-02")}
	is := h.Interactions // newest first, as the store lists them
	if len(is) > timelineLimit && r.URL.Query().Get("timeline") != "all" {
		is, v.TimelineCut = is[:timelineLimit], true
	}
	for _, i := range is {
		v.Timeline = append(v.Timeline, timelineRow{Interaction: i, Effective: rules.EffectiveOutcome(i, set, now), Others: max(len(i.ContactIDs)-1, 0)})
	}
	for _, p := range h.Promises {
		if p.State == rapport.PromiseOpen {
			v.Open = append(v.Open, p)
		} else {
			v.Resolved = append(v.Resolved, p)
		}
	}
	pg.Data = v
	w.render(rw, status, "contact", pg)
	return nil
}

// contactAgain shows the contact's page again with the error of a form on
// it: a mistake or a refusal of the rules, with its status. Anything else
// is the error page's.
func (w *Web) contactAgain(rw http.ResponseWriter, r *http.Request, pg *page, c *rapport.Contact, err error) error {
	switch rapport.ErrorCodeOf(err) {
	case rapport.EINVALID, rapport.ECONFLICT:
	default:
		return err
	}
	status := httpstatus.Of(err)
	pg.Error = pg.errorText(err)
	return w.showContact(rw, r, pg, c, status)
}

// contactPath is where a form on a contact's page goes back to.
func contactPath(c *rapport.Contact) string { return "/contacts/" + strconv.FormatInt(c.ID, 10) }

func (w *Web) startEffort(rw http.ResponseWriter, r *http.Request, pg *page) error {
	c, err := w.liveContact(r, pg)
	if err != nil {
		return err
	}
	goal := strings.TrimSpace(r.PostFormValue("goal"))
	if _, err := w.svc.StartEffort(r.Context(), pg.P.Account.ID, c, goal); err != nil {
		return w.contactAgain(rw, r, pg, c, err)
	}
	return redirect(rw, r, contactPath(c), "effort_started")
}

func (w *Web) addPromise(rw http.ResponseWriter, r *http.Request, pg *page) error {
	c, err := w.liveContact(r, pg)
	if err != nil {
		return err
	}
	p := &rapport.Promise{ContactID: c.ID, By: rapport.PromiseBy(r.PostFormValue("by")), What: strings.TrimSpace(r.PostFormValue("what")),
		State: rapport.PromiseOpen}
	if due := strings.TrimSpace(r.PostFormValue("due")); due != "" {
		t, err := time.ParseInLocation("2006-01-02", due, w.now().Location())
		if err != nil {
			return w.contactAgain(rw, r, pg, c, rapport.Invalid("due", due, "use one of: YYYY-MM-DD").
				Keyed("error.invalid.time", map[string]any{"formats": "YYYY-MM-DD"}))
		}
		p.Due = &t
	}
	if err := p.Validate(); err != nil {
		return w.contactAgain(rw, r, pg, c, err)
	}
	if err := w.svc.AddPromise(r.Context(), pg.P.Account.ID, p); err != nil {
		return w.contactAgain(rw, r, pg, c, err)
	}
	return redirect(rw, r, contactPath(c), "promise_added")
}

// breakPromise marks a promise broken, and goes back where the user was.
func (w *Web) breakPromise(rw http.ResponseWriter, r *http.Request, pg *page) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := w.svc.ResolvePromise(r.Context(), pg.P.Account.ID, id, rapport.PromiseBroken); err != nil {
		return err
	}
	return redirect(rw, r, safeNext(r.PostFormValue("next")), "promise_broken")
}

func (w *Web) addFavor(rw http.ResponseWriter, r *http.Request, pg *page) error {
	c, err := w.liveContact(r, pg)
	if err != nil {
		return err
	}
	f := &rapport.Favor{ContactID: c.ID, Dir: rapport.FavorDir(r.PostFormValue("dir")), Kind: rapport.FavorKind(r.PostFormValue("kind")),
		About: strings.TrimSpace(r.PostFormValue("about")), Outcome: rapport.FavorOutcome(r.PostFormValue("outcome"))}
	if f.Kind == "" {
		f.Kind = rapport.FavorOther
	}
	if f.Dir != rapport.FavorAsked {
		f.Outcome = rapport.FavorPending // only an ask has an outcome
	}
	if err := f.Validate(); err != nil {
		return w.contactAgain(rw, r, pg, c, err)
	}
	if err := w.svc.AddFavor(r.Context(), pg.P.Account.ID, f); err != nil {
		return w.contactAgain(rw, r, pg, c, err)
	}
	return redirect(rw, r, contactPath(c), "favor_added")
}

// thank records the thank-you for the last favor not yet thanked, from
// Today (which goes back to Today) or the contact's page (next).
func (w *Web) thank(rw http.ResponseWriter, r *http.Request, pg *page) error {
	c, err := w.liveContact(r, pg)
	if err != nil {
		return err
	}
	if _, err := w.svc.Thank(r.Context(), pg.P.Account.ID, c); err != nil {
		return err
	}
	return redirect(rw, r, safeNext(r.PostFormValue("next")), "thanked")
}

func (w *Web) recordTrust(rw http.ResponseWriter, r *http.Request, pg *page) error {
	c, err := w.liveContact(r, pg)
	if err != nil {
		return err
	}
	kind, err := rapport.ParseEnum("kind", r.PostFormValue("kind"), []rapport.TrustEventKind{rapport.TrustBreach, rapport.TrustReset})
	if err != nil {
		return w.contactAgain(rw, r, pg, c, err)
	}
	t := &rapport.TrustEvent{ContactID: c.ID, Kind: kind, Note: strings.TrimSpace(r.PostFormValue("note"))}
	if err := t.Validate(); err != nil {
		return w.contactAgain(rw, r, pg, c, err)
	}
	if _, err := w.svc.RecordTrust(r.Context(), pg.P.Account.ID, c, kind, t.Note); err != nil {
		return w.contactAgain(rw, r, pg, c, err)
	}
	return redirect(rw, r, contactPath(c), "trust_"+string(kind))
}

func (w *Web) addNote(rw http.ResponseWriter, r *http.Request, pg *page) error {
	c, err := w.liveContact(r, pg)
	if err != nil {
		return err
	}
	body := strings.TrimSpace(r.PostFormValue("body"))
	if body == "" {
		return w.contactAgain(rw, r, pg, c, rapport.Invalid("body", body, "a note needs some text").Keyed("error.invalid.note_text", nil))
	}
	if _, err := w.svc.AddNote(r.Context(), pg.P.Account.ID, c.ID, body); err != nil {
		return w.contactAgain(rw, r, pg, c, err)
	}
	return redirect(rw, r, contactPath(c), "note_added")
}

// setOutcome records what became of an interaction, at the version the
// page showed, and goes back where the user was.
func (w *Web) setOutcome(rw http.ResponseWriter, r *http.Request, pg *page) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return rapport.NotFound("interaction", r.PathValue("id"))
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	o, err := rapport.ParseEnum("outcome", r.PostFormValue("outcome"), rapport.Outcomes)
	if err != nil {
		return err
	}
	if _, err := w.svc.SetOutcomeAt(r.Context(), pg.P.Account.ID, id, version, o); err != nil {
		return err
	}
	return redirect(rw, r, safeNext(r.PostFormValue("next")), "outcome_recorded")
}

// InZone is a stored time (UTC) in the clock's time zone, where the rules
// count days: what the pages show.
func (p *page) InZone(t any) time.Time {
	loc := p.w.now().Location()
	switch v := t.(type) {
	case time.Time:
		return v.In(loc)
	case *time.Time:
		if v != nil {
			return v.In(loc)
		}
	}
	return time.Time{}
}
