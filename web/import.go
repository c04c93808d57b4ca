package web

import (
	"errors"
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"rapport"
	"rapport/app"
	"rapport/httpstatus"
)

// importFormats are the files the import page reads. Restoring a JSON
// export stays with the command line (rapport import json).
var importFormats = []app.ImportFormat{app.ImportVCard, app.ImportLinkedIn, app.ImportGoogle, app.ImportICS}

// importView is the import page: the form as sent, and what the import
// did once it ran.
type importView struct {
	Formats []app.ImportFormat
	Format  string
	SkipBad bool
	Result  *importResult
}

// importResult is what an import did, in the page's language.
type importResult struct {
	File                       string
	Created, Merged, Unchanged []importedContact
	Logged, LoggedBefore       int
	Skipped, Warnings          []string // each names its line
	Nothing                    bool
}

// importedContact is a record of the file and the contact it went to.
type importedContact struct {
	Line  int
	ID    int64
	Name  string
	Added string // what a merge added, as a list in the page's language
}

func (w *Web) importPage(rw http.ResponseWriter, r *http.Request, pg *page) error {
	pg.Data = importView{Formats: importFormats, Format: string(app.ImportVCard)}
	w.render(rw, http.StatusOK, "import", pg)
	return nil
}

// importFile reads an uploaded file into the account, all of it or
// nothing, and shows what it did. The multipart form was read within
// MaxUpload before the CSRF token was checked (signedIn).
func (w *Web) importFile(rw http.ResponseWriter, r *http.Request, pg *page) error {
	v := importView{Formats: importFormats, Format: r.FormValue("format"), SkipBad: r.FormValue("skip_bad") != ""}
	again := func(err error) error {
		switch rapport.ErrorCodeOf(err) {
		case rapport.EINVALID, rapport.ENOTFOUND, rapport.ECONFLICT:
		default:
			return err
		}
		pg.Error = pg.errorText(err)
		pg.Data = v
		w.render(rw, httpstatus.Of(err), "import", pg)
		return nil
	}
	format := app.ImportFormat(v.Format)
	if !slices.Contains(importFormats, format) {
		choices := rapport.Choices(importFormats)
		return again(rapport.Invalid("format", v.Format, "must be one of "+choices).
			Keyed("error.invalid.one_of", map[string]any{"choices": choices}))
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return again((&rapport.Error{Code: rapport.EINVALID, Message: "the file is too large"}).
				Keyed("web.import.too_large", map[string]any{"size": "64 MiB"}))
		}
		return again((&rapport.Error{Code: rapport.EINVALID, Field: "file", Message: "choose a file to import"}).
			Keyed("web.import.no_file", nil))
	}
	defer f.Close()
	name := filepath.Base(hdr.Filename)
	res, err := w.svc.Import(r.Context(), pg.P.Account.ID, format, f, app.ImportOptions{SkipBad: v.SkipBad, Location: w.now().Location()})
	if err != nil {
		var e *rapport.Error
		if !errors.As(err, &e) || e.Code == rapport.EINTERNAL {
			return err
		}
		// The error names the line (LocalizeError, through errorText).
		return again((&rapport.Error{Code: e.Code, Message: name + ": " + e.Message, Err: err}).
			Keyed("web.import.refused", map[string]any{"path": name, "error": pg.errorText(err)}))
	}
	v.Result = w.importResultOf(pg, name, res)
	pg.Data = v
	w.render(rw, http.StatusOK, "import", pg)
	return nil
}

func (w *Web) importResultOf(pg *page, name string, res *app.ImportResult) *importResult {
	out := &importResult{File: name, Logged: len(res.Interactions.Created), LoggedBefore: len(res.Interactions.Unchanged)}
	list := func(rs []app.ContactRecord) []importedContact {
		var cs []importedContact
		for _, c := range rs {
			var added []string
			for _, a := range c.Added {
				added = append(added, pg.fieldName(a))
			}
			cs = append(cs, importedContact{Line: c.Line, ID: c.ID, Name: c.Name, Added: pg.tr.List(added...)})
		}
		return cs
	}
	out.Created, out.Merged, out.Unchanged = list(res.Contacts.Created), list(res.Contacts.Merged), list(res.Contacts.Unchanged)
	for _, s := range res.Skipped {
		out.Skipped = append(out.Skipped, app.LocalizeSkipped(pg.tr, s))
	}
	for _, wn := range res.Warnings {
		out.Warnings = append(out.Warnings, app.LocalizeWarning(pg.tr, wn))
	}
	out.Nothing = len(out.Created)+len(out.Merged)+len(out.Unchanged)+out.Logged+out.LoggedBefore+len(out.Skipped)+len(out.Warnings) == 0
	return out
}

// fieldName names a detail a merge added (app.MergeDetails) in the page's
// language.
func (p *page) fieldName(f string) string {
	if key := "cli.import.field." + f; p.tr.Has(key) {
		return p.T(key)
	}
	return strings.ReplaceAll(f, "_", " ")
}
