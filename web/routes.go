package web

import (
	"net/http"

	"rapport"
)

// routes is the table of the web app's pages. GET shows a page; POST is a
// form's action, which answers with a redirect (303) to the page to show.
func (w *Web) routes() {
	const (
		read  = rapport.PermRead
		write = rapport.PermWrite
		admin = rapport.PermAdmin
	)
	m := w.mux
	m.HandleFunc("GET /static/{hash}/{name...}", w.assets.serve)
	m.HandleFunc("/", w.notFound)
	m.Handle("GET /{$}", w.public(w.home))
	m.Handle("GET /signin", w.public(w.signinPage))
	m.Handle("POST /signin", w.public(w.signin))
	m.Handle("GET /signup", w.public(w.signupPage))
	m.Handle("POST /signup", w.public(w.signup))
	m.Handle("GET /invite/{token}", w.public(w.invitePage))
	m.Handle("POST /invite/{token}", w.public(w.acceptInvite))
	m.Handle("POST /signout", w.signedIn(read, w.signout))

	m.Handle("GET /today", w.signedIn(read, w.today))
	m.Handle("POST /promises/{id}/keep", w.signedIn(write, w.keepPromise))

	// Contacts, a contact's page and its forms, the log and the trash.
	m.Handle("GET /contacts", w.signedIn(read, w.contacts))
	m.Handle("GET /contacts/new", w.signedIn(write, w.newContactPage))
	m.Handle("POST /contacts/new", w.signedIn(write, w.addContact))
	m.Handle("GET /contacts/{id}", w.signedIn(read, w.contact))
	m.Handle("GET /contacts/{id}/edit", w.signedIn(write, w.editContactPage))
	m.Handle("POST /contacts/{id}/edit", w.signedIn(write, w.editContact))
	m.Handle("POST /contacts/{id}/delete", w.signedIn(write, w.deleteContact))
	m.Handle("POST /contacts/{id}/restore", w.signedIn(write, w.restoreContact))
	m.Handle("POST /contacts/{id}/effort", w.signedIn(write, w.startEffort))
	m.Handle("POST /contacts/{id}/promises", w.signedIn(write, w.addPromise))
	m.Handle("POST /promises/{id}/break", w.signedIn(write, w.breakPromise))
	m.Handle("POST /contacts/{id}/favors", w.signedIn(write, w.addFavor))
	m.Handle("POST /contacts/{id}/thank", w.signedIn(write, w.thank))
	m.Handle("POST /contacts/{id}/trust", w.signedIn(write, w.recordTrust))
	m.Handle("POST /contacts/{id}/notes", w.signedIn(write, w.addNote))
	m.Handle("POST /interactions/{id}/outcome", w.signedIn(write, w.setOutcome))
	m.Handle("GET /log", w.signedIn(read, w.logPage))
	m.Handle("POST /log", w.signedIn(write, w.logInteraction))
	m.Handle("GET /trash", w.signedIn(read, w.trash))

	// Imports, likely duplicates and merges (issue 8: import.go, merge.go).
	m.Handle("GET /import", w.signedIn(write, w.importPage))
	m.Handle("POST /import", w.signedIn(write, w.importFile))
	m.Handle("GET /contacts/dupes", w.signedIn(read, w.dupes))
	m.Handle("POST /contacts/{id}/merge", w.signedIn(write, w.mergeContact))

	// The ask check and the composer write nothing: a reader may use them.
	m.Handle("GET /contacts/{id}/ask", w.signedIn(read, w.askPage))
	m.Handle("POST /contacts/{id}/ask", w.signedIn(read, w.checkAsk))
	m.Handle("GET /contacts/{id}/compose", w.signedIn(read, w.composePage))
	m.Handle("POST /contacts/{id}/compose", w.signedIn(read, w.composeDraft))
	m.Handle("GET /review", w.signedIn(read, w.review))
	// Anyone signed in saves their own profile; the thresholds need admin,
	// which saveSettings checks.
	m.Handle("GET /settings", w.signedIn(read, w.settingsPage))
	m.Handle("POST /settings", w.signedIn(read, w.saveSettings))
}

// notFound is what the app answers for a path it does not have.
func (w *Web) notFound(rw http.ResponseWriter, r *http.Request) {
	p, _ := w.principal(r)
	pg := w.newPage(r, p)
	pg.Error = pg.T("web.error.not_found")
	w.render(rw, http.StatusNotFound, "error", pg)
}
