package sqlstore

import "reflect"

// The SQL of the store, in one place, written for PostgreSQL ($1 parameters,
// GREATEST/LEAST); engine.rebind turns each into the engine's dialect once, at
// Open. Queries built at run time (row lists, filters) go through DB.sql.

const contactColumns = `id, display_name, given_name, family_name, kind, tier, cadence_days,
	org, title, lang, gender, birthday_year, birthday_month, birthday_day, how_we_met,
	created_at, updated_at, deleted_at, version,
	n_interactions, first_at, last_at, last_meaningful_at, n_inbound, n_held_live`

// bareContactColumns are what a Bare read returns: what the rules read.
const bareContactColumns = `id, display_name, kind, tier, cadence_days, birthday_year, birthday_month, birthday_day,
	created_at, deleted_at, n_interactions, first_at, last_at, last_meaningful_at, n_inbound, n_held_live`

// contactWriteColumns are the columns a contact insert writes, in the order
// contactArgs returns them.
const contactWriteColumns = `account_id, id, display_name, sort_key, search_text, given_name, family_name,
	kind, tier, cadence_days, org, title, lang, gender, birthday_year, birthday_month, birthday_day,
	how_we_met, created_at, updated_at, deleted_at, version`

const contactWriteWidth = 22

// principalColumns are the account and user of a credential (a, u).
const principalColumns = `a.name, a.created_at, u.email, u.display_name, u.lang, u.gender, u.role, u.created_at`

// favorReceived is the condition of Favor.Received: a favor received, or
// an ask granted in full or in part.
const favorReceived = `(dir = 'received' OR (dir = 'asked' AND outcome IN ('granted', 'partial')))`

// notDeleted says the contact of id (a column of the account $1) is not in
// the trash. The list of those that are is read once, from the
// contacts_deleted index: a lookup per row by (account_id, id) would take
// the primary key, and read each contact's row.
func notDeleted(id string) string {
	return id + ` NOT IN (SELECT x.id FROM contacts x WHERE x.account_id = $1 AND x.deleted_at IS NOT NULL)`
}

// agendaBirthdays is Store.BornOn, with a list of (month, day) pairs for %s;
// contacts_birthday holds every column it reads.
const agendaBirthdays = `SELECT id, birthday_year, birthday_month, birthday_day FROM contacts
	WHERE account_id = $1 AND deleted_at IS NULL AND (birthday_month, birthday_day) IN (VALUES %s)`

// The reads of Store.AgendaRecords, for the contacts of an id list (%s:
// $2, $3, ... or, after now, $3, $4, ...).
const (
	agendaEfforts  = `SELECT id, contact_id, goal, started_at FROM efforts WHERE account_id = $1 AND contact_id IN (%s) ORDER BY contact_id, started_at, id`
	agendaPromises = `SELECT ` + promiseColumns + ` FROM promises WHERE account_id = $1 AND contact_id IN (%s) ORDER BY id`
	agendaFavors   = `SELECT ` + favorColumns + ` FROM favors WHERE account_id = $1 AND contact_id IN (%s) ORDER BY contact_id, at, id`
	agendaTrust    = `SELECT id, contact_id, kind, note, at FROM trust_events WHERE account_id = $1 AND contact_id IN (%s) ORDER BY at, id`
	// As LatestEffortInteractions.
	agendaInteractions = `SELECT ic.contact_id, i.id, i.at, i.channel, i.direction, i.invitation, i.outcome, i.note,
			i.created_at, i.updated_at, i.version
		FROM (SELECT contact_id, MAX(started_at) AS since FROM efforts
			WHERE account_id = $1 AND started_at <= $2 AND contact_id IN (%s) GROUP BY contact_id) e
		JOIN interaction_contacts ic ON ic.account_id = $1 AND ic.contact_id = e.contact_id AND ic.at >= e.since
		JOIN interactions i ON i.account_id = ic.account_id AND i.id = ic.interaction_id
		WHERE i.channel IN ('in_person', 'video', 'call')`
)

