package server

import (
	"strconv"
	"time"

	"rapport"
	"rapport/app"
	"rapport/compose"
	"rapport/rules"
)

func status(c *call) error {
	ct, err := c.contact(false)
	if err != nil {
		return err
	}
	st, err := c.s.svc.Status(c.r.Context(), c.acct(), ct)
	if err != nil {
		return err
	}
	app.LocalizeStatus(c.tr(), &st)
	return c.ok(st)
}

func startEffort(c *call) error {
	ct, err := c.contact(false)
	if err != nil {
		return err
	}
	var req struct {
		Goal string `json:"goal"`
	}
	if err := c.decode(&req); err != nil {
		return err
	}
	e, err := c.s.svc.StartEffort(c.r.Context(), c.acct(), ct, req.Goal)
	if err != nil {
		return err
	}
	return c.created(contactPath(ct.ID)+"/status", e)
}

func recordTrust(c *call) error {
	ct, err := c.contact(false)
	if err != nil {
		return err
	}
	var req struct {
		Kind rapport.TrustEventKind `json:"kind"`
		Note string                 `json:"note"`
	}
	if err := c.decode(&req); err != nil {
		return err
	}
	t, err := c.s.svc.RecordTrust(c.r.Context(), c.acct(), ct, req.Kind, req.Note)
	if err != nil {
		return err
	}
	return c.created("/api/v1/trust-events?contact_id="+strconv.FormatInt(ct.ID, 10), t)
}

func thank(c *call) error {
	ct, err := c.contact(false)
	if err != nil {
		return err
	}
	f, err := c.s.svc.Thank(c.r.Context(), c.acct(), ct)
	if err != nil {
		return err
	}
	c.etag(f.Version)
	return c.ok(f)
}

func askCheck(c *call) error {
	ct, err := c.contact(false)
	if err != nil {
		return err
	}
	var req struct {
		Kind     rapport.FavorKind `json:"kind"`
		About    string            `json:"about"`
		OnBehalf string            `json:"on_behalf"`
	}
	if err := c.decode(&req); err != nil {
		return err
	}
	if _, err := rapport.ParseEnum("kind", string(req.Kind), rapport.FavorKinds); err != nil {
		return err
	}
	res, err := c.s.svc.CheckAsk(c.r.Context(), c.acct(), ct, rules.Ask{Kind: req.Kind, About: req.About, OnBehalf: req.OnBehalf})
	if err != nil {
		return err
	}
	app.LocalizeWarnings(c.tr(), res.Warnings)
	return c.ok(res)
}

func draftReconnect(c *call) error {
	ct, err := c.contact(false)
	if err != nil {
		return err
	}
	var req struct {
		WhyNow   string           `json:"why_now"`
		Offer    string           `json:"offer"`
		Silence  string           `json:"silence"`
		Lang     string           `json:"lang"`
		Register compose.Register `json:"register"`
	}
	if err := c.decode(&req); err != nil {
		return err
	}
	d, err := c.s.svc.DraftReconnect(c.r.Context(), c.acct(), ct, compose.ReconnectInput{
		WhyNow: req.WhyNow, Offer: req.Offer, Silence: req.Silence, Lang: req.Lang, Register: req.Register})
	if err != nil {
		return err
	}
	return c.ok(d)
}

func draftOpener(c *call) error {
	ct, err := c.contact(false)
	if err != nil {
		return err
	}
	var req struct {
		Situation string           `json:"situation"`
		Channel   rapport.Channel  `json:"channel"`
		Lang      string           `json:"lang"`
		Register  compose.Register `json:"register"`
	}
	if err := c.decode(&req); err != nil {
		return err
	}
	sit, err := compose.ParseSituation(req.Situation)
	if err != nil {
		return err
	}
	d, err := c.s.svc.DraftOpener(c.r.Context(), c.acct(), ct, compose.OpenerInput{
		Situation: sit, Channel: req.Channel, Lang: req.Lang, Register: req.Register})
	if err != nil {
		return err
	}
	return c.ok(d)
}

// logged is what logging answers: the interaction, whether it counts as an
// attempt, and the rules' warnings (the CLI's `log --json`).
type logged struct {
	*rapport.Interaction
	rules.LogCheck
}

