package cli

import (
	"context"
	"io"
	"time"

	"rapport"
	"rapport/app"
	"rapport/client"
	"rapport/compose"
	"rapport/rules"
)

// backend is what the commands run on: the account in a local database
// (local, over app.Service), or a server (*client.Client, over the API).
// Each command is written once, against this interface, so both give the
// same results and the same --json. Texts the rules give (warnings, advice,
// reasons, health factors) come back in the user's language, and errors as
// *rapport.Error.
type backend interface {
	// ResolveContact finds the contact a REF names (in the trash when trash).
	ResolveContact(ctx context.Context, ref string, trash bool) (*rapport.Contact, error)
	// Contact reads a contact by id, in the trash or not.
	Contact(ctx context.Context, contactID int64) (*rapport.Contact, error)
	Contacts(ctx context.Context, f rapport.ContactFilter) ([]*rapport.Contact, error)
	AddContact(ctx context.Context, p app.ContactPatch) (*rapport.Contact, error)
	// EditContact changes a contact read at version: if it changed since,
	// nothing is written and the error is a conflict.
	EditContact(ctx context.Context, contactID, version int64, p app.ContactPatch) (*rapport.Contact, error)
	DeleteContact(ctx context.Context, contactID int64) error
	RestoreContact(ctx context.Context, contactID int64) error
	Notes(ctx context.Context, contactID int64) ([]*rapport.Note, error)
	AddNote(ctx context.Context, contactID int64, body string) (*rapport.Note, error)
	// Timeline lists a contact's interactions, newest first: at most limit,
	// or all when limit is 0.
	Timeline(ctx context.Context, contactID int64, limit int) ([]*rapport.Interaction, error)
	// Log records i (which gets its id, times and defaults) and says what
	// the rules make of it.
	Log(ctx context.Context, i *rapport.Interaction) (rules.LogCheck, error)
	SetOutcome(ctx context.Context, interactionID int64, o rapport.Outcome) (*rapport.Interaction, error)
	Status(ctx context.Context, contactID int64) (rules.Status, error)
	Today(ctx context.Context) (app.TodayResult, error)
	Review(ctx context.Context, since time.Time) (rules.ReviewResult, error)
	StartEffort(ctx context.Context, contactID int64, goal string) (*rapport.Effort, error)
	// AddPromise records p, which gets its id and state.
	AddPromise(ctx context.Context, p *rapport.Promise) error
	ResolvePromise(ctx context.Context, promiseID int64, state rapport.PromiseState) (*rapport.Promise, error)
	RecordTrust(ctx context.Context, contactID int64, kind rapport.TrustEventKind, note string) (*rapport.TrustEvent, error)
	// AddFavor records f, which gets its id and time.
	AddFavor(ctx context.Context, f *rapport.Favor) error
	Thank(ctx context.Context, contactID int64) (*rapport.Favor, error)
	CheckAsk(ctx context.Context, contactID int64, a rules.Ask) (rules.AskResult, error)
	Settings(ctx context.Context) (rapport.Settings, error)
	SaveSettings(ctx context.Context, s rapport.Settings) error
	DraftReconnect(ctx context.Context, contactID int64, in compose.ReconnectInput) (app.DraftResult, error)
	DraftOpener(ctx context.Context, contactID int64, in compose.OpenerInput) (app.DraftResult, error)
	// The tokens of the user the CLI acts as.
	CreateToken(ctx context.Context, name string, scope rapport.Scope) (*app.NewToken, error)
	Tokens(ctx context.Context) ([]*rapport.APIToken, error)
	RevokeToken(ctx context.Context, tokenID int64) error
	// Import imports a file (a JSON restore needs the local database).
	Import(ctx context.Context, format app.ImportFormat, r io.Reader, opts app.ImportOptions) (*app.ImportResult, error)
	// CreateFeed creates a private calendar feed; its path is shown once.
	CreateFeed(ctx context.Context, name string) (*app.NewFeed, error)
}

var (
	_ backend = (*local)(nil)
	_ backend = (*client.Client)(nil)
)
