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

const interactionColumns = `id, at, channel, direction, invitation, outcome, note, created_at, updated_at, version`

const interactionWriteColumns = `account_id, id, at, channel, direction, invitation, outcome, note, created_at, updated_at, version`

const interactionWriteWidth = 11

// queries holds the query text of one engine; its fields are exported only so
// that prepareQueries can rebind them all by reflection.
type queries struct {
	NextID string

	FirstAccount, InsertAccount, InsertUser, Users string

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
	}
	// Every field is query text: rebind them all, so none can be forgotten.
	v := reflect.ValueOf(&q).Elem()
	for i := range v.NumField() {
		v.Field(i).SetString(rebind(v.Field(i).String()))
	}
	return q
}
