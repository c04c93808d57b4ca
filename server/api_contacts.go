package server

import (
	"strconv"
	"time"

	"rapport"
	"rapport/app"
)

// Page sizes of lists.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// limit reads ?limit=, within 1..maxLimit.
func (c *call) limit() (int, error) { return app.ParseLimit(c.query("limit"), defaultLimit, maxLimit) }

// listContacts lists a page of contacts: ?q= (search), ?kind=, ?tier=,
// ?tag=, ?state=, ?trash=true, ?limit=, ?cursor=.
func listContacts(c *call) error {
	q, err := app.ParseContactQuery(c.r.URL.Query(), defaultLimit, maxLimit)
	if err != nil {
		return err
	}
	l, err := c.s.svc.ListContacts(c.r.Context(), c.acct(), q)
	if err != nil {
		return err
	}
	return c.ok(l)
}

func createContact(c *call) error {
	var p app.ContactPatch
	if err := c.decode(&p); err != nil {
		return err
	}
	ct := &rapport.Contact{}
	if err := p.Apply(ct); err != nil {
		return err
	}
	if err := c.s.svc.AddContact(c.r.Context(), c.acct(), ct); err != nil {
		return err
	}
	c.etag(ct.Version)
	return c.created(contactPath(ct.ID), ct)
}

func contactPath(id int64) string { return "/api/v1/contacts/" + strconv.FormatInt(id, 10) }

// contact reads the contact of the path, live or, when trash, in the trash.
func (c *call) contact(trash bool) (*rapport.Contact, error) {
	id, err := c.pathID("id")
	if err != nil {
		return nil, err
	}
	return c.s.svc.ResolveContact(c.r.Context(), c.acct(), strconv.FormatInt(id, 10), trash)
}

// resolveContact finds the contact a REF names (?ref=, an id or a name
// prefix; ?trash=true for the trash), as the CLI does: an ambiguous REF is
// a conflict that lists the candidates.
func resolveContact(c *call) error {
	ct, err := c.s.svc.ResolveContact(c.r.Context(), c.acct(), c.query("ref"), c.query("trash") == "true")
	if err != nil {
		return err
	}
	c.etag(ct.Version)
	return c.ok(ct)
}

// anyContact reads the contact of the path, in the trash or not: what is
// only read (the contact, its notes, its timeline) stays readable in the
// trash, so a client can show it before restoring it.
func (c *call) anyContact() (*rapport.Contact, error) {
	id, err := c.pathID("id")
	if err != nil {
		return nil, err
	}
	return c.s.svc.Store.Contact(c.r.Context(), c.acct(), id)
}

func getContact(c *call) error {
	ct, err := c.anyContact()
	if err != nil {
		return err
	}
	c.etag(ct.Version)
	return c.ok(ct)
}

func updateContact(c *call) error {
	id, err := c.pathID("id")
	if err != nil {
		return err
	}
	version, err := c.ifMatch()
	if err != nil {
		return err
	}
	var p app.ContactPatch
	if err := c.decode(&p); err != nil {
		return err
	}
	ct, err := c.s.svc.EditContactAt(c.r.Context(), c.acct(), id, version, p.Apply)
	if err != nil {
		return err
	}
	c.etag(ct.Version)
	return c.ok(ct)
}

func deleteContact(c *call) error {
	ct, err := c.contact(false)
	if err != nil {
		return err
	}
	if err := c.s.svc.DeleteContact(c.r.Context(), c.acct(), ct.ID); err != nil {
		return err
	}
	return c.noContent()
}

func restoreContact(c *call) error {
	ct, err := c.contact(true)
	if err != nil {
		return err
	}
	if err := c.s.svc.RestoreContact(c.r.Context(), c.acct(), ct.ID); err != nil {
		return err
	}
	ct, err = c.s.svc.Store.Contact(c.r.Context(), c.acct(), ct.ID)
	if err != nil {
		return err
	}
	c.etag(ct.Version)
	return c.ok(ct)
}

func listNotes(c *call) error {
	ct, err := c.anyContact()
	if err != nil {
		return err
	}
	ns, err := c.s.svc.Store.Notes(c.r.Context(), c.acct(), ct.ID)
	if err != nil {
		return err
	}
	return c.ok(orEmpty(ns))
}

func addNote(c *call) error {
	ct, err := c.contact(false)
	if err != nil {
		return err
	}
	var req struct {
		Body string `json:"body"`
	}
	if err := c.decode(&req); err != nil {
		return err
	}
	n, err := c.s.svc.AddNote(c.r.Context(), c.acct(), ct.ID, req.Body)
	if err != nil {
		return err
	}
	return c.created(contactPath(ct.ID)+"/notes", n)
}

// timeline lists a contact's interactions, newest first: ?since= and
// ?until= (RFC 3339) bound it, ?limit= caps it.
func timeline(c *call) error {
	ct, err := c.anyContact()
	if err != nil {
		return err
	}
	f := rapport.InteractionFilter{ContactID: ct.ID}
	if f.Limit, err = c.limit(); err != nil {
		return err
	}
	if f.Since, err = c.timeParam("since"); err != nil {
		return err
	}
	if f.Until, err = c.timeParam("until"); err != nil {
		return err
	}
	is, err := c.s.svc.Store.Interactions(c.r.Context(), c.acct(), f)
	if err != nil {
		return err
	}
	return c.ok(orEmpty(is))
}

// timeParam reads an optional RFC 3339 time or YYYY-MM-DD date.
func (c *call) timeParam(name string) (time.Time, error) {
	v := c.query(name)
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	const forms = "RFC 3339 (2026-11-20T09:00:00Z), YYYY-MM-DD"
	return time.Time{}, rapport.Invalid(name, v, "use one of: "+forms).Keyed("error.invalid.time", map[string]any{"formats": forms})
}
