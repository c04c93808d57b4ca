package web

import (
	"net/http"
	"net/url"

	"rapport"
	"rapport/app"
)

// trashView is the trash: a page of deleted contacts, by name.
type trashView struct {
	Contacts []*rapport.Contact
	Next     string
}

func (w *Web) trash(rw http.ResponseWriter, r *http.Request, pg *page) error {
	q := app.ContactQuery{Filter: rapport.ContactFilter{Deleted: true}, Cursor: r.URL.Query().Get("cursor"), Limit: pageSize}
	l, err := w.svc.ListContacts(r.Context(), pg.P.Account.ID, q)
	if err != nil {
		return err
	}
	v := trashView{Contacts: l.Items}
	if l.NextCursor != "" {
		v.Next = "/trash?" + url.Values{"cursor": {l.NextCursor}}.Encode()
	}
	pg.flash()
	pg.Data = v
	w.render(rw, http.StatusOK, "trash", pg)
	return nil
}
