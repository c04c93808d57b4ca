package app

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-ical"

	"rapport"
	"rapport/i18n"
	"rapport/rules"
)

// The calendar feed: a private, revocable iCalendar URL per user with the
// dated items of Today (promises due, follow-ups, next attempts,
// birthdays) and what comes within FeedDays (open promises due, birthdays),
// for any calendar app to subscribe to. Its credential is a token of scope
// feed ("rf_..."): stored hashed, shown once, revoked as tokens are, and
// good for the feed only.

// FeedDays is how far ahead the feed shows promises and birthdays.
const FeedDays = 60

// NewFeed is a feed just created: its credential is shown once.
type NewFeed struct {
	// Path is the feed's path on the server: /feed/<credential>.ics.
	Path  string            `json:"path"`
	Token string            `json:"token"`
	Info  *rapport.APIToken `json:"info"`
}

// CreateFeed creates a calendar feed for the principal's user.
func (s *Service) CreateFeed(ctx context.Context, p *rapport.Principal, name string) (*NewFeed, error) {
	secret, err := newSecret()
	if err != nil {
		return nil, err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		name = "calendar feed"
	}
	t := &rapport.APIToken{UserID: p.User.ID, Name: name, Scope: rapport.ScopeFeed,
		SecretHash: rapport.HashSecret(secret), CreatedAt: s.now()}
	if err := s.Store.CreateToken(ctx, p.Account.ID, t); err != nil {
		return nil, err
	}
	cred := rapport.Credential{Kind: rapport.CredFeed, Account: p.Account.ID, ID: t.ID, Secret: secret}
	return &NewFeed{Path: "/feed/" + cred.String() + ".ics", Token: cred.String(), Info: t}, nil
}

// FeedPrincipal returns whose feed a feed credential reads; anything else
// (an API token, a revoked feed) is EUNAUTHORIZED.
func (s *Service) FeedPrincipal(ctx context.Context, credential string) (*rapport.Principal, error) {
	c, err := rapport.ParseCredential(rapport.CredFeed, credential)
	if err != nil {
		return nil, err
	}
	p, err := s.Store.TokenPrincipal(ctx, c.Account, c.ID)
	if err != nil {
		return nil, unauthorizedIfNotFound(err)
	}
	if !rapport.SecretMatches(c.Secret, p.Token.SecretHash) || p.Token.RevokedAt != nil || p.Token.Scope != rapport.ScopeFeed {
		return nil, errBadCredential
	}
	return p, nil
}

// feedKinds are the kinds of Today's items that have a date of their own.
var feedKinds = map[rules.ItemKind]bool{rules.ItemPromiseDue: true, rules.ItemFollowUp: true, rules.ItemAttempt: true, rules.ItemBirthday: true}

// Feed writes the principal's calendar: one all-day event per dated item,
// with a stable UID, in the user's language (tr).
func (s *Service) Feed(ctx context.Context, p *rapport.Principal, tr *i18n.Translator) ([]byte, error) {
	acct := p.Account.ID
	today, err := s.Today(ctx, acct)
	if err != nil {
		return nil, err
	}
	now := s.now()
	horizon := now.AddDate(0, 0, FeedDays)
	var items []rules.Item
	seen := map[string]bool{}
	add := func(it rules.Item) {
		uid := feedUID(acct, it)
		if !seen[uid] {
			seen[uid] = true
			items = append(items, it)
		}
	}
	for _, it := range today.Items {
		if feedKinds[it.Kind] {
			add(it)
		}
	}
	// What comes later: open promises due before the horizon, birthdays.
	ps, err := s.Store.AgendaPromises(ctx, acct, horizon)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	var born []rapport.Birthday
	for d := range FeedDays + 1 {
		day := now.AddDate(0, 0, d)
		born = append(born, rapport.Birthday{Month: day.Month(), Day: day.Day()})
	}
	cs, err := s.Store.Contacts(ctx, acct, rapport.ContactFilter{BornOn: born, Bare: true})
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, pr := range ps {
		ids = append(ids, pr.ContactID)
	}
	if len(ids) > 0 {
		pcs, err := s.Store.Contacts(ctx, acct, rapport.ContactFilter{IDs: ids, Bare: true})
		if err != nil {
			return nil, err
		}
		for _, c := range pcs {
			names[c.ID] = c.DisplayName
		}
	}
	for _, pr := range ps {
		name, live := names[pr.ContactID]
		if pr.State != rapport.PromiseOpen || pr.Due == nil || !live {
			continue
		}
		it := rules.Item{Kind: rules.ItemPromiseDue, ReasonKey: "today.promise_mine", ContactID: pr.ContactID, ContactName: name,
			Due: *pr.Due, What: pr.What, PromiseID: pr.ID}
		if pr.By != rapport.ByMe {
			it.Kind, it.ReasonKey = rules.ItemFollowUp, "today.promise_theirs"
		}
		add(it)
	}
	for _, c := range cs {
		if c.Birthday == nil || c.DeletedAt != nil {
			continue
		}
		if next := c.Birthday.Next(now); !next.After(horizon) {
			add(rules.Item{Kind: rules.ItemBirthday, ReasonKey: "today.birthday", ContactID: c.ID, ContactName: c.DisplayName, Due: next})
		}
	}
	LocalizeItems(tr, items)

	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, "-//Rapport//Feed//EN")
	cal.Props.SetText("X-WR-CALNAME", "Rapport")
	stamp := now.UTC()
	for _, it := range items {
		ev := ical.NewEvent()
		ev.Props.SetText(ical.PropUID, feedUID(acct, it))
		ev.Props.SetDateTime(ical.PropDateTimeStamp, stamp)
		y, m, d := it.Due.In(now.Location()).Date()
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		ev.Props.SetDate(ical.PropDateTimeStart, day)
		ev.Props.SetDate(ical.PropDateTimeEnd, day.AddDate(0, 0, 1))
		summary := it.Reason
		if it.ContactName != "" && !strings.Contains(summary, it.ContactName) {
			summary = it.ContactName + ": " + summary
		}
		ev.Props.SetText(ical.PropSummary, summary)
		ev.Props.SetText(ical.PropTransparency, "TRANSPARENT")
		cal.Children = append(cal.Children, ev.Component)
	}
	if len(cal.Children) == 0 {
		// Nothing dated ahead: go-ical refuses to write a calendar without
		// events, but a subscribed calendar must still answer, empty.
		return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rapport//Feed//EN\r\nX-WR-CALNAME:Rapport\r\nEND:VCALENDAR\r\n"), nil
	}
	var buf bytes.Buffer
	if err := ical.NewEncoder(&buf).Encode(cal); err != nil {
		return nil, rapport.Internal(err)
	}
	return buf.Bytes(), nil
}

// feedUID names an item's event for good: a promise's, an effort's next
// attempt, a contact's birthday of one year.
func feedUID(acct int64, it rules.Item) string {
	var key string
	switch {
	case it.PromiseID != 0:
		key = "promise-" + strconv.FormatInt(it.PromiseID, 10)
	case it.EffortID != 0:
		key = "attempt-" + strconv.FormatInt(it.EffortID, 10)
	default:
		key = fmt.Sprintf("%s-%d-%d", it.Kind, it.ContactID, it.Due.Year())
	}
	return fmt.Sprintf("rapport-%d-%s@rapport", acct, key)
}
