package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"rapport"
	"rapport/app"
)

// importMaxBody is the most bytes an uploaded file may have: the importer's
// own limit, far above the JSON bodies' (Config.MaxBody).
const importMaxBody = 64 << 20

// importMedia is the Content-Type each format is uploaded as. A JSON
// archive is not among them: restoring one needs an empty account, and
// stays the CLI's (rapport import json FILE).
var importMedia = map[app.ImportFormat]string{
	app.ImportVCard:    "text/vcard",
	app.ImportLinkedIn: "text/csv",
	app.ImportGoogle:   "text/csv",
	app.ImportICS:      "text/calendar",
}

// importFile reads the file the body is, in the format of the path, into
// the caller's account, as `rapport import` does: all of it or nothing (a
// malformed record refuses the file, naming its line), unless ?skip_bad=true;
// the same file again changes nothing; ?tz= names the time zone of floating
// times. It answers what the import did.
func importFile(c *call) error {
	format := app.ImportFormat(c.r.PathValue("format"))
	if format == app.ImportJSON {
		return newHTTPError(http.StatusBadRequest, string(rapport.EINVALID), "format", "error.http.import_json",
			map[string]any{"format": string(format)},
			"format json: restoring an archive needs an empty account: run `rapport import json FILE` where the database is")
	}
	want, ok := importMedia[format]
	if !ok {
		choices := importChoices()
		return newHTTPError(http.StatusNotFound, string(rapport.ENOTFOUND), "format", "error.http.import_format",
			map[string]any{"format": string(format), "choices": choices},
			fmt.Sprintf("no import of format %s: use %s", format, choices))
	}
	ct := c.r.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != want {
		return &httpError{status: http.StatusUnsupportedMediaType, code: codeUnsupportedMedia,
			says: rapport.Invalid("Content-Type", ct, "send "+want).Keyed("error.http.content_type_as", map[string]any{"expected": want})}
	}
	// The file is read whole before any of it is imported, so that a file
	// over the limit is refused as such (413), never imported in part.
	if c.r.ContentLength > importMaxBody {
		return tooLarge(importMaxBody)
	}
	data, err := io.ReadAll(http.MaxBytesReader(c.w, c.r.Body, importMaxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return tooLarge(importMaxBody)
		}
		return newHTTPError(http.StatusBadRequest, string(rapport.EINVALID), "", "error.http.unreadable", nil, "cannot read the request body")
	}
	opts := app.ImportOptions{SkipBad: c.query("skip_bad") == "true"}
	// A calendar's floating times (and LinkedIn's dates) are the user's
	// local times: ?tz names the zone, as TZ does for the CLI; UTC without.
	if tz := c.query("tz"); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil || tz == "Local" {
			return rapport.Invalid("tz", tz, "not a time zone").Keyed("error.invalid.time_zone", nil)
		}
		opts.Location = loc
	}
	res, err := c.s.svc.Import(c.r.Context(), c.acct(), format, bytes.NewReader(data), opts)
	if err != nil {
		return err
	}
	return c.ok(res)
}

// importChoices lists the formats the API imports: vcard, linkedin, google, ics.
func importChoices() string {
	var out []string
	for _, f := range app.ImportFormats {
		if _, ok := importMedia[f]; ok {
			out = append(out, string(f))
		}
	}
	return strings.Join(out, ", ")
}
