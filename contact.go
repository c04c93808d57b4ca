package rapport

import (
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Kind is the role a contact plays in the user's work.
type Kind string

const (
	KindColleague Kind = "colleague" // an internal customer
	KindClient    Kind = "client"    // an external customer
	KindPartner   Kind = "partner"
	KindMentor    Kind = "mentor"
	KindNetwork   Kind = "network"
	KindFriend    Kind = "friend"
)

// Kinds lists every kind.
var Kinds = []Kind{KindColleague, KindClient, KindPartner, KindMentor, KindNetwork, KindFriend}

// Tier is how close the user means to keep a contact; it sets the default
// keep-in-touch cadence.
type Tier string

const (
	TierInner Tier = "inner"
	TierCore  Tier = "core"
	TierWider Tier = "wider"
)

// Tiers lists every tier, closest first.
var Tiers = []Tier{TierInner, TierCore, TierWider}

// Gender is grammatical gender, used to make drafts agree with the person
// they address. Unknown is a real value: drafts fall back to neutral wording.
type Gender string

const (
	GenderUnknown   Gender = "unknown"
	GenderFeminine  Gender = "feminine"
	GenderMasculine Gender = "masculine"
)

// Genders lists every grammatical gender.
var Genders = []Gender{GenderUnknown, GenderFeminine, GenderMasculine}

// PointLabels are the labels an email or phone may carry.
var PointLabels = []string{"work", "home", "mobile", "other"}

// ContactPoint is one email address or phone number, with its label.
type ContactPoint struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Contact is a person the user works with.
type Contact struct {
	ID          int64  `json:"id"`
	DisplayName string `json:"display_name"`
	GivenName   string `json:"given_name"`
	FamilyName  string `json:"family_name"`
	Kind        Kind   `json:"kind"`
	Tier        Tier   `json:"tier"`
	// CadenceDays overrides the tier's keep-in-touch cadence; 0 means the tier's.
	CadenceDays int            `json:"cadence_days"`
	Org         string         `json:"org"`
	Title       string         `json:"title"`
	Emails      []ContactPoint `json:"emails"`
	Phones      []ContactPoint `json:"phones"`
	Lang        string         `json:"lang"` // BCP 47; "" means the user's language
	Gender      Gender         `json:"gender"`
	Birthday    *Birthday      `json:"birthday"`
	HowWeMet    string         `json:"how_we_met"`
	Tags        []string       `json:"tags"`
	CreatedAt   time.Time      `json:"created_at"`
	UpdatedAt   time.Time      `json:"updated_at"`
	DeletedAt   *time.Time     `json:"deleted_at"`
	Version     int64          `json:"version"`
	// Summary is kept by the store from the contact's interactions; writes ignore it.
	Summary Summary `json:"summary"`
}

// KnownSince is when the user first knew the contact: the earlier of its
// creation and its first interaction (zero when neither is known).
func (c *Contact) KnownSince() time.Time {
	t := c.CreatedAt
	if f := c.Summary.FirstAt; f != nil && (t.IsZero() || f.Before(t)) {
		t = *f
	}
	return t
}

// KeepReference is when keeping in touch counts from: the last meaningful
// contact, else when the user first knew them (zero when neither).
func (c *Contact) KeepReference() (t time.Time, meaningful bool) {
	if m := c.Summary.LastMeaningfulAt; m != nil {
		return *m, true
	}
	return c.KnownSince(), false
}

// Normalize tidies user input in place: trims, fills defaults, folds case
// where case carries no meaning (emails, tags), and removes duplicates.
func (c *Contact) Normalize() {
	c.DisplayName = strings.TrimSpace(c.DisplayName)
	c.GivenName = strings.TrimSpace(c.GivenName)
	c.FamilyName = strings.TrimSpace(c.FamilyName)
	if c.DisplayName == "" {
		c.DisplayName = strings.TrimSpace(c.GivenName + " " + c.FamilyName)
	}
	if c.Kind == "" {
		c.Kind = KindNetwork
	}
	if c.Tier == "" {
		c.Tier = TierWider
	}
	if c.Gender == "" {
		c.Gender = GenderUnknown
	}
	c.Org = strings.TrimSpace(c.Org)
	c.Title = strings.TrimSpace(c.Title)
	c.HowWeMet = strings.TrimSpace(c.HowWeMet)
	c.Lang = strings.TrimSpace(c.Lang)
	if t, err := language.Parse(c.Lang); err == nil && c.Lang != "" {
		c.Lang = t.String()
	}
	c.Emails = normalizePoints(c.Emails, strings.ToLower)
	c.Phones = normalizePoints(c.Phones, func(s string) string { return s })
	c.Tags = NormalizeTags(c.Tags)
}

func normalizePoints(ps []ContactPoint, fold func(string) string) []ContactPoint {
	out := make([]ContactPoint, 0, len(ps))
	for _, p := range ps {
		p.Value = fold(strings.TrimSpace(p.Value))
		p.Label = strings.ToLower(strings.TrimSpace(p.Label))
		if p.Label == "" {
			p.Label = "work"
		}
		if p.Value == "" || slices.ContainsFunc(out, func(q ContactPoint) bool { return q.Value == p.Value }) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// NormalizeTags lower-cases, trims, de-duplicates and sorts tags: a contact's
// tags are a set, and every reader sees them in the same order.
func NormalizeTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}

// Validate checks a normalized contact; the error names the first bad field.
func (c *Contact) Validate() error {
	if c.DisplayName == "" {
		return Invalid("display_name", c.DisplayName, "a contact needs a name").Keyed("error.invalid.contact_name", nil)
	}
	if len(c.DisplayName) > 200 {
		return tooLong("display_name", c.DisplayName, 200)
	}
	if err := validEnum("kind", c.Kind, Kinds); err != nil {
		return err
	}
	if err := validEnum("tier", c.Tier, Tiers); err != nil {
		return err
	}
	if c.CadenceDays < 0 || c.CadenceDays > 3650 {
		return Invalid("cadence", c.CadenceDays, "must be between 1 and 3650 days, or 0 for the tier's default").Keyed("error.invalid.cadence", nil)
	}
	for _, e := range c.Emails {
		if err := validateEmail("email", e.Value); err != nil {
			return err
		}
		if err := validLabel("email", e); err != nil {
			return err
		}
	}
	for _, p := range c.Phones {
		if err := validatePhone("phone", p.Value); err != nil {
			return err
		}
		if err := validLabel("phone", p); err != nil {
			return err
		}
	}
	if err := validateLang("lang", c.Lang); err != nil {
		return err
	}
	if err := validEnum("gender", c.Gender, Genders); err != nil {
		return err
	}
	if c.Birthday != nil {
		if err := c.Birthday.Validate(); err != nil {
			return err
		}
	}
	for _, t := range c.Tags {
		if strings.ContainsAny(t, ",") || len(t) > 64 {
			return Invalid("tag", t, "tags are at most 64 bytes and hold no commas").Keyed("error.invalid.tag", nil)
		}
	}
	return nil
}

func validLabel(field string, p ContactPoint) error {
	if !slices.Contains(PointLabels, p.Label) {
		return notOneOf(field+" label", p.Label, PointLabels)
	}
	return nil
}

// tooLong reports a text longer than max bytes, showing its beginning.
func tooLong(field, s string, max int) *Error {
	n := 40
	for n > 0 && !utf8.RuneStart(s[n]) {
		n-- // cut between two characters, never inside one
	}
	return Invalid(field, s[:n]+"…", fmt.Sprintf("longer than %d bytes", max)).Keyed("error.invalid.too_long", map[string]any{"count": max})
}

func validateEmail(field, s string) error {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s, "@") {
		return Invalid(field, s, "not an email address").Keyed("error.invalid.email", nil)
	}
	return nil
}

func validatePhone(field, s string) error {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '(', r == ')', r == '.', r == '/':
		default:
			return Invalid(field, s, "a phone number holds digits, spaces and + - ( ) . / only").Keyed("error.invalid.phone_chars", nil)
		}
	}
	if digits < 3 || digits > 20 {
		return Invalid(field, s, "a phone number has 3 to 20 digits").Keyed("error.invalid.phone_digits", nil)
	}
	return nil
}

