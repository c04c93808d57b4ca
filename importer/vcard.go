package importer

import (
	"io"
	"strings"

	"github.com/emersion/go-vcard"

	"rapport"
)

// ParseVCard reads vCard 3.0 and 4.0 cards (RFC 2426, RFC 6350), as address
// books, phones and mail programs export them. Each card becomes a Record
// starting at its BEGIN:VCARD line. A card for a group or a place is skipped.
func ParseVCard(r io.Reader, opts Options) ([]Record, []Skipped, error) {
	sc := newLineScanner(r, opts.maxBytes())
	res := results{skipBad: opts.SkipBad}
	var recs []Record
	var card *cardLines
	seen := false
	done := func() error {
		rec, err := card.read()
		card = nil
		if err != nil {
			return res.add(rec.Line, err)
		}
		recs = append(recs, rec)
		return nil
	}
	for sc.Scan() {
		l := sc.Line()
		_, name, value, ok := splitVCardLine(l.text)
		value = strings.TrimSpace(value)
		begin := ok && name == "BEGIN" && strings.EqualFold(value, "VCARD")
		switch {
		case card == nil && begin:
			card, seen = &cardLines{start: l.line}, true
		case card == nil:
			found := cut(l.text, 40)
			return nil, nil, errorAt(l.line, "error.import.vcard_not_card", map[string]any{"value": shown(found)}, "not a vCard: expected BEGIN:VCARD, found %q", found)
		case begin:
			e := errorAt(card.start, "error.import.unclosed_before", map[string]any{"field": "VCARD", "ref": l.line}, "BEGIN:VCARD has no END:VCARD before line %d", l.line)
			if err := res.bad(card.start, e); err != nil {
				return nil, nil, err
			}
			card = &cardLines{start: l.line}
		case !ok:
			text := cut(l.text, 40)
			card.fail(errorAt(l.line, "error.import.vcard_no_colon", map[string]any{"value": shown(text)}, "not a vCard property: no colon in %q", text))
		case name == "END" && strings.EqualFold(value, "VCARD"):
			if err := done(); err != nil {
				return nil, nil, err
			}
		case name == "END":
			card.fail(errorAt(l.line, "error.import.vcard_end", map[string]any{"value": value}, "END:%s inside a vCard", value))
		default:
			card.lines = append(card.lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	if card != nil {
		e := errorAt(card.start, "error.import.unclosed_at_end", map[string]any{"field": "VCARD", "ref": sc.Lines()}, "BEGIN:VCARD has no END:VCARD: the file ends at line %d", sc.Lines())
		if err := res.bad(card.start, e); err != nil {
			return nil, nil, err
		}
	}
	if !seen {
		return nil, nil, errorAt(max(sc.Lines(), 1), "error.import.vcard_no_card", nil, "not a vCard: no BEGIN:VCARD in the file")
	}
	return recs, res.skipped, nil
}

// cardLines are the lines of one card, between BEGIN:VCARD and END:VCARD.
type cardLines struct {
	start  int
	lines  []contentLine
	broken error
}

func (c *cardLines) fail(err error) {
	if c.broken == nil {
		c.broken = err
	}
}

// splitVCardLine splits "item1.TEL;TYPE=cell:+48 600" into its group, upper
// case name and value; ok is false when there is no colon.
func splitVCardLine(s string) (group, name, value string, ok bool) {
	i := strings.IndexAny(s, ";:")
	if i < 0 {
		return "", "", "", false
	}
	name = s[:i]
	if j := strings.IndexByte(name, '.'); j >= 0 {
		group, name = name[:j], name[j+1:]
	}
	v := valueStart(s, i)
	if v < 0 {
		return "", "", "", false
	}
	return group, strings.ToUpper(name), s[v:], true
}

// valueStart is the index after the colon that ends a property's name and
// parameters (a colon in a quoted parameter value does not), or -1.
func valueStart(s string, from int) int {
	quoted := false
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case ':':
			if !quoted {
				return i + 1
			}
		}
	}
	return -1
}

// read decodes the card with go-vcard and maps it to a contact.
func (c *cardLines) read() (Record, error) {
	if c.broken != nil {
		return Record{Line: c.start}, c.broken
	}
	var b strings.Builder
	b.WriteString("BEGIN:VCARD\r\n")
	keys := make(map[string][]int, len(c.lines))
	for _, l := range c.lines {
		_, name, _, _ := splitVCardLine(l.text)
		keys[name] = append(keys[name], l.line)
		b.WriteString(l.text)
		b.WriteString("\r\n")
	}
	b.WriteString("END:VCARD\r\n")
	card, err := vcard.NewDecoder(strings.NewReader(b.String())).Decode()
	if err != nil {
		return Record{Line: c.start}, errorAt(c.start, "error.import.vcard_invalid", map[string]any{"cause": err.Error()}, "not a valid vCard: %v", err)
	}
	// go-vcard drops a line whose parameters it cannot read: find it.
	for key, lines := range keys {
		if len(card[key]) != len(lines) {
			return Record{Line: c.start}, c.badParams(key)
		}
	}
	return (&cardReader{card: card, keys: keys, d: newDraft(c.start)}).read()
}

// badParams finds the line of key that go-vcard could not read, by reading
// each alone.
func (c *cardLines) badParams(key string) error {
	for _, l := range c.lines {
		_, name, _, _ := splitVCardLine(l.text)
		if name != key {
			continue
		}
		one, err := vcard.NewDecoder(strings.NewReader("BEGIN:VCARD\r\n" + l.text + "\r\nEND:VCARD\r\n")).Decode()
		if err != nil || len(one[key]) != 1 {
			return errorAt(l.line, "error.import.params", map[string]any{"field": key}, "%s: malformed parameters", key)
		}
	}
	return errorAt(c.start, "error.import.params", map[string]any{"field": key}, "%s: malformed parameters", key)
}

type cardReader struct {
	card vcard.Card
	keys map[string][]int // property → its lines, in the order of card[property]
	d    *draft
}

// line is the line of field f of property key.
func (cr *cardReader) line(key string, f *vcard.Field) int {
	for i, g := range cr.card[key] {
		if g == f && i < len(cr.keys[key]) {
			return cr.keys[key][i]
		}
	}
	return cr.d.rec.Line
}

func (cr *cardReader) read() (Record, error) {
	card, d := cr.card, cr.d
	start := d.rec.Line
	switch v := strings.TrimSpace(card.Value(vcard.FieldVersion)); v {
	case "", "3.0", "4.0":
	case "2.1":
		return d.rec, invalidAt(cr.line(vcard.FieldVersion, card.Get(vcard.FieldVersion)), vcard.FieldVersion, v,
			"error.import.vcard_21", "vCard 2.1 is not supported: export the contacts as vCard 3.0 or 4.0", nil)
	default:
		return d.rec, invalidAt(cr.line(vcard.FieldVersion, card.Get(vcard.FieldVersion)), vcard.FieldVersion, v, "error.import.vcard_version", "only vCard 3.0 and 4.0 are supported", nil)
	}
	switch kind := strings.ToLower(card.Value(vcard.FieldKind) + card.Value("X-ADDRESSBOOKSERVER-KIND")); kind {
	case "group", "location":
		return d.rec, nothingAt(start, "error.import.vcard_kind", map[string]any{"value": kind}, "KIND: a %s card, not a person", kind)
	}
	c := &d.c
	if f := card.Preferred(vcard.FieldFormattedName); f != nil {
		c.DisplayName = text(f.Value)
		d.from("display_name", cr.line(vcard.FieldFormattedName, f), vcard.FieldFormattedName)
	}
	if n := card.Name(); n != nil {
		c.GivenName, c.FamilyName = text(n.GivenName), text(n.FamilyName)
		d.from("display_name", cr.line(vcard.FieldName, n.Field), vcard.FieldName)
	}
	if f := card.Preferred(vcard.FieldOrganization); f != nil {
		org, _, _ := strings.Cut(f.Value, ";") // the organisation, then its units
		c.Org = text(org)
		d.from("org", cr.line(vcard.FieldOrganization, f), vcard.FieldOrganization)
	}
	if f := card.Preferred(vcard.FieldTitle); f != nil {
		c.Title = text(f.Value)
	}
	labels := map[string]string{} // Apple's item1.X-ABLabel names the label of item1.TEL
	for _, f := range card["X-ABLABEL"] {
		if f.Group != "" {
			labels[f.Group] = f.Value
		}
	}
	for _, f := range card[vcard.FieldEmail] {
		v := strings.TrimSpace(f.Value)
		if len(v) > 7 && strings.EqualFold(v[:7], "mailto:") {
			v = v[7:]
		}
		if v == "" {
			continue
		}
		line := cr.line(vcard.FieldEmail, f)
		d.from("email", line, vcard.FieldEmail)
		if err := d.addEmail(line, vcard.FieldEmail, pointLabel(append(f.Params.Types(), labels[f.Group])...), v); err != nil {
			return d.rec, err
		}
	}
	for _, f := range card[vcard.FieldTelephone] {
		v := strings.TrimSpace(f.Value)
		if len(v) > 4 && strings.EqualFold(v[:4], "tel:") {
			v = v[4:]
		}
		if v == "" {
			continue
		}
		line := cr.line(vcard.FieldTelephone, f)
		d.from("phone", line, vcard.FieldTelephone)
		if err := d.addPhone(line, vcard.FieldTelephone, pointLabel(append(f.Params.Types(), labels[f.Group])...), v); err != nil {
			return d.rec, err
		}
	}
	if f := card.Preferred(vcard.FieldBirthday); f != nil && strings.TrimSpace(f.Value) != "" {
		line := cr.line(vcard.FieldBirthday, f)
		if strings.EqualFold(f.Params.Get(vcard.ParamValue), "text") {
			d.warn(warnAt(line, vcard.FieldBirthday, f.Value, "left out: not a date", "import.warning.not_date", nil))
		} else {
			b, warning, err := parseBirthday(line, vcard.FieldBirthday, f.Value, f.Params.Get("X-APPLE-OMIT-YEAR"))
			if err != nil {
				return d.rec, err
			}
			if warning != nil {
				d.warn(*warning)
			}
			c.Birthday = b
		}
	}
	var notes []string
	for _, f := range card[vcard.FieldNote] {
		if t := strings.TrimSpace(text(f.Value)); t != "" {
			notes = append(notes, t)
		}
	}
	d.rec.Note = strings.Join(notes, "\n\n")
	for _, f := range card[vcard.FieldCategories] {
		d.from("tag", cr.line(vcard.FieldCategories, f), vcard.FieldCategories)
		c.Tags = append(c.Tags, strings.Split(f.Value, ",")...)
	}
	if f := card.Preferred(vcard.FieldLanguage); f != nil {
		c.Lang = f.Value
		d.from("lang", cr.line(vcard.FieldLanguage, f), vcard.FieldLanguage)
	}
	switch sex, _ := card.Gender(); sex {
	case vcard.SexFemale:
		c.Gender = rapport.GenderFeminine
	case vcard.SexMale:
		c.Gender = rapport.GenderMasculine
	}
	for _, f := range card[vcard.FieldPhoto] {
		if strings.TrimSpace(f.Value) != "" {
			d.rec.HasPhoto = true
		}
	}
	d.rec.UID = strings.TrimSpace(card.Value(vcard.FieldUID))
	if c.DisplayName == "" && c.GivenName == "" && c.FamilyName == "" && c.Org == "" && len(c.Emails) == 0 && len(c.Phones) == 0 {
		return d.rec, invalidAt(start, vcard.FieldFormattedName, "", "error.import.vcard_name", "a card needs a name: FN, N, ORG, EMAIL or TEL", nil)
	}
	return d.finish()
}

// text undoes the escapes go-vcard leaves in a text value (it undoes \\, \n
// and \, only).
var textUnescaper = strings.NewReplacer(`\;`, ";", `\N`, "\n")

func text(s string) string { return strings.TrimSpace(textUnescaper.Replace(s)) }

// cut shortens s for a message.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n-- // never inside a character
	}
	return s[:n] + "…"
}
