package web

import (
	"net/http"

	"rapport"
	"rapport/app"
	"rapport/rules"
)

// todayView is Today's page: the agenda, and how many more the review has.
type todayView struct {
	Items []rules.Item
	More  map[rules.ItemKind]int
}

func (w *Web) today(rw http.ResponseWriter, r *http.Request, pg *page) error {
	t, err := w.svc.Today(r.Context(), pg.P.Account.ID)
	if err != nil {
		return err
	}
	app.LocalizeItems(pg.tr, t.Items)
	pg.flash()
	pg.Data = todayView{Items: t.Items, More: t.More}
	w.render(rw, http.StatusOK, "today", pg)
	return nil
}

// keepPromise marks a promise kept, from Today or a contact's page, and
// goes back where the user was.
func (w *Web) keepPromise(rw http.ResponseWriter, r *http.Request, pg *page) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := w.svc.ResolvePromise(r.Context(), pg.P.Account.ID, id, rapport.PromiseKept); err != nil {
		return err
	}
	return redirect(rw, r, safeNext(r.PostFormValue("next")), "promise_kept")
}
