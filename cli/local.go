package cli

import (
	"context"
	"io"
	"strconv"
	"time"

	"rapport"
	"rapport/app"
	"rapport/compose"
	"rapport/i18n"
	"rapport/rules"
)

// local is the backend of a local database: the use cases of app.Service
// in one account, as the owner, doing what the API's handlers do for a
// request (server/api_*.go), so that a command says the same on both.
type local struct {
	svc  *app.Service
	acct rapport.Account
	// tr is the user's language, which the rules' texts are rendered in
	// (the server renders them in the client's Accept-Language).
	tr func() *i18n.Translator
}

// contact reads a contact that is not in the trash, by id, as the API's
// routes under /contacts/{id} do.
func (l *local) contact(ctx context.Context, id int64) (*rapport.Contact, error) {
	return l.svc.ResolveContact(ctx, l.acct.ID, strconv.FormatInt(id, 10), false)
}

// owner is who the local CLI acts as: the account's first user, its owner.
func (l *local) owner(ctx context.Context) (*rapport.Principal, error) {
	return owner(ctx, l.svc.Store, l.acct)
}

func owner(ctx context.Context, st rapport.Store, a rapport.Account) (*rapport.Principal, error) {
	us, err := st.Users(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	if len(us) == 0 {
		return nil, rapport.NotFound("user of account", a.ID)
	}
	return &rapport.Principal{Account: a, User: us[0]}, nil
}

func (l *local) ResolveContact(ctx context.Context, ref string, trash bool) (*rapport.Contact, error) {
	return l.svc.ResolveContact(ctx, l.acct.ID, ref, trash)
}

func (l *local) Contact(ctx context.Context, id int64) (*rapport.Contact, error) {
	return l.svc.Store.Contact(ctx, l.acct.ID, id)
}

func (l *local) Contacts(ctx context.Context, f rapport.ContactFilter) ([]*rapport.Contact, error) {
	return l.svc.Store.Contacts(ctx, l.acct.ID, f)
}

func (l *local) AddContact(ctx context.Context, p app.ContactPatch) (*rapport.Contact, error) {
	c := &rapport.Contact{}
	if err := p.Apply(c); err != nil {
		return nil, err
	}
	return c, l.svc.AddContact(ctx, l.acct.ID, c)
}

func (l *local) EditContact(ctx context.Context, id, version int64, p app.ContactPatch) (*rapport.Contact, error) {
	return l.svc.EditContactAt(ctx, l.acct.ID, id, version, p.Apply)
}

func (l *local) DeleteContact(ctx context.Context, id int64) error {
	return l.svc.DeleteContact(ctx, l.acct.ID, id)
}

func (l *local) RestoreContact(ctx context.Context, id int64) error {
	return l.svc.RestoreContact(ctx, l.acct.ID, id)
}

func (l *local) Notes(ctx context.Context, contactID int64) ([]*rapport.Note, error) {
	return l.svc.Store.Notes(ctx, l.acct.ID, contactID)
}

func (l *local) AddNote(ctx context.Context, contactID int64, body string) (*rapport.Note, error) {
	return l.svc.AddNote(ctx, l.acct.ID, contactID, body)
}

func (l *local) Timeline(ctx context.Context, contactID int64, limit int) ([]*rapport.Interaction, error) {
	return l.svc.Store.Interactions(ctx, l.acct.ID, rapport.InteractionFilter{ContactID: contactID, Limit: limit})
}

func (l *local) Log(ctx context.Context, i *rapport.Interaction) (rules.LogCheck, error) {
	check, err := l.svc.LogChecked(ctx, l.acct.ID, i)
	if err != nil {
		return check, err
	}
	app.LocalizeWarnings(l.tr(), check.Warnings)
	return check, nil
}

func (l *local) SetOutcome(ctx context.Context, id int64, o rapport.Outcome) (*rapport.Interaction, error) {
	return l.svc.SetOutcome(ctx, l.acct.ID, id, o)
}

func (l *local) Status(ctx context.Context, contactID int64) (rules.Status, error) {
	c, err := l.contact(ctx, contactID)
	if err != nil {
		return rules.Status{}, err
	}
	st, err := l.svc.Status(ctx, l.acct.ID, c)
	if err != nil {
		return st, err
	}
	app.LocalizeStatus(l.tr(), &st)
	return st, nil
}

func (l *local) Today(ctx context.Context) (app.TodayResult, error) {
	t, err := l.svc.Today(ctx, l.acct.ID)
	if err != nil {
		return t, err
	}
	app.LocalizeItems(l.tr(), t.Items)
	return t, nil
}

func (l *local) Review(ctx context.Context, since time.Time) (rules.ReviewResult, error) {
	return l.svc.Review(ctx, l.acct.ID, since)
}

func (l *local) StartEffort(ctx context.Context, contactID int64, goal string) (*rapport.Effort, error) {
	c, err := l.contact(ctx, contactID)
	if err != nil {
		return nil, err
	}
	return l.svc.StartEffort(ctx, l.acct.ID, c, goal)
}

func (l *local) AddPromise(ctx context.Context, p *rapport.Promise) error {
	return l.svc.AddPromise(ctx, l.acct.ID, p)
}

func (l *local) ResolvePromise(ctx context.Context, id int64, state rapport.PromiseState) (*rapport.Promise, error) {
	return l.svc.ResolvePromise(ctx, l.acct.ID, id, state)
}

func (l *local) RecordTrust(ctx context.Context, contactID int64, kind rapport.TrustEventKind, note string) (*rapport.TrustEvent, error) {
	c, err := l.contact(ctx, contactID)
	if err != nil {
		return nil, err
	}
	return l.svc.RecordTrust(ctx, l.acct.ID, c, kind, note)
}

func (l *local) AddFavor(ctx context.Context, f *rapport.Favor) error {
	return l.svc.AddFavor(ctx, l.acct.ID, f)
}

func (l *local) Thank(ctx context.Context, contactID int64) (*rapport.Favor, error) {
	c, err := l.contact(ctx, contactID)
	if err != nil {
		return nil, err
	}
	return l.svc.Thank(ctx, l.acct.ID, c)
}

func (l *local) CheckAsk(ctx context.Context, contactID int64, a rules.Ask) (rules.AskResult, error) {
	c, err := l.contact(ctx, contactID)
	if err != nil {
		return rules.AskResult{}, err
	}
	res, err := l.svc.CheckAsk(ctx, l.acct.ID, c, a)
	if err != nil {
		return res, err
	}
	app.LocalizeWarnings(l.tr(), res.Warnings)
	return res, nil
}

func (l *local) Settings(ctx context.Context) (rapport.Settings, error) {
	return l.svc.Settings(ctx, l.acct.ID)
}

func (l *local) SaveSettings(ctx context.Context, s rapport.Settings) error {
	return l.svc.SaveSettings(ctx, l.acct.ID, s)
}

func (l *local) DraftReconnect(ctx context.Context, contactID int64, in compose.ReconnectInput) (app.DraftResult, error) {
	c, err := l.contact(ctx, contactID)
	if err != nil {
		return app.DraftResult{}, err
	}
	return l.svc.DraftReconnect(ctx, l.acct.ID, c, in)
}

func (l *local) DraftOpener(ctx context.Context, contactID int64, in compose.OpenerInput) (app.DraftResult, error) {
	c, err := l.contact(ctx, contactID)
	if err != nil {
		return app.DraftResult{}, err
	}
	return l.svc.DraftOpener(ctx, l.acct.ID, c, in)
}

func (l *local) CreateToken(ctx context.Context, name string, scope rapport.Scope) (*app.NewToken, error) {
	p, err := l.owner(ctx)
	if err != nil {
		return nil, err
	}
	return l.svc.CreateToken(ctx, p, name, scope)
}

func (l *local) Import(ctx context.Context, format app.ImportFormat, r io.Reader, opts app.ImportOptions) (*app.ImportResult, error) {
	return l.svc.Import(ctx, l.acct.ID, format, r, opts)
}

func (l *local) CreateFeed(ctx context.Context, name string) (*app.NewFeed, error) {
	p, err := l.owner(ctx)
	if err != nil {
		return nil, err
	}
	return l.svc.CreateFeed(ctx, p, name)
}

func (l *local) Tokens(ctx context.Context) ([]*rapport.APIToken, error) {
	p, err := l.owner(ctx)
	if err != nil {
		return nil, err
	}
	return l.svc.Tokens(ctx, p)
}

func (l *local) RevokeToken(ctx context.Context, id int64) error {
	p, err := l.owner(ctx)
	if err != nil {
		return err
	}
	return l.svc.RevokeToken(ctx, p, id)
}
