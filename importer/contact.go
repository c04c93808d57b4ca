package importer

import (
	"errors"
	"strings"

	"rapport"
)

// draft is a contact being read, with where each value came from, so that a
// value the domain refuses is reported at its line and under its name in
// the file.
type draft struct {
	rec     Record
	c       rapport.Contact
	sources map[string]source // domain field → where it came from
}

type source struct {
	line  int
	field string
}

func newDraft(line int) *draft {
	return &draft{rec: Record{Line: line}, sources: map[string]source{}}
}

// from notes that a domain field was read from a field of the file.
func (d *draft) from(domainField string, line int, field string) {
	if _, ok := d.sources[domainField]; !ok {
		d.sources[domainField] = source{line, field}
	}
}

// addEmail adds an address, refusing one the domain would refuse.
func (d *draft) addEmail(line int, field, label, value string) error {
	p := rapport.ContactPoint{Label: label, Value: value}
	if err := checkPoint(rapport.Contact{Emails: []rapport.ContactPoint{p}}); err != nil {
		return reframe(err, line, field)
	}
	d.c.Emails = append(d.c.Emails, p)
	return nil
}

// addPhone adds a number, refusing one the domain would refuse.
func (d *draft) addPhone(line int, field, label, value string) error {
	p := rapport.ContactPoint{Label: label, Value: value}
	if err := checkPoint(rapport.Contact{Phones: []rapport.ContactPoint{p}}); err != nil {
		return reframe(err, line, field)
	}
	d.c.Phones = append(d.c.Phones, p)
	return nil
}

// checkPoint validates one email or phone the way the domain does, on a
// contact that holds only it.
func checkPoint(c rapport.Contact) error {
	c.DisplayName = "-"
	c.Normalize()
	return c.Validate()
}

func (d *draft) warn(w Warning) { d.rec.Warnings = append(d.rec.Warnings, w) }

// finish names the contact when the file gave no name — from the given and
// family names, else the organisation, the first email or the first phone —
// then normalizes and validates it. An error names the record's line and the
// file's field when the domain refuses a value.
func (d *draft) finish() (Record, error) {
	c := &d.c
	c.Normalize() // names it from the given and family names, and folds emails
	for _, alt := range []struct {
		v     string
		field string
	}{{c.Org, "org"}, {firstValue(c.Emails), "email"}, {firstValue(c.Phones), "phone"}} {
		if c.DisplayName == "" && alt.v != "" {
			c.DisplayName = alt.v
			if s, ok := d.sources[alt.field]; ok {
				d.sources["display_name"] = s
			}
		}
	}
	if err := c.Validate(); err != nil {
		var e *rapport.Error
		s := source{line: d.rec.Line}
		if errors.As(err, &e) {
			if found, ok := d.sources[strings.TrimSuffix(e.Field, " label")]; ok {
				s = found
			}
		}
		return Record{}, reframe(err, s.line, s.field)
	}
	d.rec.Contact = c
	return d.rec, nil
}

func firstValue(ps []rapport.ContactPoint) string {
	if len(ps) == 0 {
		return ""
	}
	return ps[0].Value
}

// pointLabel maps the words other software labels an email or phone with
// (vCard TYPE, Apple's X-ABLabel, Google's labels) to Rapport's labels:
// mobile before work before home before other. Words that say nothing of
// the kind (pref, internet, voice) give "", which the domain reads as work;
// any other word, a label of the user's own, gives other.
func pointLabel(words ...string) string {
	rank := map[string]int{"mobile": 4, "work": 3, "home": 2, "other": 1}
	best := ""
	for _, w := range words {
		w = strings.ToLower(strings.TrimSpace(w))
		w = strings.TrimPrefix(w, "*") // Google marks the primary value with "* "
		w = strings.TrimPrefix(strings.TrimSuffix(strings.TrimSpace(w), ">!$_"), "_$!<")
		l, ok := labelWords[w]
		if !ok {
			l = "other"
		}
		if rank[l] > rank[best] {
			best = l
		}
	}
	return best
}

var labelWords = map[string]string{
	"": "", "pref": "", "internet": "", "voice": "", "x400": "", "text": "", "msg": "", "main": "",
	"cell": "mobile", "mobile": "mobile", "iphone": "mobile", "cellular": "mobile",
	"work": "work", "business": "work", "office": "work",
	"home": "home", "personal": "home", "private": "home",
	"other": "other", "x-other": "other", "fax": "other", "pager": "other",
}
