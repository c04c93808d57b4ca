package web

import (
	"net/http"
	"strings"

	"rapport"
	"rapport/app"
	"rapport/httpstatus"
	"rapport/session"
)

// home sends a signed-in user to Today and shows anyone else the sign-in.
func (w *Web) home(rw http.ResponseWriter, r *http.Request, pg *page) error {
	if pg.P != nil {
		http.Redirect(rw, r, "/today", http.StatusSeeOther)
		return nil
	}
	return w.signinPage(rw, r, pg)
}

// authForm is what the sign-in, sign-up and invitation forms show again
// after a mistake (never the password).
type authForm struct {
	Next, Email, DisplayName, AccountName, Lang, Gender, Token string
}

func (w *Web) signinPage(rw http.ResponseWriter, r *http.Request, pg *page) error {
	pg.Data = authForm{Next: safeNext(r.URL.Query().Get("next"))}
	w.render(rw, http.StatusOK, "signin", pg)
	return nil
}

func (w *Web) signin(rw http.ResponseWriter, r *http.Request, pg *page) error {
	f := authForm{Next: safeNext(r.PostFormValue("next")), Email: strings.TrimSpace(r.PostFormValue("email"))}
	in, err := w.svc.SignIn(r.Context(), f.Email, r.PostFormValue("password"), session.ClientAddr(r))
	if err != nil {
		return w.again(rw, pg, "signin", f, err)
	}
	session.Set(rw, r, in.Credential, in.ExpiresAt)
	return redirect(rw, r, f.Next, "")
}

// again shows a form again with its error, with the status of the error.
func (w *Web) again(rw http.ResponseWriter, pg *page, name string, f any, err error) error {
	pg.Data, pg.Error = f, pg.errorText(err)
	status := httpstatus.Of(err)
	if status == http.StatusInternalServerError {
		return err
	}
	w.render(rw, status, name, pg)
	return nil
}

func (w *Web) signupPage(rw http.ResponseWriter, r *http.Request, pg *page) error {
	pg.Data = authForm{Lang: pg.Lang(), Gender: string(rapport.GenderUnknown)}
	w.render(rw, http.StatusOK, "signup", pg)
	return nil
}

func (w *Web) signup(rw http.ResponseWriter, r *http.Request, pg *page) error {
	f := authForm{Email: strings.TrimSpace(r.PostFormValue("email")), DisplayName: r.PostFormValue("display_name"),
		AccountName: r.PostFormValue("account_name"), Lang: r.PostFormValue("lang"), Gender: r.PostFormValue("gender")}
	in, err := w.svc.SignUp(r.Context(), app.SignUpRequest{AccountName: f.AccountName, DisplayName: f.DisplayName,
		Email: f.Email, Password: r.PostFormValue("password"), Lang: f.Lang, Gender: rapport.Gender(f.Gender)})
	if err != nil {
		return w.again(rw, pg, "signup", f, err)
	}
	session.Set(rw, r, in.Credential, in.ExpiresAt)
	return redirect(rw, r, "/today", "welcome")
}

func (w *Web) invitePage(rw http.ResponseWriter, r *http.Request, pg *page) error {
	pg.Data = authForm{Token: r.PathValue("token"), Lang: pg.Lang(), Gender: string(rapport.GenderUnknown)}
	w.render(rw, http.StatusOK, "invite", pg)
	return nil
}

func (w *Web) acceptInvite(rw http.ResponseWriter, r *http.Request, pg *page) error {
	f := authForm{Token: r.PathValue("token"), Email: strings.TrimSpace(r.PostFormValue("email")),
		DisplayName: r.PostFormValue("display_name"), Lang: r.PostFormValue("lang"), Gender: r.PostFormValue("gender")}
	in, err := w.svc.AcceptInvite(r.Context(), app.AcceptInviteRequest{Token: f.Token, DisplayName: f.DisplayName,
		Email: f.Email, Password: r.PostFormValue("password"), Lang: f.Lang, Gender: rapport.Gender(f.Gender)})
	if err != nil {
		return w.again(rw, pg, "invite", f, err)
	}
	session.Set(rw, r, in.Credential, in.ExpiresAt)
	return redirect(rw, r, "/today", "welcome")
}

func (w *Web) signout(rw http.ResponseWriter, r *http.Request, pg *page) error {
	if err := w.svc.SignOut(r.Context(), pg.P); err != nil {
		return err
	}
	session.Clear(rw, r)
	return redirect(rw, r, "/signin", "")
}
