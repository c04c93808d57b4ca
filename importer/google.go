package importer

import (
	"fmt"
	"io"
	"strings"

	"rapport"
)

// ParseGoogle reads a Google Contacts CSV export ("Google CSV"), in the
// current layout (First Name, Last Name, E-mail 1 - Label, E-mail 1 -
// Value, …, Labels) or the older one (Name, Given Name, Family Name, E-mail
// 1 - Type, …, Group Membership). Google's own labels ("* myContacts",
// "* starred") are not tags; the user's labels are.
func ParseGoogle(r io.Reader, opts Options) ([]Record, []Skipped, error) {
	return parseCSV(r, opts, google)
}

var google = csvFormat{
	name: "a Google Contacts CSV",
	want: "First Name or Given Name, and E-mail 1 - Value, Phone 1 - Value, Labels or Group Membership",

	headerKey:   "error.import.google_header",
	noHeaderKey: "error.import.google_no_header",
	isHeader: func(h csvHeader) bool {
		return h.has("First Name", "Given Name", "Name") &&
			h.has("E-mail 1 - Value", "Phone 1 - Value", "Labels", "Group Membership", "Organization Name", "Organization 1 - Name")
	},
	row: googleRow,
}

func googleRow(row csvRow, _ Options) (Record, error) {
	d := newDraft(row.line)
	c := &d.c
	var col string
	c.DisplayName, col = row.get("Name") // the older layout's full name
	d.from("display_name", row.line, col)
	c.GivenName, col = row.get("First Name", "Given Name")
	d.from("display_name", row.line, col)
	c.FamilyName, _ = row.get("Last Name", "Family Name")
	c.Org, col = row.get("Organization Name", "Organization 1 - Name")
	d.from("org", row.line, col)
	c.Title = row.value("Organization Title", "Organization 1 - Title")
	for _, n := range numbered(row.header, "E-mail %d - Value") {
		v, col := row.get(fmt.Sprintf("E-mail %d - Value", n))
		label := pointLabel(row.value(fmt.Sprintf("E-mail %d - Label", n), fmt.Sprintf("E-mail %d - Type", n)))
		for _, e := range splitMulti(v) {
			d.from("email", row.line, col)
			if err := d.addEmail(row.line, col, label, e); err != nil {
				return d.rec, err
			}
		}
	}
	for _, n := range numbered(row.header, "Phone %d - Value") {
		v, col := row.get(fmt.Sprintf("Phone %d - Value", n))
		label := pointLabel(row.value(fmt.Sprintf("Phone %d - Label", n), fmt.Sprintf("Phone %d - Type", n)))
		for _, p := range splitMulti(v) {
			d.from("phone", row.line, col)
			if err := d.addPhone(row.line, col, label, p); err != nil {
				return d.rec, err
			}
		}
	}
	if v, col := row.get("Birthday"); v != "" {
		b, warning, err := parseBirthday(row.line, col, v, "")
		if err != nil {
			return d.rec, err
		}
		if warning != nil {
			d.warn(*warning)
		}
		c.Birthday = b
	}
	if v, col := row.get("Labels", "Group Membership"); v != "" {
		d.from("tag", row.line, col)
		for _, l := range splitMulti(v) {
			if !strings.HasPrefix(l, "*") { // Google's own: "* myContacts", "* starred"
				c.Tags = append(c.Tags, l)
			}
		}
	}
	switch strings.ToLower(row.value("Gender")) {
	case "female":
		c.Gender = rapport.GenderFeminine
	case "male":
		c.Gender = rapport.GenderMasculine
	}
	d.rec.Note = row.value("Notes")
	d.rec.HasPhoto = row.value("Photo") != ""
	if c.DisplayName == "" && c.GivenName == "" && c.FamilyName == "" && c.Org == "" && len(c.Emails) == 0 && len(c.Phones) == 0 {
		return d.rec, nothingAt(row.line, "error.import.no_details", nil, "no name, organisation, email or phone")
	}
	return d.finish()
}
