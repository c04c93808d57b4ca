package app

import (
	"strings"

	"rapport"
)

// ContactPatch is a change to a contact: the fields that are set change,
// the others stay. The API's create and update take it, so that a client
// can never set what the store keeps (id, version, summary, times).
type ContactPatch struct {
	DisplayName *string                 `json:"display_name,omitempty"`
	GivenName   *string                 `json:"given_name,omitempty"`
	FamilyName  *string                 `json:"family_name,omitempty"`
	Kind        *rapport.Kind           `json:"kind,omitempty"`
	Tier        *rapport.Tier           `json:"tier,omitempty"`
	CadenceDays *int                    `json:"cadence_days,omitempty"`
	Org         *string                 `json:"org,omitempty"`
	Title       *string                 `json:"title,omitempty"`
	Emails      *[]rapport.ContactPoint `json:"emails,omitempty"`
	Phones      *[]rapport.ContactPoint `json:"phones,omitempty"`
	Lang        *string                 `json:"lang,omitempty"`
	Gender      *rapport.Gender         `json:"gender,omitempty"`
	// Birthday is YYYY-MM-DD or --MM-DD; "" removes it.
	Birthday *string   `json:"birthday,omitempty"`
	HowWeMet *string   `json:"how_we_met,omitempty"`
	Tags     *[]string `json:"tags,omitempty"`
}

// Apply changes c by p, then normalizes and validates it.
func (p *ContactPatch) Apply(c *rapport.Contact) error {
	set(&c.DisplayName, p.DisplayName)
	set(&c.GivenName, p.GivenName)
	set(&c.FamilyName, p.FamilyName)
	set(&c.Kind, p.Kind)
	set(&c.Tier, p.Tier)
	set(&c.CadenceDays, p.CadenceDays)
	set(&c.Org, p.Org)
	set(&c.Title, p.Title)
	set(&c.Emails, p.Emails)
	set(&c.Phones, p.Phones)
	set(&c.Lang, p.Lang)
	set(&c.Gender, p.Gender)
	set(&c.HowWeMet, p.HowWeMet)
	set(&c.Tags, p.Tags)
	if p.Birthday != nil {
		c.Birthday = nil
		if b := strings.TrimSpace(*p.Birthday); b != "" {
			bd, err := rapport.ParseBirthday(b)
			if err != nil {
				return err
			}
			c.Birthday = bd
		}
	}
	c.Normalize()
	return c.Validate()
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
