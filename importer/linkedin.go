package importer

import (
	"io"
	"strings"
	"time"
)

// ParseLinkedIn reads the Connections.csv of LinkedIn's data export: a few
// lines of notes, then "First Name,Last Name,URL,Email Address,Company,
// Position,Connected On". The profile URL is the record's UID, and the
// day of connecting its KnownSince. LinkedIn leaves out the names of
// connections who hide them: such rows are skipped.
func ParseLinkedIn(r io.Reader, opts Options) ([]Record, []Skipped, error) {
	return parseCSV(r, opts, linkedIn)
}

var linkedIn = csvFormat{
	name:     "LinkedIn's Connections.csv",
	preamble: 10,
	want:     "First Name, Last Name and Connected On",

	headerKey:   "error.import.linkedin_header",
	noHeaderKey: "error.import.linkedin_no_header",
	isHeader: func(h csvHeader) bool {
		return h.has("First Name") && h.has("Last Name") && h.has("Connected On")
	},
	row: linkedInRow,
}

// connectedLayouts are the ways LinkedIn has written the day of connecting.
var connectedLayouts = []string{"02 Jan 2006", "2 Jan 2006", "Jan 02 2006", "Jan 2 2006", "Jan 2, 2006", "2006-01-02"}

func linkedInRow(row csvRow, opts Options) (Record, error) {
	d := newDraft(row.line)
	c := &d.c
	c.GivenName, c.FamilyName = row.value("First Name"), row.value("Last Name")
	if c.GivenName == "" && c.FamilyName == "" {
		return d.rec, nothingAt(row.line, "error.import.linkedin_hidden", nil, "no name: LinkedIn leaves out the details of connections who hide them")
	}
	d.from("display_name", row.line, "First Name")
	c.Org, c.Title = row.value("Company"), row.value("Position")
	d.rec.UID = row.value("URL")
	if v, col := row.get("Email Address"); v != "" {
		d.from("email", row.line, col)
		if err := d.addEmail(row.line, col, "", v); err != nil {
			return d.rec, err
		}
	}
	if v, col := row.get("Connected On"); v != "" {
		var err error
		for _, layout := range connectedLayouts {
			var t time.Time
			if t, err = time.ParseInLocation(layout, strings.Join(strings.Fields(v), " "), opts.location()); err == nil {
				d.rec.KnownSince = t
				break
			}
		}
		if err != nil {
			return d.rec, invalidAt(row.line, col, v, "error.import.linkedin_date", "not a date like 14 Mar 2023", nil)
		}
	}
	return d.finish()
}
