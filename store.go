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
	AuthStore

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

	// Today's reads: only what can put a contact on the agenda.

	// LatestEfforts lists each contact's latest effort started at or before
	// now (the latest start, then the highest id), by contact.
	LatestEfforts(ctx context.Context, acct int64, now time.Time) ([]*Effort, error)
	// LatestEffortInteractions returns, for each contact with an effort
	// started at or before now, the live interactions with them at or after
	// the latest one started, oldest first: all the rules read to follow that
	// effort, since a written interaction is never an attempt nor a
	// reach-out. Their ContactIDs are left empty: a rules.History takes every
	// interaction in it to involve its contact.
	LatestEffortInteractions(ctx context.Context, acct int64, now time.Time) (map[int64][]*Interaction, error)
	// AgendaPromises lists the open promises due before dueBefore, and the
	// promises they broke (breaches of trust), by due date (undated last),
	// then id.
	AgendaPromises(ctx context.Context, acct int64, dueBefore time.Time) ([]*Promise, error)
	// DuePromiseContacts lists up to limit open promises of one side (by:
	// mine or theirs) due before before, of live contacts: the earliest due
	// first, then by contact and id. A candidate's From is the promise's due
	// date; Total counts every such promise.
	DuePromiseContacts(ctx context.Context, acct int64, by PromiseBy, before time.Time, limit int) (Candidates, error)
	// UnthankedContacts lists up to limit live contacts owed a thank-you: a
	// favor received (see Favor.Received) not yet thanked. From is the
	// oldest such favor; the oldest first, then by contact.
	UnthankedContacts(ctx context.Context, acct int64, limit int) (Candidates, error)
	// DeficitContacts lists up to limit live contacts whose favor balance,
	// given − received, is at or below deficit (negative). From is the latest
	// favor received; the earliest first, then by contact.
	DeficitContacts(ctx context.Context, acct int64, deficit, limit int) (Candidates, error)
	// EffortContacts lists up to limit live contacts whose latest effort
	// started at or before now is not known to have ended: no live
	// interaction held since it started. From is that start; the earliest
	// first, then by contact. They are not counted: the read stops at limit.
	EffortContacts(ctx context.Context, acct int64, now time.Time, limit int) ([]Candidate, error)
	// BornOn lists the live contacts born on one of days, with their
	// birthdays, in no particular order.
	BornOn(ctx context.Context, acct int64, days []Birthday) ([]ContactBirthday, error)
	// AgendaRecords returns what the rules read of the contacts ids to make
	// their agenda at now: their efforts, promises, favors and trust events,
	// and the live interactions with them since their latest effort started
	// by now (as LatestEffortInteractions).
	AgendaRecords(ctx context.Context, acct int64, ids []int64, now time.Time) (Records, map[int64][]*Interaction, error)
	// ContactLists returns the contacts of each filter, as Contacts returns
	// them, in one round trip.
	ContactLists(ctx context.Context, acct int64, fs []ContactFilter) ([][]*Contact, error)
	// OwnCadenceDue lists, bare, up to limit live contacts with a cadence of
	// their own whose keep-in-touch reference (see ContactFilter.KeepFrom) is
	// at or after from and who came due, reference plus cadence, before
	// before: the soonest due first, then by id.
	OwnCadenceDue(ctx context.Context, acct int64, from, before time.Time, limit int) ([]*Contact, error)
	// DormantContacts lists, bare, up to limit live contacts of a tier,
	// whatever their cadence, whose keep-in-touch reference lies before
	// before: the oldest first, then by id.
	DormantContacts(ctx context.Context, acct int64, tier Tier, before time.Time, limit int) ([]*Contact, error)

	// Settings returns the account's settings: the defaults until it saves its own.
	Settings(ctx context.Context, acct int64) (Settings, error)
	SaveSettings(ctx context.Context, acct int64, s Settings) error

	AddNote(ctx context.Context, acct int64, n *Note) error
	// Notes lists a contact's notes, newest first.
	Notes(ctx context.Context, acct, contactID int64) ([]*Note, error)

	// Import, export, merge (issue 8): moving data into, out of and within
	// an account, each in one transaction.

	// ContactSources maps the external keys of imported people (see
	// ImportedContact.Sources) to the contacts they were imported into.
	ContactSources(ctx context.Context, acct int64) (map[string]int64, error)
	// InteractionSources maps the external keys of imported interactions
	// (see ImportedInteraction.Source) to their ids.
	InteractionSources(ctx context.Context, acct int64) (map[string]int64, error)
	// Import writes what one import brings, all or nothing: new contacts
	// (which get their ids), changes to matched contacts (at the version
	// they were read at: ECONFLICT otherwise), their notes and external
	// keys, and new interactions with their keys (a key already in the
	// account is a conflict).
	Import(ctx context.Context, acct int64, b *ImportBatch) error
	// MergeContacts merges drop into keep: keep is stored as given, at the
	// version it was read at, and every interaction, note, effort, promise,
	// favor, trust event and external key of drop moves to keep; drop, read
	// at drop.Version, goes to the trash, empty. Both summaries are
	// recomputed. Both must be live, and differ.
	MergeContacts(ctx context.Context, acct int64, keep, drop *Contact, now time.Time) (MergeCounts, error)
	// ReadArchive reads everything in the account, as of one moment, even
	// while others write.
	ReadArchive(ctx context.Context, acct int64) (*Archive, error)
	// RestoreArchive writes an archive into an account that has no contacts
	// (ECONFLICT otherwise), keeping every id, version and time; summaries
	// are recomputed from the interactions.
	RestoreArchive(ctx context.Context, acct int64, a *Archive) error
}

