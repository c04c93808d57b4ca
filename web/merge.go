package web

import (
	"net/http"
	"strconv"
	"strings"

	"rapport"
	"rapport/app"
)

// dupesView is the page of likely duplicates: groups of live contacts that
// share an email, a phone or their name.
type dupesView struct {
	Groups []dupeGroup
}

// dupeGroup is a group of likely duplicates, and why, in the page's
// language; Pairs are the merges to offer: each other contact into the
// group's first.
type dupeGroup struct {
	Contacts []app.DuplicateContact
	Why      string
	Pairs    []dupePair
}

// dupePair offers to merge Other into Keep.
type dupePair struct {
	Keep, Other app.DuplicateContact
}

func (w *Web) dupes(rw http.ResponseWriter, r *http.Request, pg *page) error {
	ds, err := w.svc.Duplicates(r.Context(), pg.P.Account.ID)
	if err != nil {
		return err
	}
	v := dupesView{}
	for _, d := range ds {
		var why []string
		for _, reason := range d.Reasons {
			why = append(why, pg.T("cli.import.dupes."+reason.By, "value", reason.Value))
		}
		g := dupeGroup{Contacts: d.Contacts, Why: pg.tr.List(why...)}
		for _, c := range d.Contacts[1:] {
			g.Pairs = append(g.Pairs, dupePair{Keep: d.Contacts[0], Other: c})
		}
		v.Groups = append(v.Groups, g)
	}
	pg.flash()
	pg.Data = v
	w.render(rw, http.StatusOK, "dupes", pg)
	return nil
}

// mergeContact merges the contact of the form's field other into the
// contact of the path, which is kept: other's history moves to it, and
// other goes to the trash.
func (w *Web) mergeContact(rw http.ResponseWriter, r *http.Request, pg *page) error {
	keep, err := w.liveContact(r, pg)
	if err != nil {
		return err
	}
	v := strings.TrimPrefix(strings.TrimSpace(r.PostFormValue("other")), "#")
	other, err := strconv.ParseInt(v, 10, 64)
	if err != nil || other < 1 {
		return w.contactAgain(rw, r, pg, keep, rapport.Invalid("other", v, "not an id: ids are whole numbers").Keyed("error.invalid.not_id", nil))
	}
	if _, err := w.svc.MergeContacts(r.Context(), pg.P.Account.ID, keep.ID, other); err != nil {
		return w.contactAgain(rw, r, pg, keep, err)
	}
	return redirect(rw, r, contactPath(keep), "merged")
}