func validateLang(field, s string) error {
	if s == "" {
		return nil
	}
	if _, err := language.Parse(s); err != nil {
		return Invalid(field, s, "not a BCP 47 language tag (e.g. en, ar, pl-PL)").Keyed("error.invalid.lang", nil)
	}
	return nil
}

// ParseContactPoint reads "label:value" or a bare "value".
func ParseContactPoint(s string) ContactPoint {
	if label, value, ok := strings.Cut(s, ":"); ok && slices.Contains(PointLabels, strings.ToLower(label)) {
		return ContactPoint{Label: label, Value: value}
	}
	return ContactPoint{Value: s}
}

// SearchText is what a contact search matches against: names, organisation,
// title, emails, phones and tags, folded so that case and accents don't matter.
func (c *Contact) SearchText() string {
	parts := []string{c.DisplayName, c.GivenName, c.FamilyName, c.Org, c.Title}
	for _, e := range c.Emails {
		parts = append(parts, e.Value)
	}
	for _, p := range c.Phones {
		parts = append(parts, p.Value)
	}
	parts = append(parts, c.Tags...)
	return FoldSearch(strings.Join(parts, " "))
}

// FoldSearch folds text for searching and sorting: lower case, accents and
// Arabic harakat removed (so "Łukasz" matches "lukasz", "José" "jose" and
// "أحمد" "احمد"), spaces collapsed.
func FoldSearch(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if f, ok := foldRune[r]; ok {
			r = f
		}
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldRune maps letters that Unicode does not decompose to their base letter.
var foldRune = map[rune]rune{'ł': 'l', 'ø': 'o', 'ı': 'i', 'đ': 'd', 'ß': 's', 'ى': 'ي', 'ة': 'ه'}

// Birthday is a day of the year with an optional year.
type Birthday struct {
	Year  int        `json:"-"` // 0 when unknown
	Month time.Month `json:"-"`
	Day   int        `json:"-"`
}

// ParseBirthday reads "YYYY-MM-DD", or "--MM-DD" / "MM-DD" when the year is unknown.
func ParseBirthday(s string) (*Birthday, error) {
	s = strings.TrimSpace(s)
	bad := Invalid("birthday", s, "use YYYY-MM-DD, or --MM-DD when the year is unknown").Keyed("error.invalid.birthday_format", nil)
	var b Birthday
	rest := strings.TrimPrefix(s, "--")
	parts := strings.Split(rest, "-")
	switch {
	case len(parts) == 3 && rest == s:
		y, err := strconv.Atoi(parts[0])
		if err != nil || len(parts[0]) != 4 {
			return nil, bad
		}
		b.Year, parts = y, parts[1:]
	case len(parts) == 2:
	default:
		return nil, bad
	}
	m, err1 := strconv.Atoi(parts[0])
	d, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || len(parts[0]) != 2 || len(parts[1]) != 2 {
		return nil, bad
	}
	b.Month, b.Day = time.Month(m), d
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return &b, nil
}

// Validate checks that the day exists (29 February only in a leap year, or
// when the year is unknown).
func (b Birthday) Validate() error {
	year := b.Year
	if year == 0 {
		year = 2000 // a leap year, so 29 February is allowed without a year
	}
	if b.Year != 0 && (b.Year < 1900 || b.Year > 2200) {
		return Invalid("birthday", b.String(), "the year must be between 1900 and 2200").Keyed("error.invalid.birthday_year", nil)
	}
	t := time.Date(year, b.Month, b.Day, 0, 0, 0, 0, time.UTC)
	if b.Month < 1 || b.Month > 12 || t.Day() != b.Day || t.Month() != b.Month {
		return Invalid("birthday", b.String(), "no such day").Keyed("error.invalid.no_such_day", nil)
	}
	return nil
}

// String writes the birthday as ISO 8601 ("1985-03-14", or "--03-14").
func (b Birthday) String() string {
	if b.Year == 0 {
		return fmt.Sprintf("--%02d-%02d", int(b.Month), b.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", b.Year, int(b.Month), b.Day)
}

// MarshalText writes the birthday as String does.
func (b Birthday) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText reads what ParseBirthday accepts.
func (b *Birthday) UnmarshalText(p []byte) error {
	v, err := ParseBirthday(string(p))
	if err != nil {
		return err
	}
	*b = *v
	return nil
}

// Next returns the next birthday on or after the day of now, in now's location.
// 29 February falls on 28 February in common years.
func (b Birthday) Next(now time.Time) time.Time {
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	for year := y; ; year++ {
		day := b.Day
		if b.Month == time.February && day == 29 && !isLeap(year) {
			day = 28
		}
		t := time.Date(year, b.Month, day, 0, 0, 0, 0, now.Location())
		if !t.Before(today) {
			return t
		}
	}
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// ContactFilter selects contacts. Zero fields select everything.
type ContactFilter struct {
	IDs        []int64
	Kind       Kind
	Tier       Tier
	Tag        string
	Search     string // matched against SearchText, folded
	NamePrefix string // matched against the display name, folded
	Deleted    bool   // the trash instead of the live contacts
	// Keyset pagination: contacts sorted by (display name, id) after this one.
	AfterName string
	AfterID   int64
	Limit     int // 0 means no limit

	// Bare reads only what the rules read: id, name, kind, tier, cadence,
	// birthday, creation, deletion and summary. Without a limit or a cursor,
	// it lists by id rather than by name.
	Bare bool
	// BornOn selects contacts whose birthday falls on one of these days (the
	// year is ignored).
	BornOn []Birthday
	// OwnCadence selects contacts with a keep-in-touch cadence of their own.
	OwnCadence bool
	// KeepFrom/KeepTo select contacts with their tier's cadence whose
	// keep-in-touch reference — the last meaningful contact, else when the
	// user first knew them — lies in [KeepFrom, KeepTo), sorted by it, oldest
	// first. A pre-filter for Today; the rules have the last word.
	KeepFrom, KeepTo time.Time
}
