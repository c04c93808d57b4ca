package rapport

import (
	"context"
	"time"
)

// Store keeps an installation's data. Every method but the account ones takes
// the account it works in, and never reads or writes outside it. Methods that
// write several rows do so in one transaction: on error, nothing is written.
// Not found is an ENOTFOUND error, never a nil result.
//
// The store has no clock: callers set CreatedAt/UpdatedAt and pass "now".
type Store interface {
	Close() error

	// EnsureAccount returns the first account of the installation, creating it
	// with owner when there is none (created reports which).
	EnsureAccount(ctx context.Context, name string, owner *User, now time.Time) (acct Account, created bool, err error)
	// DefaultAccount returns the first account; ENOTFOUND when there is none.
	DefaultAccount(ctx context.Context) (Account, error)
	// CreateAccount creates an account with its owner.
	CreateAccount(ctx context.Context, name string, owner *User, now time.Time) (Account, error)
	// Users lists the users of an account.
	Users(ctx context.Context, acct int64) ([]*User, error)

	CreateContact(ctx context.Context, acct int64, c *Contact) error
	// CreateContacts creates many contacts in one transaction.
	CreateContacts(ctx context.Context, acct int64, cs []*Contact) error
	// Contact returns a contact, in the trash or not.
	Contact(ctx context.Context, acct, id int64) (*Contact, error)
	// Contacts lists contacts sorted by folded display name, then id.
	Contacts(ctx context.Context, acct int64, f ContactFilter) ([]*Contact, error)
	// UpdateContact stores c if c.Version is the stored version (ECONFLICT
	// otherwise, with nothing written), and increments c.Version.
	UpdateContact(ctx context.Context, acct int64, c *Contact) error
	// DeleteContact moves a contact to the trash.
	DeleteContact(ctx context.Context, acct, id int64, now time.Time) error
	// RestoreContact takes a contact out of the trash.
	RestoreContact(ctx context.Context, acct, id int64, now time.Time) error

	// CreateInteraction stores an interaction with all its contacts, which
	// must exist in the account.
	CreateInteraction(ctx context.Context, acct int64, i *Interaction) error
	// CreateInteractions stores many interactions in one transaction.
	CreateInteractions(ctx context.Context, acct int64, is []*Interaction) error
	Interaction(ctx context.Context, acct, id int64) (*Interaction, error)
	// Interactions lists interactions newest first.
	Interactions(ctx context.Context, acct int64, f InteractionFilter) ([]*Interaction, error)
	// UpdateInteraction stores i if i.Version is the stored version, and
	// increments it. The contacts of an interaction do not change.
	UpdateInteraction(ctx context.Context, acct int64, i *Interaction) error
	// EffortInteractions returns, for each contact with an effort, every
	// interaction with them at or after their first effort started: what the
	// rules need to follow efforts, without reading whole histories.
	EffortInteractions(ctx context.Context, acct int64) (map[int64][]*Interaction, error)
	// LastInteractions returns the time of each contact's last interaction,
	// for the contacts that have one.
	LastInteractions(ctx context.Context, acct int64) (map[int64]time.Time, error)

	// CreateEffort starts an effort with a contact that exists and is not in the trash.
	CreateEffort(ctx context.Context, acct int64, e *Effort) error
	// Efforts lists efforts, oldest first.
	Efforts(ctx context.Context, acct int64, f RelationshipFilter) ([]*Effort, error)

	CreatePromise(ctx context.Context, acct int64, p *Promise) error
	Promise(ctx context.Context, acct, id int64) (*Promise, error)
	// UpdatePromise stores p if p.Version is the stored version, and increments it.
	UpdatePromise(ctx context.Context, acct int64, p *Promise) error
	// Promises lists promises by due date (undated last), then id.
	Promises(ctx context.Context, acct int64, f RelationshipFilter) ([]*Promise, error)

	AddTrustEvent(ctx context.Context, acct int64, t *TrustEvent) error
	// TrustEvents lists trust events, oldest first.
	TrustEvents(ctx context.Context, acct int64, f RelationshipFilter) ([]*TrustEvent, error)

	AddFavor(ctx context.Context, acct int64, f *Favor) error
	Favor(ctx context.Context, acct, id int64) (*Favor, error)
	// UpdateFavor stores f if f.Version is the stored version, and increments it.
	UpdateFavor(ctx context.Context, acct int64, f *Favor) error
	// Favors lists favors, oldest first.
	Favors(ctx context.Context, acct int64, f RelationshipFilter) ([]*Favor, error)

	// CreateRecords writes many relationship records in one transaction; the
	// foreign keys refuse a contact that is not in the account.
	CreateRecords(ctx context.Context, acct int64, r Records) error

	// Settings returns the account's settings: the defaults until it saves its own.
	Settings(ctx context.Context, acct int64) (Settings, error)
	SaveSettings(ctx context.Context, acct int64, s Settings) error

	AddNote(ctx context.Context, acct int64, n *Note) error
	// Notes lists a contact's notes, newest first.
	Notes(ctx context.Context, acct, contactID int64) ([]*Note, error)
}
