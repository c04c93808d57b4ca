package web

import (
	"net/http"
	"strconv"
	"strings"

	"rapport"
	"rapport/app"
	"rapport/rules"
)

// askView is the ask check's page: the form, filled in as the user left it,
// and the verdict once they asked for one.
type askView struct {
	Contact *rapport.Contact
	Kinds   []rapport.FavorKind
	Kind    string
	About   string
	Behalf  string
	Checked bool            // a verdict was asked for
	Result  rules.AskResult // the verdict, when Checked
	Problem string          // why the form was refused, in the page's language
}

// askPage shows the form that checks an ask before the user makes it.
func (w *Web) askPage(rw http.ResponseWriter, r *http.Request, pg *page) error {
	c, err := w.pathContact(r, pg)
	if err != nil {
		return err
	}
	pg.Data = &askView{Contact: c, Kinds: rapport.FavorKinds, Kind: string(rapport.FavorAdvice)}
	w.render(rw, http.StatusOK, "ask", pg)
	return nil
}

// checkAsk answers the form with the verdict of the rules: the warnings,
// each with what to do instead, or that nothing should hurt. It records
// nothing, so a reader may ask it.
func (w *Web) checkAsk(rw http.ResponseWriter, r *http.Request, pg *page) error {
	c, err := w.pathContact(r, pg)
	if err != nil {
		return err
	}
	v := &askView{Contact: c, Kinds: rapport.FavorKinds, Kind: r.PostFormValue("kind"),
		About: strings.TrimSpace(r.PostFormValue("about")), Behalf: strings.TrimSpace(r.PostFormValue("on_behalf"))}
	pg.Data = v
	kind, err := rapport.ParseEnum("kind", v.Kind, rapport.FavorKinds)
	if err != nil {
		return w.formProblem(rw, pg, "ask", &v.Problem, err)
	}
	v.Kind = string(kind)
	res, err := w.svc.CheckAsk(r.Context(), pg.P.Account.ID, c, rules.Ask{Kind: kind, About: v.About, OnBehalf: v.Behalf})
	if err != nil {
		return err
	}
	app.LocalizeWarnings(pg.tr, res.Warnings)
	v.Checked, v.Result = true, res
	w.render(rw, http.StatusOK, "ask", pg)
	return nil
}

// pathContact is the live contact the path names ({id}), in the signed-in
// user's account: a contact in the trash is not found.
func (w *Web) pathContact(r *http.Request, pg *page) (*rapport.Contact, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return w.svc.ResolveContact(r.Context(), pg.P.Account.ID, strconv.FormatInt(id, 10), false)
}

// formProblem shows a form again with what was wrong in it, beside the
// form's result (problem points into the page's data). A plain form gets
// 400; an htmx request gets 200, since htmx swaps no error response into
// the page and the user would see nothing. An internal error is no
// problem of the form's: it goes to the error page.
func (w *Web) formProblem(rw http.ResponseWriter, pg *page, name string, problem *string, err error) error {
	if rapport.ErrorCodeOf(err) == rapport.EINTERNAL {
		return err
	}
	*problem = pg.errorText(err)
	status := http.StatusBadRequest
	if pg.r.Header.Get("HX-Request") == "true" {
		status = http.StatusOK
	}
	w.render(rw, status, name, pg)
	return nil
}
