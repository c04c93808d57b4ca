package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"rapport"
	"rapport/app"
	"rapport/rules"
)

// pageSize is how many contacts a page of the list (or the trash) shows.
const pageSize = 50

// contactsView is the contacts page: the filters as given, and a page of
// results.
type contactsView struct {
	Q, Kind, Tier, Tag, State string
	Rows                      []contactRow
	Next                      string // the URL of the next page, "" on the last
	Filtered                  bool   // any filter is set
	Kinds                     []rapport.Kind
	Tiers                     []rapport.Tier
	States                    []app.ContactState
}

// contactRow is one contact of the list, with where it stands against its
// cadence (from its row alone: no history is read for the list).
type contactRow struct {
	*rapport.Contact
	Overdue, Dormant bool
	LastContactAt    *time.Time
}

// Tags are the contact's tags as one line.
func (r contactRow) TagList() string { return strings.Join(r.Tags, ", ") }

func (w *Web) contacts(rw http.ResponseWriter, r *http.Request, pg *page) error {
	q := r.URL.Query()
	v := contactsView{Q: strings.TrimSpace(q.Get("q")), Kind: q.Get("kind"), Tier: q.Get("tier"), Tag: strings.TrimSpace(q.Get("tag")),
		State: q.Get("state"), Kinds: rapport.Kinds, Tiers: rapport.Tiers, States: app.ContactStates}
	v.Filtered = v.Q != "" || v.Kind != "" || v.Tier != "" || v.Tag != "" || v.State != ""
	cq, err := app.ParseContactQuery(q, pageSize, pageSize)
	if err != nil {
		return err
	}
	cq.Filter.Deleted = false // the trash has its own page
	ctx, acct := r.Context(), pg.P.Account.ID
	l, err := w.svc.ListContacts(ctx, acct, cq)
	if err != nil {
		return err
	}
	set, err := w.svc.Settings(ctx, acct)
	if err != nil {
		return err
	}
	if l.NextCursor != "" {
		next := url.Values{}
		for _, k := range []string{"q", "kind", "tier", "tag", "state"} {
			if x := q.Get(k); x != "" {
				next.Set(k, x)
			}
		}
		next.Set("cursor", l.NextCursor)
		v.Next = "/contacts?" + next.Encode()
	}
	now := w.now()
	for _, c := range l.Items {
		st := rules.Evaluate(rules.History{Contact: c}, set, now)
		v.Rows = append(v.Rows, contactRow{Contact: c, Overdue: st.Overdue, Dormant: st.Dormant, LastContactAt: st.LastContactAt})
	}
	pg.flash()
	pg.Data = v
	w.render(rw, http.StatusOK, "contacts", pg)
	return nil
}

// now is the service's clock, as the use cases read it.
func (w *Web) now() time.Time { return w.svc.Now().Truncate(time.Millisecond) }

// contactForm is the form that adds or edits a contact: what the user
// typed, as they typed it.
type contactForm struct {
	ID, Version                                       int64
	DisplayName, Kind, Tier, Org, Title, Email, Phone string
	Lang, Gender, Birthday, Tags, HowWeMet            string
	// Entered is what the user had typed when their change met a newer
	// version: the form then shows the stored contact, and this beside it.
	Entered *contactForm
}

// Kinds, Tiers and Genders are the choices of the form's menus.
func (contactForm) Kinds() []rapport.Kind     { return rapport.Kinds }
func (contactForm) Tiers() []rapport.Tier     { return rapport.Tiers }
func (contactForm) Genders() []rapport.Gender { return rapport.Genders }

// Langs are the languages to offer: the interface's, and the contact's own
// if it is another.
func (f contactForm) Langs() []string {
	ls := []string{"en", "ar", "pl"}
	if f.Lang != "" && !slices.Contains(ls, f.Lang) {
		ls = append(ls, f.Lang)
	}
	return ls
}

// Known reports whether lang is one the interface has a name for.
func (contactForm) Known(lang string) bool { return lang == "en" || lang == "ar" || lang == "pl" }

func formOf(c *rapport.Contact) contactForm {
	f := contactForm{ID: c.ID, Version: c.Version, DisplayName: c.DisplayName, Kind: string(c.Kind), Tier: string(c.Tier),
		Org: c.Org, Title: c.Title, Lang: c.Lang, Gender: string(c.Gender), Tags: strings.Join(c.Tags, ", "), HowWeMet: c.HowWeMet}
	f.Email = joinPoints(c.Emails)
	f.Phone = joinPoints(c.Phones)
	if c.Birthday != nil {
		f.Birthday = c.Birthday.String()
	}
	return f
}

func joinPoints(ps []rapport.ContactPoint) string {
	vs := make([]string, len(ps))
	for k, p := range ps {
		vs[k] = p.Value
	}
	return strings.Join(vs, ", ")
}

func readContactForm(r *http.Request) contactForm {
	v := r.PostFormValue
	f := contactForm{DisplayName: v("display_name"), Kind: v("kind"), Tier: v("tier"), Org: v("org"), Title: v("title"),
		Email: v("email"), Phone: v("phone"), Lang: v("lang"), Gender: v("gender"), Birthday: v("birthday"),
		Tags: v("tags"), HowWeMet: v("how_we_met")}
	f.Version, _ = strconv.ParseInt(v("version"), 10, 64)
	return f
}

