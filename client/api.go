package client

import (
	"context"
	"io"
	"net/url"
	"strconv"
	"time"

	"rapport"
	"rapport/app"
	"rapport/compose"
	"rapport/rules"
)

// The methods below mirror the API's routes (server/api.go), one each.

// maxPage is the largest page the API gives.
const maxPage = 500

// Me is who the client's token acts as: its account and user.
func (c *Client) Me(ctx context.Context) (*rapport.Principal, error) {
	var me struct {
		Account rapport.Account `json:"account"`
		User    *rapport.User   `json:"user"`
	}
	if err := c.call(ctx, "GET", "/api/v1/me", nil, &me, 0); err != nil {
		return nil, err
	}
	return &rapport.Principal{Account: me.Account, User: me.User}, nil
}

// ResolveContact finds the contact a REF names, as app.Service.ResolveContact.
func (c *Client) ResolveContact(ctx context.Context, ref string, trash bool) (*rapport.Contact, error) {
	q := url.Values{"ref": {ref}}
	if trash {
		q.Set("trash", "true")
	}
	var ct rapport.Contact
	return &ct, c.call(ctx, "GET", "/api/v1/contacts/resolve?"+q.Encode(), nil, &ct, 0)
}

func (c *Client) Contact(ctx context.Context, contactID int64) (*rapport.Contact, error) {
	var ct rapport.Contact
	return &ct, c.call(ctx, "GET", "/api/v1/contacts/"+id(contactID), nil, &ct, 0)
}

// Contacts lists contacts, following the cursor through every page (up to
// f.Limit when set).
func (c *Client) Contacts(ctx context.Context, f rapport.ContactFilter) ([]*rapport.Contact, error) {
	q := url.Values{}
	for k, v := range map[string]string{"kind": string(f.Kind), "tier": string(f.Tier), "tag": f.Tag, "q": f.Search} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if f.Deleted {
		q.Set("trash", "true")
	}
	var all []*rapport.Contact
	for {
		page := maxPage
		if f.Limit > 0 && f.Limit-len(all) < page {
			page = f.Limit - len(all)
		}
		q.Set("limit", strconv.Itoa(page))
		var p struct {
			Items      []*rapport.Contact `json:"items"`
			NextCursor string             `json:"next_cursor"`
		}
		if err := c.call(ctx, "GET", "/api/v1/contacts?"+q.Encode(), nil, &p, 0); err != nil {
			return nil, err
		}
		all = append(all, p.Items...)
		if p.NextCursor == "" || (f.Limit > 0 && len(all) >= f.Limit) {
			return all, nil
		}
		q.Set("cursor", p.NextCursor)
	}
}

func (c *Client) AddContact(ctx context.Context, p app.ContactPatch) (*rapport.Contact, error) {
	var ct rapport.Contact
	return &ct, c.call(ctx, "POST", "/api/v1/contacts", p, &ct, 0)
}

// EditContact changes a contact read at version.
func (c *Client) EditContact(ctx context.Context, contactID, version int64, p app.ContactPatch) (*rapport.Contact, error) {
	var ct rapport.Contact
	return &ct, c.call(ctx, "PATCH", "/api/v1/contacts/"+id(contactID), p, &ct, version)
}

func (c *Client) DeleteContact(ctx context.Context, contactID int64) error {
	return c.call(ctx, "DELETE", "/api/v1/contacts/"+id(contactID), nil, nil, 0)
}

func (c *Client) RestoreContact(ctx context.Context, contactID int64) error {
	return c.call(ctx, "POST", "/api/v1/contacts/"+id(contactID)+"/restore", nil, nil, 0)
}

func (c *Client) Notes(ctx context.Context, contactID int64) ([]*rapport.Note, error) {
	var ns []*rapport.Note
	return ns, c.call(ctx, "GET", "/api/v1/contacts/"+id(contactID)+"/notes", nil, &ns, 0)
}

func (c *Client) AddNote(ctx context.Context, contactID int64, body string) (*rapport.Note, error) {
	var n rapport.Note
	return &n, c.call(ctx, "POST", "/api/v1/contacts/"+id(contactID)+"/notes", map[string]string{"body": body}, &n, 0)
}