// ImportBatch is what one import writes, in one transaction.
type ImportBatch struct {
	Contacts     []*ImportedContact
	Interactions []*ImportedInteraction
	// Progress, when set, is told how many of the contacts and interactions
	// are written, as they are.
	Progress func(done, total int)
}

// ImportedContact is a contact an import creates (Contact.ID 0) or merges
// into (an existing contact).
type ImportedContact struct {
	Contact *Contact
	// Changed stores an existing contact's new details.
	Changed bool
	// Sources are the file's keys for the person ("vcard:UID"), recorded so
	// that the next import of the same file finds the same contact.
	Sources []string
	// Notes are attached to the contact; their ContactID is set on writing.
	Notes []*Note
}

// ImportedInteraction is an interaction an import creates, with the file's
// key for it ("ics:UID/START"), unique in the account.
type ImportedInteraction struct {
	Interaction *Interaction
	Source      string
}

// MergeCounts says what a merge moved from one contact to the other.
type MergeCounts struct {
	Interactions int `json:"interactions"`
	Notes        int `json:"notes"`
	Efforts      int `json:"efforts"`
	Promises     int `json:"promises"`
	Favors       int `json:"favors"`
	TrustEvents  int `json:"trust_events"`
}

// Archive is everything in an account, as `rapport export json` writes it
// and `rapport import json` restores it: every list by id.
type Archive struct {
	Settings           Settings            `json:"settings"`
	Contacts           []*Contact          `json:"contacts"` // live and in the trash
	Notes              []*Note             `json:"notes"`
	Interactions       []*Interaction      `json:"interactions"`
	Efforts            []*Effort           `json:"efforts"`
	Promises           []*Promise          `json:"promises"`
	TrustEvents        []*TrustEvent       `json:"trust_events"`
	Favors             []*Favor            `json:"favors"`
	ContactSources     []ContactSource     `json:"contact_sources"`
	InteractionSources []InteractionSource `json:"interaction_sources"`
}

// ContactSource is an external key of an imported person.
type ContactSource struct {
	Key       string `json:"key"`
	ContactID int64  `json:"contact_id"`
}

// InteractionSource is the external key of an imported interaction.
type InteractionSource struct {
	Key           string `json:"key"`
	InteractionID int64  `json:"interaction_id"`
}

// Candidates are contacts that may have an item of one kind on the agenda,
// each with a lower bound of when it came due (From), in that order.
type Candidates struct {
	List []Candidate
	// Total is how many there are in all, whatever the limit of the read.
	Total int
}

// Candidate is one contact of Candidates.
type Candidate struct {
	ContactID int64
	From      time.Time
}

// ContactBirthday is a contact's birthday, as Store.BornOn lists them.
type ContactBirthday struct {
	ContactID int64
	Birthday  Birthday
}