// patch is the change the form makes to old (nil for a new contact): the
// emails and phones keep the labels they had.
func (f contactForm) patch(old *rapport.Contact) app.ContactPatch {
	kind, tier, gender := rapport.Kind(strings.TrimSpace(f.Kind)), rapport.Tier(strings.TrimSpace(f.Tier)), rapport.Gender(strings.TrimSpace(f.Gender))
	var oldEmails, oldPhones []rapport.ContactPoint
	if old != nil {
		oldEmails, oldPhones = old.Emails, old.Phones
	}
	emails, phones := splitPoints(f.Email, oldEmails), splitPoints(f.Phone, oldPhones)
	tags := strings.Split(f.Tags, ",")
	lang := strings.TrimSpace(f.Lang)
	return app.ContactPatch{DisplayName: &f.DisplayName, Kind: &kind, Tier: &tier, Org: &f.Org, Title: &f.Title,
		Emails: &emails, Phones: &phones, Lang: &lang, Gender: &gender, Birthday: &f.Birthday, HowWeMet: &f.HowWeMet, Tags: &tags}
}

// splitPoints reads a comma-separated list of emails or phones; a value
// that was there before keeps its label.
func splitPoints(s string, old []rapport.ContactPoint) []rapport.ContactPoint {
	out := []rapport.ContactPoint{}
	for v := range strings.SplitSeq(s, ",") {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		p := rapport.ContactPoint{Label: "work", Value: v}
		for _, o := range old {
			if strings.EqualFold(o.Value, v) {
				p.Label = o.Label
			}
		}
		out = append(out, p)
	}
	return out
}

func (w *Web) newContactPage(rw http.ResponseWriter, r *http.Request, pg *page) error {
	pg.Data = contactForm{Kind: string(rapport.KindNetwork), Tier: string(rapport.TierWider), Gender: string(rapport.GenderUnknown)}
	w.render(rw, http.StatusOK, "contact_form", pg)
	return nil
}

func (w *Web) addContact(rw http.ResponseWriter, r *http.Request, pg *page) error {
	f := readContactForm(r)
	f.ID, f.Version = 0, 0
	c := &rapport.Contact{}
	p := f.patch(nil)
	if err := p.Apply(c); err != nil {
		return w.again(rw, pg, "contact_form", f, err)
	}
	if err := w.svc.AddContact(r.Context(), pg.P.Account.ID, c); err != nil {
		return w.again(rw, pg, "contact_form", f, err)
	}
	return redirect(rw, r, "/contacts/"+strconv.FormatInt(c.ID, 10), "contact_added")
}

// liveContact reads the contact of the path, which must not be in the trash.
func (w *Web) liveContact(r *http.Request, pg *page) (*rapport.Contact, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	c, err := w.svc.Store.Contact(r.Context(), pg.P.Account.ID, id)
	if err != nil {
		return nil, err
	}
	if c.DeletedAt != nil {
		return nil, errTrashed(id)
	}
	return c, nil
}

// errTrashed refuses to change a contact in the trash.
func errTrashed(id int64) error {
	return rapport.Errorf(rapport.ENOTFOUND, "contact %d is in the trash: restore it first", id).Keyed("web.contact.trashed", nil)
}

func (w *Web) editContactPage(rw http.ResponseWriter, r *http.Request, pg *page) error {
	c, err := w.liveContact(r, pg)
	if err != nil {
		return err
	}
	pg.Data = formOf(c)
	w.render(rw, http.StatusOK, "contact_form", pg)
	return nil
}

func (w *Web) editContact(rw http.ResponseWriter, r *http.Request, pg *page) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := readContactForm(r)
	f.ID = id
	if f.Version < 1 {
		// A form always carries the version it was read at: without one,
		// the change could overwrite someone else's.
		return w.again(rw, pg, "contact_form", f, rapport.Invalid("version", r.PostFormValue("version"), "not an id: ids are whole numbers").
			Keyed("error.invalid.not_id", nil))
	}
	ctx, acct := r.Context(), pg.P.Account.ID
	_, err = w.svc.EditContactAt(ctx, acct, id, f.Version, func(c *rapport.Contact) error {
		if c.DeletedAt != nil {
			return errTrashed(id)
		}
		p := f.patch(c)
		return p.Apply(c)
	})
	var e *rapport.Error
	if errors.As(err, &e) && e.Stale {
		// Someone changed the contact meanwhile: show the stored version to
		// redo the change on, and what the user typed beside it.
		c, rerr := w.svc.Store.Contact(ctx, acct, id)
		if rerr != nil {
			return rerr
		}
		stored := formOf(c)
		entered := f
		stored.Entered = &entered
		return w.again(rw, pg, "contact_form", stored, err)
	}
	if err != nil {
		return w.again(rw, pg, "contact_form", f, err)
	}
	return redirect(rw, r, "/contacts/"+strconv.FormatInt(id, 10), "contact_saved")
}

func (w *Web) deleteContact(rw http.ResponseWriter, r *http.Request, pg *page) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := w.svc.DeleteContact(r.Context(), pg.P.Account.ID, id); err != nil {
		return err
	}
	return redirect(rw, r, "/trash", "contact_deleted")
}

func (w *Web) restoreContact(rw http.ResponseWriter, r *http.Request, pg *page) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := w.svc.RestoreContact(r.Context(), pg.P.Account.ID, id); err != nil {
		return err
	}
	return redirect(rw, r, "/contacts/"+strconv.FormatInt(id, 10), "contact_restored")
}