const interactionColumns = `id, at, channel, direction, invitation, outcome, note, created_at, updated_at, version`

const interactionWriteColumns = `account_id, id, at, channel, direction, invitation, outcome, note, created_at, updated_at, version`

const interactionWriteWidth = 11

// queries holds the query text of one engine; its fields are exported only so
// that prepareQueries can rebind them all by reflection.
type queries struct {
	NextID string

	FirstAccount, InsertAccount, InsertUser, Users string

	// Sign-in and what several servers share (auth.go).
	Account, AccountIDs, User, InsertLogin, Login, SetPasswordHash string
	DeleteLogin, SetUserEmail, UpdateUser                          string
	SessionPrincipal, TokenPrincipal                               string
	InsertSession, Session, DeleteSession                          string
	InsertToken, Token, Tokens, RevokeToken                        string
	InsertInvite, Invite, UseInvite                                string
	InsertSigninFailure, SigninFailures, ClaimJobRun               string
	PurgeSessions, PurgeInvites, PurgeSigninFailures               string
	StaleInvitations                                               string

	Contact, UpdateContact, DeleteContact, RestoreContact string
	DeletePoints, DeleteTags                              string
	PointsOf, TagsOf, AllPoints, AllTags                  string

	Interaction, InteractionsOfContact, InteractionsAll string
	UpdateInteraction, MoveInteractionLinks             string
	EffortInteractions                                  string
	AddToSummary, SetSummary, LastInteractions          string

	InsertNote, Notes string

	Promise, UpdatePromise, Favor, UpdateFavor string
	Settings, SaveSettings                     string

	// Today's reads: LatestEfforts, LatestEffortInteractions, AgendaPromises,
	// OwedFavors, OwnCadenceDue, DormantContacts.
	LatestEfforts, LatestEffortInteractions, AgendaPromises                string
	DuePromiseContacts, UnthankedContacts, DeficitContacts, EffortContacts string
	OwnCadenceDue, DormantContacts                                         string

	// Import, export, merge and backup (issue 8; exchange.go).
	ContactSources, InteractionSources, AnyContact, SetIDFloor          string
	ArchiveContacts, ArchiveNotes, ArchiveInteractions, ArchiveLinks    string
	ArchiveEfforts, ArchivePromises, ArchiveFavors, ArchiveTrustEvents  string
	LockContactPair, MergeTouchInteractions, MergeDropSharedLinks       string
	MergeMoveLinks, MergeMoveNotes, MergeMoveEfforts, MergeMovePromises string
	MergeMoveFavors, MergeMoveTrustEvents, MergeMoveSources             string
}