func logInteraction(c *call) error {
	var req struct {
		ContactIDs []int64           `json:"contact_ids"`
		At         *time.Time        `json:"at"`
		Channel    rapport.Channel   `json:"channel"`
		Direction  rapport.Direction `json:"direction"`
		Invitation bool              `json:"invitation"`
		Outcome    rapport.Outcome   `json:"outcome"`
		Note       string            `json:"note"`
	}
	if err := c.decode(&req); err != nil {
		return err
	}
	if len(req.ContactIDs) == 0 {
		return rapport.Invalid("contact_ids", "[]", "an interaction involves at least one contact").Keyed("error.invalid.contacts_required", nil)
	}
	i := &rapport.Interaction{Channel: req.Channel, Direction: req.Direction, Invitation: req.Invitation,
		Outcome: req.Outcome, Note: req.Note}
	if req.At != nil {
		i.At = *req.At
	}
	for _, id := range req.ContactIDs {
		ct, err := c.contactByID("contact_ids", id)
		if err != nil {
			return err
		}
		i.ContactIDs = append(i.ContactIDs, ct.ID)
	}
	check, err := c.s.svc.LogChecked(c.r.Context(), c.acct(), i)
	if err != nil {
		return err
	}
	app.LocalizeWarnings(c.tr(), check.Warnings)
	c.etag(i.Version)
	return c.created("/api/v1/interactions/"+strconv.FormatInt(i.ID, 10), logged{Interaction: i, LogCheck: check})
}

func getInteraction(c *call) error {
	id, err := c.pathID("id")
	if err != nil {
		return err
	}
	i, err := c.s.svc.Store.Interaction(c.r.Context(), c.acct(), id)
	if err != nil {
		return err
	}
	c.etag(i.Version)
	return c.ok(i)
}

// setOutcome records what became of an interaction: the one change an
// interaction takes.
func setOutcome(c *call) error {
	id, err := c.pathID("id")
	if err != nil {
		return err
	}
	version, err := c.ifMatch()
	if err != nil {
		return err
	}
	var req struct {
		Outcome rapport.Outcome `json:"outcome"`
	}
	if err := c.decode(&req); err != nil {
		return err
	}
	i, err := c.s.svc.SetOutcomeAt(c.r.Context(), c.acct(), id, version, req.Outcome)
	if err != nil {
		return err
	}
	c.etag(i.Version)
	return c.ok(i)
}

// contactByID reads the live contact a body names by id: a missing id is
// the request's mistake (400), an unknown one not found (404).
func (c *call) contactByID(field string, id int64) (*rapport.Contact, error) {
	if id == 0 {
		return nil, rapport.Invalid(field, "", "must not be empty").Keyed("error.invalid.required", nil)
	}
	return c.s.svc.ResolveContact(c.r.Context(), c.acct(), strconv.FormatInt(id, 10), false)
}

// relationshipFilter reads ?contact_id= and ?open=true.
func (c *call) relationshipFilter() (rapport.RelationshipFilter, error) {
	var f rapport.RelationshipFilter
	if v := c.query("contact_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			return f, rapport.Invalid("contact_id", v, "not an id: ids are whole numbers").Keyed("error.invalid.not_id", nil)
		}
		f.ContactID = id
	}
	f.Open = c.query("open") == "true"
	return f, nil
}

func listEfforts(c *call) error {
	f, err := c.relationshipFilter()
	if err != nil {
		return err
	}
	es, err := c.s.svc.Store.Efforts(c.r.Context(), c.acct(), f)
	if err != nil {
		return err
	}
	return c.ok(orEmpty(es))
}

func listPromises(c *call) error {
	f, err := c.relationshipFilter()
	if err != nil {
		return err
	}
	ps, err := c.s.svc.Store.Promises(c.r.Context(), c.acct(), f)
	if err != nil {
		return err
	}
	return c.ok(orEmpty(ps))
}

