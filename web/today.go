package web

import (
	"net/http"

	"rapport"
	"rapport/app"
	"rapport/rules"
)

// todayView is Today's page: the agenda, and how many more of each kind the
// review has, in the agenda's order (rules.ItemKinds).
type todayView struct {
	Items []rules.Item
	More  []moreItems
}

// moreItems is one "… and N more" line of Today: Count items of Kind left out.
type moreItems struct {
	Kind  rules.ItemKind
	Count int
}

func (w *Web) today(rw http.ResponseWriter, r *http.Request, pg *page) error {
	t, err := w.svc.Today(r.Context(), pg.P.Account.ID)
	if err != nil {
		return err
	}
	app.LocalizeItems(pg.tr, t.Items)
	pg.flash()
	var more []moreItems
	for _, k := range rules.ItemKinds {
		if n := t.More[k]; n > 0 {
			more = append(more, moreItems{Kind: k, Count: n})
		}
	}
	pg.Data = todayView{Items: t.Items, More: more}
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