// Timeline lists a contact's interactions, newest first: the last limit of
// them, or all when limit is 0 (page by page, each before the last one read).
func (c *Client) Timeline(ctx context.Context, contactID int64, limit int) ([]*rapport.Interaction, error) {
	var all []*rapport.Interaction
	seen := map[int64]bool{}
	q := url.Values{}
	page := maxPage
	if limit > 0 && limit < page {
		page = limit
	}
	for {
		q.Set("limit", strconv.Itoa(page))
		var is []*rapport.Interaction
		if err := c.call(ctx, "GET", "/api/v1/contacts/"+id(contactID)+"/timeline?"+q.Encode(), nil, &is, 0); err != nil {
			return nil, err
		}
		added := 0
		for _, i := range is {
			if !seen[i.ID] {
				seen[i.ID] = true
				all = append(all, i)
				added++
			}
		}
		if limit > 0 && len(all) >= limit {
			return all[:limit], nil
		}
		if len(is) < page || added == 0 {
			return all, nil
		}
		// The next page ends where this one did: until is exclusive, so the
		// interactions at the same instant as the last come again, and are
		// skipped.
		q.Set("until", is[len(is)-1].At.Add(time.Millisecond).UTC().Format(time.RFC3339Nano))
		page = maxPage
	}
}

// Log records an interaction and returns what the rules make of it; i gets
// its id and times.
func (c *Client) Log(ctx context.Context, i *rapport.Interaction) (rules.LogCheck, error) {
	body := map[string]any{"contact_ids": i.ContactIDs, "channel": i.Channel, "direction": i.Direction,
		"invitation": i.Invitation, "outcome": i.Outcome, "note": i.Note}
	if !i.At.IsZero() {
		body["at"] = i.At
	}
	var out struct {
		*rapport.Interaction
		rules.LogCheck
	}
	out.Interaction = i
	err := c.call(ctx, "POST", "/api/v1/interactions", body, &out, 0)
	return out.LogCheck, err
}

// SetOutcome records what became of an interaction, at its current version.
func (c *Client) SetOutcome(ctx context.Context, interactionID int64, o rapport.Outcome) (*rapport.Interaction, error) {
	var i rapport.Interaction
	if err := c.call(ctx, "GET", "/api/v1/interactions/"+id(interactionID), nil, &i, 0); err != nil {
		return nil, err
	}
	return &i, c.call(ctx, "PATCH", "/api/v1/interactions/"+id(interactionID), map[string]any{"outcome": o}, &i, i.Version)
}

func (c *Client) Status(ctx context.Context, contactID int64) (rules.Status, error) {
	var st rules.Status
	return st, c.call(ctx, "GET", "/api/v1/contacts/"+id(contactID)+"/status", nil, &st, 0)
}

func (c *Client) Today(ctx context.Context) (app.TodayResult, error) {
	var t app.TodayResult
	return t, c.call(ctx, "GET", "/api/v1/today", nil, &t, 0)
}

func (c *Client) Review(ctx context.Context, since time.Time) (rules.ReviewResult, error) {
	path := "/api/v1/review"
	if !since.IsZero() {
		path += "?since=" + url.QueryEscape(since.UTC().Format(time.RFC3339))
	}
	var rv rules.ReviewResult
	return rv, c.call(ctx, "GET", path, nil, &rv, 0)
}

func (c *Client) StartEffort(ctx context.Context, contactID int64, goal string) (*rapport.Effort, error) {
	var e rapport.Effort
	return &e, c.call(ctx, "POST", "/api/v1/contacts/"+id(contactID)+"/efforts", map[string]string{"goal": goal}, &e, 0)
}

func (c *Client) AddPromise(ctx context.Context, p *rapport.Promise) error {
	return c.call(ctx, "POST", "/api/v1/promises", map[string]any{"contact_id": p.ContactID, "by": p.By, "what": p.What, "due": p.Due}, p, 0)
}

func (c *Client) ResolvePromise(ctx context.Context, promiseID int64, state rapport.PromiseState) (*rapport.Promise, error) {
	action := "keep"
	if state == rapport.PromiseBroken {
		action = "break"
	}
	var p rapport.Promise
	return &p, c.call(ctx, "POST", "/api/v1/promises/"+id(promiseID)+"/"+action, nil, &p, 0)
}

func (c *Client) RecordTrust(ctx context.Context, contactID int64, kind rapport.TrustEventKind, note string) (*rapport.TrustEvent, error) {
	var t rapport.TrustEvent
	return &t, c.call(ctx, "POST", "/api/v1/contacts/"+id(contactID)+"/trust", map[string]any{"kind": kind, "note": note}, &t, 0)
}

func (c *Client) AddFavor(ctx context.Context, f *rapport.Favor) error {
	return c.call(ctx, "POST", "/api/v1/favors", map[string]any{"contact_id": f.ContactID, "dir": f.Dir, "kind": f.Kind,
		"about": f.About, "outcome": f.Outcome, "thanked": f.Thanked}, f, 0)
}