func addPromise(c *call) error {
	var req struct {
		ContactID int64             `json:"contact_id"`
		By        rapport.PromiseBy `json:"by"`
		What      string            `json:"what"`
		Due       *time.Time        `json:"due"`
	}
	if err := c.decode(&req); err != nil {
		return err
	}
	ct, err := c.contactByID("contact_id", req.ContactID)
	if err != nil {
		return err
	}
	p := &rapport.Promise{ContactID: ct.ID, By: req.By, What: req.What, Due: req.Due}
	if err := c.s.svc.AddPromise(c.r.Context(), c.acct(), p); err != nil {
		return err
	}
	c.etag(p.Version)
	return c.created("/api/v1/promises/"+strconv.FormatInt(p.ID, 10), p)
}

func getPromise(c *call) error {
	id, err := c.pathID("id")
	if err != nil {
		return err
	}
	p, err := c.s.svc.Store.Promise(c.r.Context(), c.acct(), id)
	if err != nil {
		return err
	}
	c.etag(p.Version)
	return c.ok(p)
}

func keepPromise(c *call) error  { return resolvePromise(c, rapport.PromiseKept) }
func breakPromise(c *call) error { return resolvePromise(c, rapport.PromiseBroken) }

// resolvePromise marks a promise kept or broken. If-Match is optional here:
// resolving is allowed once, so a repeat cannot overwrite anything.
func resolvePromise(c *call, state rapport.PromiseState) error {
	id, err := c.pathID("id")
	if err != nil {
		return err
	}
	var version int64
	if c.r.Header.Get("If-Match") != "" {
		if version, err = c.ifMatch(); err != nil {
			return err
		}
	}
	p, err := c.s.svc.ResolvePromiseAt(c.r.Context(), c.acct(), id, version, state)
	if err != nil {
		return err
	}
	c.etag(p.Version)
	return c.ok(p)
}

func listTrust(c *call) error {
	f, err := c.relationshipFilter()
	if err != nil {
		return err
	}
	ts, err := c.s.svc.Store.TrustEvents(c.r.Context(), c.acct(), f)
	if err != nil {
		return err
	}
	return c.ok(orEmpty(ts))
}

func listFavors(c *call) error {
	f, err := c.relationshipFilter()
	if err != nil {
		return err
	}
	fs, err := c.s.svc.Store.Favors(c.r.Context(), c.acct(), f)
	if err != nil {
		return err
	}
	return c.ok(orEmpty(fs))
}

func addFavor(c *call) error {
	var req struct {
		ContactID int64                `json:"contact_id"`
		Dir       rapport.FavorDir     `json:"dir"`
		Kind      rapport.FavorKind    `json:"kind"`
		About     string               `json:"about"`
		Outcome   rapport.FavorOutcome `json:"outcome"`
		Thanked   bool                 `json:"thanked"`
	}
	if err := c.decode(&req); err != nil {
		return err
	}
	ct, err := c.contactByID("contact_id", req.ContactID)
	if err != nil {
		return err
	}
	if req.Kind == "" {
		req.Kind = rapport.FavorOther
	}
	f := &rapport.Favor{ContactID: ct.ID, Dir: req.Dir, Kind: req.Kind, About: req.About, Outcome: req.Outcome, Thanked: req.Thanked}
	if err := c.s.svc.AddFavor(c.r.Context(), c.acct(), f); err != nil {
		return err
	}
	c.etag(f.Version)
	return c.created("/api/v1/favors?contact_id="+strconv.FormatInt(ct.ID, 10), f)
}

func today(c *call) error {
	t, err := c.s.svc.Today(c.r.Context(), c.acct())
	if err != nil {
		return err
	}
	app.LocalizeItems(c.tr(), t.Items)
	return c.ok(t)
}

func review(c *call) error {
	since, err := c.timeParam("since")
	if err != nil {
		return err
	}
	rv, err := c.s.svc.Review(c.r.Context(), c.acct(), since)
	if err != nil {
		return err
	}
	return c.ok(rv)
}

func getSettings(c *call) error {
	set, err := c.s.svc.Settings(c.r.Context(), c.acct())
	if err != nil {
		return err
	}
	return c.ok(set)
}

func putSettings(c *call) error {
	var set rapport.Settings
	if err := c.decode(&set); err != nil {
		return err
	}
	if err := set.Validate(); err != nil {
		return err
	}
	if err := c.s.svc.SaveSettings(c.r.Context(), c.acct(), set); err != nil {
		return err
	}
	return c.ok(set)
}