func prepareQueries(rebind func(string) string) queries {
	q := queries{
		NextID: `INSERT INTO id_sequences (account_id, entity, last_id) VALUES ($1, $2, $3)
			ON CONFLICT (account_id, entity) DO UPDATE SET last_id = id_sequences.last_id + excluded.last_id
			RETURNING last_id`,

		FirstAccount:  `SELECT id, name, created_at FROM accounts ORDER BY id LIMIT 1`,
		InsertAccount: `INSERT INTO accounts (id, name, created_at) VALUES ($1, $2, $3)`,
		InsertUser: `INSERT INTO users (account_id, id, email, display_name, lang, gender, role, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		Users: `SELECT id, account_id, email, display_name, lang, gender, role, created_at
			FROM users WHERE account_id = $1 ORDER BY id`,

		Account:    `SELECT id, name, created_at FROM accounts WHERE id = $1`,
		AccountIDs: `SELECT id FROM accounts ORDER BY id`,
		User: `SELECT id, account_id, email, display_name, lang, gender, role, created_at
			FROM users WHERE account_id = $1 AND id = $2`,
		InsertLogin:     `INSERT INTO logins (email, account_id, user_id, password_hash) VALUES ($1, $2, $3, $4)`,
		DeleteLogin:     `DELETE FROM logins WHERE account_id = $1 AND user_id = $2`,
		SetUserEmail:    `UPDATE users SET email = $3 WHERE account_id = $1 AND id = $2`,
		UpdateUser:      `UPDATE users SET display_name = $3, lang = $4, gender = $5 WHERE account_id = $1 AND id = $2`,
		Login:           `SELECT email, account_id, user_id, password_hash FROM logins WHERE email = $1`,
		SetPasswordHash: `UPDATE logins SET password_hash = $2 WHERE email = $1`,
		// The principal of a credential: the credential, its account and its user.
		SessionPrincipal: `SELECT s.id, s.user_id, s.secret_hash, s.created_at, s.expires_at, ` + principalColumns + `
			FROM sessions s JOIN accounts a ON a.id = s.account_id
			JOIN users u ON u.account_id = s.account_id AND u.id = s.user_id
			WHERE s.account_id = $1 AND s.id = $2`,
		TokenPrincipal: `SELECT t.id, t.user_id, t.name, t.scope, t.secret_hash, t.created_at, t.revoked_at, ` + principalColumns + `
			FROM api_tokens t JOIN accounts a ON a.id = t.account_id
			JOIN users u ON u.account_id = t.account_id AND u.id = t.user_id
			WHERE t.account_id = $1 AND t.id = $2`,
		InsertSession: `INSERT INTO sessions (account_id, id, user_id, secret_hash, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6)`,
		Session: `SELECT id, account_id, user_id, secret_hash, created_at, expires_at
			FROM sessions WHERE account_id = $1 AND id = $2`,
		DeleteSession: `DELETE FROM sessions WHERE account_id = $1 AND id = $2`,
		InsertToken: `INSERT INTO api_tokens (account_id, id, user_id, name, scope, secret_hash, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		Token: `SELECT id, account_id, user_id, name, scope, secret_hash, created_at, revoked_at
			FROM api_tokens WHERE account_id = $1 AND id = $2`,
		Tokens: `SELECT id, account_id, user_id, name, scope, secret_hash, created_at, revoked_at
			FROM api_tokens WHERE account_id = $1 AND user_id = $2 ORDER BY id`,
		RevokeToken: `UPDATE api_tokens SET revoked_at = $3 WHERE account_id = $1 AND id = $2 AND revoked_at IS NULL`,
		InsertInvite: `INSERT INTO invites (account_id, id, role, email, created_by, secret_hash, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		Invite: `SELECT id, account_id, role, email, created_by, secret_hash, created_at, expires_at, used_at
			FROM invites WHERE account_id = $1 AND id = $2`,
		// Used once: the conditions make a second use, or a late one, update nothing.
		UseInvite: `UPDATE invites SET used_at = $3
			WHERE account_id = $1 AND id = $2 AND used_at IS NULL AND expires_at > $3`,
		InsertSigninFailure: `INSERT INTO signin_failures (key, at) VALUES ($1, $2)`,
		SigninFailures:      `SELECT COUNT(*) FROM signin_failures WHERE key = $1 AND at >= $2`,
		ClaimJobRun: `INSERT INTO job_runs (job, slot, holder, claimed) VALUES ($1, $2, $3, $4)
			ON CONFLICT (job, slot) DO NOTHING`,
		PurgeSessions:       `DELETE FROM sessions WHERE expires_at <= $1`,
		PurgeInvites:        `DELETE FROM invites WHERE expires_at <= $1 AND used_at IS NULL`,
		PurgeSigninFailures: `DELETE FROM signin_failures WHERE at < $1`,
		StaleInvitations: `SELECT id FROM interactions
			WHERE account_id = $1 AND outcome = 'scheduled' AND invitation AND at < $2 ORDER BY id`,

		Contact: `SELECT ` + contactColumns + ` FROM contacts WHERE account_id = $1 AND id = $2`,
		UpdateContact: `UPDATE contacts SET display_name = $4, sort_key = $5, search_text = $6,
			given_name = $7, family_name = $8, kind = $9, tier = $10, cadence_days = $11, org = $12,
			title = $13, lang = $14, gender = $15, birthday_year = $16, birthday_month = $17,
			birthday_day = $18, how_we_met = $19, updated_at = $20, version = version + 1
			WHERE account_id = $1 AND id = $2 AND version = $3`,
		DeleteContact: `UPDATE contacts SET deleted_at = $3, updated_at = $3, version = version + 1
			WHERE account_id = $1 AND id = $2 AND deleted_at IS NULL`,
		RestoreContact: `UPDATE contacts SET deleted_at = NULL, updated_at = $3, version = version + 1
			WHERE account_id = $1 AND id = $2 AND deleted_at IS NOT NULL`,
		DeletePoints: `DELETE FROM contact_points WHERE account_id = $1 AND contact_id = $2`,
		DeleteTags:   `DELETE FROM contact_tags WHERE account_id = $1 AND contact_id = $2`,
		PointsOf: `SELECT contact_id, medium, label, value FROM contact_points
			WHERE account_id = $1 AND contact_id = $2 ORDER BY medium, position`,
		TagsOf: `SELECT contact_id, tag FROM contact_tags WHERE account_id = $1 AND contact_id = $2 ORDER BY tag`,
		AllPoints: `SELECT contact_id, medium, label, value FROM contact_points
			WHERE account_id = $1 ORDER BY contact_id, medium, position`,
		AllTags: `SELECT contact_id, tag FROM contact_tags WHERE account_id = $1 ORDER BY contact_id, tag`,

		Interaction: `SELECT ` + interactionColumns + ` FROM interactions WHERE account_id = $1 AND id = $2`,
		InteractionsOfContact: `SELECT i.id, i.at, i.channel, i.direction, i.invitation, i.outcome, i.note,
				i.created_at, i.updated_at, i.version
			FROM interaction_contacts ic
			JOIN interactions i ON i.account_id = ic.account_id AND i.id = ic.interaction_id
			WHERE ic.account_id = $1 AND ic.contact_id = $2 AND ic.at >= $3 AND ic.at < $4
			ORDER BY ic.at DESC, ic.interaction_id DESC`,
		InteractionsAll: `SELECT ` + interactionColumns + ` FROM interactions
			WHERE account_id = $1 AND at >= $2 AND at < $3 ORDER BY at DESC, id DESC`,
		EffortInteractions: `SELECT ic.contact_id, i.id, i.at, i.channel, i.direction, i.invitation, i.outcome, i.note,
				i.created_at, i.updated_at, i.version
			FROM (SELECT contact_id, MIN(started_at) AS since FROM efforts WHERE account_id = $1 GROUP BY contact_id) e
			JOIN interaction_contacts ic ON ic.account_id = $1 AND ic.contact_id = e.contact_id AND ic.at >= e.since
			JOIN interactions i ON i.account_id = ic.account_id AND i.id = ic.interaction_id
			ORDER BY ic.contact_id, ic.at DESC, ic.interaction_id DESC`,
		UpdateInteraction: `UPDATE interactions SET at = $4, channel = $5, direction = $6, invitation = $7,
			outcome = $8, note = $9, updated_at = $10, version = version + 1
			WHERE account_id = $1 AND id = $2 AND version = $3`,
		MoveInteractionLinks: `UPDATE interaction_contacts SET at = $3 WHERE account_id = $1 AND interaction_id = $2`,
		// NULL means "none" in a summary, so each bound is COALESCEd: SQLite's
		// scalar MIN/MAX return NULL when any argument is NULL.
		AddToSummary: `UPDATE contacts SET
				n_interactions = n_interactions + $3,
				first_at = LEAST(COALESCE(first_at, $4), COALESCE($4, first_at)),
				last_at = GREATEST(COALESCE(last_at, $5), COALESCE($5, last_at)),
				last_meaningful_at = GREATEST(COALESCE(last_meaningful_at, $6), COALESCE($6, last_meaningful_at)),
				n_inbound = n_inbound + $7,
				n_held_live = n_held_live + $8
			WHERE account_id = $1 AND id = $2`,
		SetSummary: `UPDATE contacts SET n_interactions = $3, first_at = $4, last_at = $5,
				last_meaningful_at = $6, n_inbound = $7, n_held_live = $8
			WHERE account_id = $1 AND id = $2`,
		LastInteractions: `SELECT id, last_at FROM contacts WHERE account_id = $1 AND last_at IS NOT NULL`,

		InsertNote: `INSERT INTO notes (account_id, id, contact_id, body, created_at) VALUES ($1, $2, $3, $4, $5)`,
		Notes: `SELECT id, contact_id, body, created_at FROM notes
			WHERE account_id = $1 AND contact_id = $2 ORDER BY created_at DESC, id DESC`,

		Promise: `SELECT ` + promiseColumns + ` FROM promises WHERE account_id = $1 AND id = $2`,
		UpdatePromise: `UPDATE promises SET what = $4, due_at = $5, state = $6, resolved_at = $7, version = version + 1
			WHERE account_id = $1 AND id = $2 AND version = $3`,
		Favor: `SELECT ` + favorColumns + ` FROM favors WHERE account_id = $1 AND id = $2`,
		UpdateFavor: `UPDATE favors SET kind = $4, about = $5, outcome = $6, thanked = $7, version = version + 1
			WHERE account_id = $1 AND id = $2 AND version = $3`,
		Settings: `SELECT settings FROM account_settings WHERE account_id = $1`,
		SaveSettings: `INSERT INTO account_settings (account_id, settings) VALUES ($1, $2)
			ON CONFLICT (account_id) DO UPDATE SET settings = excluded.settings`,

		// Today's reads: LatestEfforts, LatestEffortInteractions,
		// AgendaPromises, OwedFavors, OwnCadenceDue, DormantContacts.
		// The efforts started by $2, by contact, in the order the rules take
		// them: the last of each contact is its latest.
		LatestEfforts: `SELECT id, contact_id, goal, started_at FROM efforts
			WHERE account_id = $1 AND started_at <= $2 ORDER BY contact_id, started_at, id`,
		// The live interactions (in person, video, call) since each contact's
		// latest effort started by $2. Unordered: sorting the rows would cost
		// more than the join; LatestEffortInteractions puts them in order.
		LatestEffortInteractions: `SELECT ic.contact_id, i.id, i.at, i.channel, i.direction, i.invitation, i.outcome, i.note,
				i.created_at, i.updated_at, i.version
			FROM (SELECT contact_id, MAX(started_at) AS since FROM efforts
				WHERE account_id = $1 AND started_at <= $2 GROUP BY contact_id) e
			JOIN interaction_contacts ic ON ic.account_id = $1 AND ic.contact_id = e.contact_id AND ic.at >= e.since
			JOIN interactions i ON i.account_id = ic.account_id AND i.id = ic.interaction_id
			WHERE i.channel IN ('in_person', 'video', 'call')`,
		// Open promises due before $2, and the promises they broke.
		AgendaPromises: `SELECT ` + promiseColumns + ` FROM promises
			WHERE account_id = $1 AND ((state = 'open' AND due_at < $2) OR (state = 'broken' AND promiser = 'them'))
			ORDER BY due_at IS NULL, due_at, id`,
		// The candidates of Today's item kinds (Store.DuePromiseContacts
		// and the others): a page, most urgent first, and how many in all
		// (the window's count is taken before LIMIT). Contacts in the trash
		// are few: they are left out with notDeleted, where joining the live
		// contacts read thousands of rows.
		DuePromiseContacts: `SELECT p.contact_id, p.due_at, COUNT(*) OVER () FROM promises p
			WHERE p.account_id = $1 AND p.state = 'open' AND p.promiser = $2 AND p.due_at < $3
				AND ` + notDeleted("p.contact_id") + `
			ORDER BY p.due_at, p.contact_id, p.id LIMIT $4`,
		UnthankedContacts: `SELECT u.contact_id, u.since, COUNT(*) OVER () FROM (
				SELECT contact_id, MIN(at) AS since FROM favors
				WHERE account_id = $1 AND NOT thanked AND ` + favorReceived + `
				GROUP BY contact_id) u
			WHERE ` + notDeleted("u.contact_id") + `
			ORDER BY u.since, u.contact_id LIMIT $2`,
		// A deficit needs a favor received (it is negative): since is never
		// null; 0 would still be a lower bound. FILTER rather than CASE:
		// PostgreSQL sums it in half the time.
		DeficitContacts: `SELECT d.contact_id, d.since, COUNT(*) OVER () FROM (
				SELECT contact_id, COALESCE(MAX(at) FILTER (WHERE ` + favorReceived + `), 0) AS since FROM favors
				WHERE account_id = $1 GROUP BY contact_id
				HAVING COUNT(*) FILTER (WHERE dir = 'given') - COUNT(*) FILTER (WHERE ` + favorReceived + `) <= $2) d
			WHERE ` + notDeleted("d.contact_id") + `
			ORDER BY d.since, d.contact_id LIMIT $3`,
		// Each contact's latest effort started by $2 (no later one by then),
		// unless a live interaction was held since it started: then it
		// succeeded, or was given up before. efforts_started gives them in
		// order, so the read stops at the limit; they are not counted (0).
		EffortContacts: `SELECT e.contact_id, e.started_at, 0 FROM efforts e
			WHERE e.account_id = $1 AND e.started_at <= $2 AND ` + notDeleted("e.contact_id") + `
				AND NOT EXISTS (SELECT 1 FROM efforts l WHERE l.account_id = $1 AND l.contact_id = e.contact_id
					AND l.started_at <= $2 AND (l.started_at > e.started_at OR (l.started_at = e.started_at AND l.id > e.id)))
				AND NOT EXISTS (SELECT 1 FROM interaction_contacts ic
					JOIN interactions i ON i.account_id = ic.account_id AND i.id = ic.interaction_id
					WHERE ic.account_id = $1 AND ic.contact_id = e.contact_id AND ic.at >= e.started_at
						AND i.channel IN ('in_person', 'video', 'call') AND i.outcome = 'held')
			ORDER BY e.started_at, e.contact_id LIMIT $3`,
		// Live contacts with a cadence of their own, reference at or after $2,
		// due (reference + cadence) before $3, soonest due first: the
		// contacts_own_due index, in order.
		OwnCadenceDue: `SELECT ` + bareContactColumns + ` FROM contacts
			WHERE account_id = $1 AND deleted_at IS NULL AND cadence_days > 0
				AND ` + keepRef + ` >= $2 AND ` + keepRef + ` + cadence_days * 86400000 < $3
			ORDER BY ` + keepRef + ` + cadence_days * 86400000, id LIMIT $4`,
		// Live contacts of tier $2, whatever their cadence, reference before
		// $3, oldest first: the contacts_keep index, in order.
		DormantContacts: `SELECT ` + bareContactColumns + ` FROM contacts
			WHERE account_id = $1 AND deleted_at IS NULL AND tier = $2 AND ` + keepRef + ` < $3
			ORDER BY ` + keepRef + `, id LIMIT $4`,

		// Import, export, merge and backup (issue 8; exchange.go).
		ContactSources: `SELECT key, contact_id FROM contact_sources WHERE account_id = $1 ORDER BY key`,
		// The interactions_source index holds the keys: no row is read.
		InteractionSources: `SELECT source_key, id FROM interactions
			WHERE account_id = $1 AND source_key IS NOT NULL ORDER BY source_key`,
		AnyContact: `SELECT id FROM contacts WHERE account_id = $1 LIMIT 1`,
		// Restoring ids: the counter is moved past them, never back.
		SetIDFloor: `INSERT INTO id_sequences (account_id, entity, last_id) VALUES ($1, $2, $3)
			ON CONFLICT (account_id, entity) DO UPDATE SET last_id = GREATEST(id_sequences.last_id, excluded.last_id)`,
		ArchiveContacts:     `SELECT ` + contactColumns + ` FROM contacts WHERE account_id = $1 ORDER BY id`,
		ArchiveNotes:        `SELECT id, contact_id, body, created_at FROM notes WHERE account_id = $1 ORDER BY id`,
		ArchiveInteractions: `SELECT ` + interactionColumns + `, source_key FROM interactions WHERE account_id = $1 ORDER BY id`,
		ArchiveLinks: `SELECT interaction_id, contact_id FROM interaction_contacts
			WHERE account_id = $1 ORDER BY interaction_id, contact_id`,
		ArchiveEfforts:     `SELECT id, contact_id, goal, started_at FROM efforts WHERE account_id = $1 ORDER BY id`,
		ArchivePromises:    `SELECT ` + promiseColumns + ` FROM promises WHERE account_id = $1 ORDER BY id`,
		ArchiveFavors:      `SELECT ` + favorColumns + ` FROM favors WHERE account_id = $1 ORDER BY id`,
		ArchiveTrustEvents: `SELECT id, contact_id, kind, note, at FROM trust_events WHERE account_id = $1 ORDER BY id`,
		// A merge locks both contacts, in the order of their ids.
		LockContactPair: `SELECT id, deleted_at, version FROM contacts
			WHERE account_id = $1 AND id IN ($2, $3) ORDER BY id`,
		// The interactions of the contact merged away change contacts: a
		// new version, so that an ETag read before the merge is stale.
		MergeTouchInteractions: `UPDATE interactions SET version = version + 1, updated_at = $3
			WHERE account_id = $1 AND id IN (SELECT interaction_id FROM interaction_contacts
				WHERE account_id = $1 AND contact_id = $2)`,
		// An interaction with both contacts keeps only the link to the one kept.
		MergeDropSharedLinks: `DELETE FROM interaction_contacts
			WHERE account_id = $1 AND contact_id = $2 AND interaction_id IN (
				SELECT interaction_id FROM interaction_contacts WHERE account_id = $1 AND contact_id = $3)`,
		MergeMoveLinks:       `UPDATE interaction_contacts SET contact_id = $3 WHERE account_id = $1 AND contact_id = $2`,
		MergeMoveNotes:       `UPDATE notes SET contact_id = $3 WHERE account_id = $1 AND contact_id = $2`,
		MergeMoveEfforts:     `UPDATE efforts SET contact_id = $3 WHERE account_id = $1 AND contact_id = $2`,
		MergeMovePromises:    `UPDATE promises SET contact_id = $3, version = version + 1 WHERE account_id = $1 AND contact_id = $2`,
		MergeMoveFavors:      `UPDATE favors SET contact_id = $3, version = version + 1 WHERE account_id = $1 AND contact_id = $2`,
		MergeMoveTrustEvents: `UPDATE trust_events SET contact_id = $3 WHERE account_id = $1 AND contact_id = $2`,
		MergeMoveSources:     `UPDATE contact_sources SET contact_id = $3 WHERE account_id = $1 AND contact_id = $2`,
	}
	// Every field is query text: rebind them all, so none can be forgotten.
	v := reflect.ValueOf(&q).Elem()
	for i := range v.NumField() {
		v.Field(i).SetString(rebind(v.Field(i).String()))
	}
	return q
}