func (c *Client) Thank(ctx context.Context, contactID int64) (*rapport.Favor, error) {
	var f rapport.Favor
	return &f, c.call(ctx, "POST", "/api/v1/contacts/"+id(contactID)+"/thank", nil, &f, 0)
}

func (c *Client) CheckAsk(ctx context.Context, contactID int64, a rules.Ask) (rules.AskResult, error) {
	var r rules.AskResult
	return r, c.call(ctx, "POST", "/api/v1/contacts/"+id(contactID)+"/ask-check",
		map[string]any{"kind": a.Kind, "about": a.About, "on_behalf": a.OnBehalf}, &r, 0)
}

func (c *Client) Settings(ctx context.Context) (rapport.Settings, error) {
	var s rapport.Settings
	return s, c.call(ctx, "GET", "/api/v1/settings", nil, &s, 0)
}

func (c *Client) SaveSettings(ctx context.Context, s rapport.Settings) error {
	return c.call(ctx, "PUT", "/api/v1/settings", s, nil, 0)
}

func (c *Client) DraftReconnect(ctx context.Context, contactID int64, in compose.ReconnectInput) (app.DraftResult, error) {
	var d app.DraftResult
	return d, c.call(ctx, "POST", "/api/v1/contacts/"+id(contactID)+"/drafts/reconnect", map[string]any{
		"why_now": in.WhyNow, "offer": in.Offer, "silence": in.Silence, "lang": in.Lang, "register": in.Register}, &d, 0)
}

func (c *Client) DraftOpener(ctx context.Context, contactID int64, in compose.OpenerInput) (app.DraftResult, error) {
	var d app.DraftResult
	return d, c.call(ctx, "POST", "/api/v1/contacts/"+id(contactID)+"/drafts/opener", map[string]any{
		"situation": in.Situation, "channel": in.Channel, "lang": in.Lang, "register": in.Register}, &d, 0)
}

func (c *Client) CreateToken(ctx context.Context, name string, scope rapport.Scope) (*app.NewToken, error) {
	var t app.NewToken
	return &t, c.call(ctx, "POST", "/api/v1/tokens", map[string]any{"name": name, "scope": scope}, &t, 0)
}

func (c *Client) Tokens(ctx context.Context) ([]*rapport.APIToken, error) {
	var ts []*rapport.APIToken
	return ts, c.call(ctx, "GET", "/api/v1/tokens", nil, &ts, 0)
}

func (c *Client) RevokeToken(ctx context.Context, tokenID int64) error {
	return c.call(ctx, "DELETE", "/api/v1/tokens/"+id(tokenID), nil, nil, 0)
}

// CreateFeed creates a private calendar feed; Path is the server's full URL
// of it.
func (c *Client) CreateFeed(ctx context.Context, name string) (*app.NewFeed, error) {
	var out struct {
		app.NewFeed
		URL string `json:"url"`
	}
	if err := c.call(ctx, "POST", "/api/v1/feed", map[string]any{"name": name}, &out, 0); err != nil {
		return nil, err
	}
	f := out.NewFeed
	f.Path = c.base + f.Path
	return &f, nil
}

// importMedia is the Content-Type each format is uploaded as.
var importMedia = map[app.ImportFormat]string{
	app.ImportVCard:    "text/vcard",
	app.ImportLinkedIn: "text/csv",
	app.ImportGoogle:   "text/csv",
	app.ImportICS:      "text/calendar",
	app.ImportJSON:     "application/json", // refused by the server: restoring is local only
}

// Import uploads a file of format to the server, which imports it as
// app.Service.Import does (POST /api/v1/import/{format}): all of it or
// nothing, unless skipBad. The body is r itself, streamed, not JSON.
func (c *Client) Import(ctx context.Context, format app.ImportFormat, r io.Reader, opts app.ImportOptions) (*app.ImportResult, error) {
	q := url.Values{}
	if opts.SkipBad {
		q.Set("skip_bad", "true")
	}
	// The server reads floating times in the zone named, as the CLI does
	// locally; the system's own zone has no name to send.
	if opts.Location != nil && opts.Location.String() != "Local" {
		q.Set("tz", opts.Location.String())
	}
	path := "/api/v1/import/" + url.PathEscape(string(format))
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	mediaType, ok := importMedia[format]
	if !ok {
		mediaType = "application/octet-stream" // the server names the formats it knows
	}
	var out app.ImportResult
	if err := c.send(ctx, "POST", path, mediaType, r, &out, 0); err != nil {
		return nil, err
	}
	return &out, nil
}
