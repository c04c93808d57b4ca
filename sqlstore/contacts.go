package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"rapport"
)

// inListMax is how many ids a query lists in IN (...) before it reads the
// whole account's rows instead.
const inListMax = 500

func (d *DB) CreateContact(ctx context.Context, acct int64, c *rapport.Contact) error {
	return d.CreateContacts(ctx, acct, []*rapport.Contact{c})
}

func (d *DB) CreateContacts(ctx context.Context, acct int64, cs []*rapport.Contact) error {
	for i, c := range cs {
		if err := prepareContact(c); err != nil {
			return withRecord(err, i, len(cs))
		}
		c.Version = 1
		c.UpdatedAt = c.CreatedAt
		c.DeletedAt = nil
		c.Summary = rapport.Summary{}
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		first, err := d.nextIDs(ctx, tx, acct, "contact", len(cs))
		if err != nil {
			return err
		}
		for i, c := range cs {
			c.ID = first + int64(i)
		}
		return d.insertContacts(ctx, tx, acct, cs)
	})
}

// prepareContact normalizes and validates a contact before a write.
func prepareContact(c *rapport.Contact) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	if c.CreatedAt.IsZero() {
		return rapport.Internal(errors.New("contact written without CreatedAt"))
	}
	c.CreatedAt = c.CreatedAt.UTC().Truncate(time.Millisecond)
	c.UpdatedAt = c.UpdatedAt.UTC().Truncate(time.Millisecond)
	return nil
}

// withRecord says which record of a batch was bad, when there are several.
func withRecord(err error, i, n int) error {
	var e *rapport.Error
	if n == 1 || !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Message = fmt.Sprintf("record %d: %s", i+1, e.Message)
	return &c
}

func (d *DB) insertContacts(ctx context.Context, tx *sql.Tx, acct int64, cs []*rapport.Contact) error {
	rows := make([][]any, len(cs))
	for i, c := range cs {
		rows[i] = contactArgs(acct, c)
	}
	if err := d.insertRows(ctx, tx, "contacts", contactWriteColumns, contactWriteWidth, rows); err != nil {
		return err
	}
	return d.insertContactDetails(ctx, tx, acct, cs)
}

// insertContactDetails writes the emails, phones and tags of contacts.
func (d *DB) insertContactDetails(ctx context.Context, tx *sql.Tx, acct int64, cs []*rapport.Contact) error {
	var points, tags [][]any
	for _, c := range cs {
		for i, e := range c.Emails {
			points = append(points, []any{acct, c.ID, "email", i, e.Label, e.Value})
		}
		for i, p := range c.Phones {
			points = append(points, []any{acct, c.ID, "phone", i, p.Label, p.Value})
		}
		for _, t := range c.Tags {
			tags = append(tags, []any{acct, c.ID, t})
		}
	}
	if err := d.insertRows(ctx, tx, "contact_points", "account_id, contact_id, medium, position, label, value", 6, points); err != nil {
		return err
	}
	return d.insertRows(ctx, tx, "contact_tags", "account_id, contact_id, tag", 3, tags)
}

// insertRows inserts rows with multi-row INSERTs of at most bulkRows rows,
// reusing one prepared statement for the full-sized batches.
func (d *DB) insertRows(ctx context.Context, tx *sql.Tx, table, columns string, width int, rows [][]any) error {
	per := min(d.eng.bulkRows, 32000/width)
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, per*width)
	for start := 0; start < len(rows); start += per {
		batch := rows[start:min(start+per, len(rows))]
		args = args[:0]
		for _, r := range batch {
			args = append(args, r...)
		}
		var err error
		if len(batch) == per {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, d.insertSQL(table, columns, per, width)); err != nil {
					return err
				}
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, d.insertSQL(table, columns, len(batch), width), args...)
		}
		if err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

// insertSQL is a multi-row INSERT of rows rows.
func (d *DB) insertSQL(table, columns string, rows, width int) string {
	return d.sql(fmt.Sprintf("INSERT INTO %s (%s) VALUES %s", table, columns, placeholders(rows, width, 1)))
}

// sql rebinds a query built at run time.
func (d *DB) sql(q string) string { return d.eng.rebind(q) }

func contactArgs(acct int64, c *rapport.Contact) []any {
	var by, bm, bd sql.NullInt64
	if b := c.Birthday; b != nil {
		by = sql.NullInt64{Int64: int64(b.Year), Valid: b.Year != 0}
		bm = sql.NullInt64{Int64: int64(b.Month), Valid: true}
		bd = sql.NullInt64{Int64: int64(b.Day), Valid: true}
	}
	return []any{acct, c.ID, c.DisplayName, rapport.FoldSearch(c.DisplayName), c.SearchText(), c.GivenName, c.FamilyName,
		c.Kind, c.Tier, c.CadenceDays, c.Org, c.Title, c.Lang, c.Gender, by, bm, bd,
		c.HowWeMet, ms(c.CreatedAt), ms(c.UpdatedAt), nullMs(c.DeletedAt), c.Version}
}

type scanner interface{ Scan(dest ...any) error }

func scanContact(s scanner) (*rapport.Contact, error) {
	c := &rapport.Contact{}
	var (
		by, bm, bd                           sql.NullInt64
		created, updated                     int64
		deleted, first, last, lastMeaningful sql.NullInt64
	)
	err := s.Scan(&c.ID, &c.DisplayName, &c.GivenName, &c.FamilyName, &c.Kind, &c.Tier, &c.CadenceDays,
		&c.Org, &c.Title, &c.Lang, &c.Gender, &by, &bm, &bd, &c.HowWeMet,
		&created, &updated, &deleted, &c.Version,
		&c.Summary.Interactions, &first, &last, &lastMeaningful, &c.Summary.Inbound, &c.Summary.HeldLive)
	if err != nil {
		return nil, err
	}
	if bm.Valid {
		c.Birthday = &rapport.Birthday{Year: int(by.Int64), Month: time.Month(bm.Int64), Day: int(bd.Int64)}
	}
	c.CreatedAt, c.UpdatedAt, c.DeletedAt = fromMs(created), fromMs(updated), fromNullMs(deleted)
	c.Summary.FirstAt, c.Summary.LastAt, c.Summary.LastMeaningfulAt = fromNullMs(first), fromNullMs(last), fromNullMs(lastMeaningful)
	c.Emails, c.Phones, c.Tags = []rapport.ContactPoint{}, []rapport.ContactPoint{}, []string{}
	return c, nil
}

// bareScanner reads the bareContactColumns, after any leading columns, into
// buffers it keeps from row to row; the rest of a contact stays empty. It
// scans into interfaces and converts itself: the rules read every contact
// of an account this way, and database/sql's conversions into Null types
// were a third of the time.
type bareScanner struct {
	v    [16]any
	dest []any
}

// newBareScanner reads rows whose first columns go to lead.
func newBareScanner(lead ...any) *bareScanner {
	b := &bareScanner{dest: append(make([]any, 0, len(lead)+16), lead...)}
	for i := range b.v {
		b.dest = append(b.dest, &b.v[i])
	}
	return b
}

func (b *bareScanner) scan(s scanner) (*rapport.Contact, error) {
	if err := s.Scan(b.dest...); err != nil {
		return nil, err
	}
	v := &b.v
	c := &rapport.Contact{
		ID: asInt(v[0]), DisplayName: asString(v[1]), Kind: rapport.Kind(asString(v[2])), Tier: rapport.Tier(asString(v[3])),
		CadenceDays: int(asInt(v[4])), CreatedAt: fromMs(asInt(v[8])), DeletedAt: asTime(v[9]),
	}
	if v[6] != nil {
		c.Birthday = &rapport.Birthday{Year: int(asInt(v[5])), Month: time.Month(asInt(v[6])), Day: int(asInt(v[7]))}
	}
	c.Summary = rapport.Summary{Interactions: int(asInt(v[10])), FirstAt: asTime(v[11]), LastAt: asTime(v[12]),
		LastMeaningfulAt: asTime(v[13]), Inbound: int(asInt(v[14])), HeldLive: int(asInt(v[15]))}
	return c, nil
}

// asInt, asString and asTime convert what the drivers return for our
// column types (int64, string or []byte, or nil for NULL).
func asInt(v any) int64 {
	n, _ := v.(int64)
	return n
}

func asString(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case []byte:
		return string(s)
	}
	return ""
}

func asTime(v any) *time.Time {
	n, ok := v.(int64)
	if !ok {
		return nil
	}
	t := fromMs(n)
	return &t
}

func (d *DB) Contact(ctx context.Context, acct, id int64) (*rapport.Contact, error) {
	c, err := d.contact(ctx, d.db, acct, id)
	if err != nil {
		return nil, d.fail(err)
	}
	return c, nil
}

func (d *DB) contact(ctx context.Context, q queryer, acct, id int64) (*rapport.Contact, error) {
	c, err := scanContact(q.QueryRowContext(ctx, d.q.Contact, acct, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rapport.NotFound("contact", id)
	}
	if err != nil {
		return nil, err
	}
	byID := map[int64]*rapport.Contact{c.ID: c}
	if err := d.fillDetails(ctx, q, byID, d.q.PointsOf, d.q.TagsOf, acct, id); err != nil {
		return nil, err
	}
	return c, nil
}

// fillDetails reads emails, phones and tags into the contacts of byID, with
// the given queries and their arguments.
func (d *DB) fillDetails(ctx context.Context, q queryer, byID map[int64]*rapport.Contact, pointsQuery, tagsQuery string, args ...any) error {
	rows, err := q.QueryContext(ctx, pointsQuery, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var (
			id                   int64
			medium, label, value string
		)
		if err := rows.Scan(&id, &medium, &label, &value); err != nil {
			rows.Close()
			return err
		}
		if c := byID[id]; c != nil {
			p := rapport.ContactPoint{Label: label, Value: value}
			if medium == "email" {
				c.Emails = append(c.Emails, p)
			} else {
				c.Phones = append(c.Phones, p)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, tagsQuery, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id  int64
			tag string
		)
		if err := rows.Scan(&id, &tag); err != nil {
			return err
		}
		if c := byID[id]; c != nil {
			c.Tags = append(c.Tags, tag)
		}
	}
	return rows.Err()
}

func (d *DB) Contacts(ctx context.Context, acct int64, f rapport.ContactFilter) ([]*rapport.Contact, error) {
	if len(f.IDs) > inListMax {
		// Too many ids for one IN list: read them in chunks, then sort.
		var all []*rapport.Contact
		ids := f.IDs
		for start := 0; start < len(ids); start += inListMax {
			f.IDs = ids[start:min(start+inListMax, len(ids))]
			cs, err := d.Contacts(ctx, acct, f)
			if err != nil {
				return nil, err
			}
			all = append(all, cs...)
		}
		if f.Bare {
			slices.SortFunc(all, func(a, b *rapport.Contact) int { return cmp.Compare(a.ID, b.ID) })
		} else {
			keys := make(map[int64]string, len(all))
			for _, c := range all {
				keys[c.ID] = rapport.FoldSearch(c.DisplayName)
			}
			slices.SortFunc(all, func(a, b *rapport.Contact) int {
				return cmp.Or(strings.Compare(keys[a.ID], keys[b.ID]), cmp.Compare(a.ID, b.ID))
			})
		}
		if f.Limit > 0 && len(all) > f.Limit {
			all = all[:f.Limit]
		}
		return all, nil
	}
	where, args := contactWhere(acct, f)
	order := " ORDER BY " + contactOrder(f)
	columns, scan := contactColumns, scanContact
	if f.Bare {
		columns, scan = bareContactColumns, newBareScanner().scan
	}
	query := "SELECT " + columns + " FROM contacts WHERE " + where + order
	if f.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := d.db.QueryContext(ctx, d.sql(query), args...)
	if err != nil {
		return nil, d.fail(err)
	}
	var cs []*rapport.Contact
	byID := map[int64]*rapport.Contact{}
	for rows.Next() {
		c, err := scan(rows)
		if err != nil {
			rows.Close()
			return nil, d.fail(err)
		}
		cs = append(cs, c)
		byID[c.ID] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, d.fail(err)
	}
	if len(cs) == 0 || f.Bare {
		return cs, nil
	}
	if len(cs) <= inListMax {
		ids := make([]any, 0, len(cs)+1)
		ids = append(ids, acct)
		for _, c := range cs {
			ids = append(ids, c.ID)
		}
		in := idList(len(cs), 2)
		err = d.fillDetails(ctx, d.db, byID,
			d.sql("SELECT contact_id, medium, label, value FROM contact_points WHERE account_id = $1 AND contact_id IN ("+in+") ORDER BY contact_id, medium, position"),
			d.sql("SELECT contact_id, tag FROM contact_tags WHERE account_id = $1 AND contact_id IN ("+in+") ORDER BY contact_id, tag"),
			ids...)
	} else {
		err = d.fillDetails(ctx, d.db, byID, d.q.AllPoints, d.q.AllTags, acct)
	}
	if err != nil {
		return nil, d.fail(err)
	}
	return cs, nil
}

// keepRef is a contact's keep-in-touch reference, as the contacts_keep index
// has it: the last meaningful contact, else the earlier of its creation and
// its first interaction.
const keepRef = "COALESCE(last_meaningful_at, LEAST(created_at, COALESCE(first_at, created_at)))"

// contactOrder is the ORDER BY of a filter's contacts.
func contactOrder(f rapport.ContactFilter) string {
	text, number := contactOrderKeys(f)
	order := "id"
	if number != "0" {
		order = number + ", " + order
	}
	if text != "''" {
		order = text + ", " + order
	}
	return order
}

// contactOrderKeys is the order of a filter's contacts as two keys, a text
// and a number, either of which may be a constant (an empty text, or 0),
// before the id.
func contactOrderKeys(f rapport.ContactFilter) (text, number string) {
	switch {
	case !f.KeepTo.IsZero():
		return "''", keepRef
	case f.Bare && f.Limit == 0 && f.AfterName == "" && f.AfterID == 0:
		return "''", "0" // the rules need no order, and the table is stored by id
	}
	return "sort_key", "0"
}

// birthdayValues lists days as (month, day) pairs, for IN (VALUES ...)
// rather than an OR of pairs, so that both engines look each day up in the
// contacts_birthday index.
func birthdayValues(days []rapport.Birthday) string {
	list := make([]string, len(days))
	for k, b := range days {
		list[k] = fmt.Sprintf("(%d, %d)", int(b.Month), b.Day)
	}
	return strings.Join(list, ", ")
}

// contactWhere builds the WHERE clause of a contact filter.
func contactWhere(acct int64, f rapport.ContactFilter) (string, []any) {
	return contactWhereAfter([]any{acct}, f)
}

// contactWhereAfter builds the WHERE clause of a contact filter whose
// parameters follow args, the first of which is the account.
func contactWhereAfter(args []any, f rapport.ContactFilter) (string, []any) {
	conds := []string{"account_id = $1"}
	add := func(cond string, vals ...any) {
		// Each ? in turn becomes the next $N (in one pass: an id list has hundreds).
		var b strings.Builder
		b.Grow(len(cond) + 5*len(vals))
		for _, v := range vals {
			k := strings.IndexByte(cond, '?')
			args = append(args, v)
			b.WriteString(cond[:k])
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(len(args)))
			cond = cond[k+1:]
		}
		b.WriteString(cond)
		conds = append(conds, b.String())
	}
	if f.Deleted {
		add("deleted_at IS NOT NULL")
	} else {
		add("deleted_at IS NULL")
	}
	if len(f.IDs) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?,", len(f.IDs)), ",")
		vals := make([]any, len(f.IDs))
		for i, id := range f.IDs {
			vals[i] = id
		}
		add("id IN ("+marks+")", vals...)
	}
	if f.Kind != "" {
		add("kind = ?", f.Kind)
	}
	if f.Tier != "" {
		add("tier = ?", f.Tier)
	}
	if f.Tag != "" {
		add("EXISTS (SELECT 1 FROM contact_tags t WHERE t.account_id = contacts.account_id AND t.contact_id = contacts.id AND t.tag = ?)",
			rapport.NormalizeTags([]string{f.Tag})[0])
	}
	if s := rapport.FoldSearch(f.Search); s != "" {
		add(`search_text LIKE ? ESCAPE '\'`, "%"+escapeLike(s)+"%")
	}
	if p := rapport.FoldSearch(f.NamePrefix); p != "" {
		// A range rather than LIKE, so both engines use the sort_key index.
		add("sort_key >= ? AND sort_key < ?", p, p+"\U0010FFFF")
	}
	if len(f.BornOn) > 0 {
		add("(birthday_month, birthday_day) IN (VALUES " + birthdayValues(f.BornOn) + ")")
	}
	if f.OwnCadence {
		add("cadence_days > 0")
	}
	if !f.KeepTo.IsZero() {
		add("cadence_days = 0 AND "+keepRef+" >= ? AND "+keepRef+" < ?", ms(f.KeepFrom), ms(f.KeepTo))
	}
	if f.AfterName != "" || f.AfterID != 0 {
		add("(sort_key > ? OR (sort_key = ? AND id > ?))", f.AfterName, f.AfterName, f.AfterID)
	}
	return strings.Join(conds, " AND "), args
}

func (d *DB) ContactLists(ctx context.Context, acct int64, fs []rapport.ContactFilter) ([][]*rapport.Contact, error) {
	out := make([][]*rapport.Contact, len(fs))
	args := []any{acct}
	var parts []string
	for k, f := range fs {
		if !f.Bare || len(f.IDs) > inListMax {
			// Details, or ids in chunks: read as Contacts reads them.
			cs, err := d.Contacts(ctx, acct, f)
			if err != nil {
				return nil, err
			}
			out[k] = cs
			continue
		}
		var where string
		where, args = contactWhereAfter(args, f)
		text, number := contactOrderKeys(f)
		part := fmt.Sprintf("SELECT %d AS list, %s AS text_key, %s AS number_key, %s FROM contacts WHERE %s",
			k, text, number, bareContactColumns, where)
		if f.Limit > 0 {
			part += fmt.Sprintf(" ORDER BY %s LIMIT %d", contactOrder(f), f.Limit)
		}
		// Each list keeps its own order and limit inside a subquery; the
		// keys put the lists back in order once they are put together.
		parts = append(parts, fmt.Sprintf("SELECT * FROM (%s) l%d", part, k))
	}
	if len(parts) == 0 {
		return out, nil
	}
	query := strings.Join(parts, " UNION ALL ") + " ORDER BY list, text_key, number_key, id"
	var (
		list         int64
		text, number any
	)
	bs := newBareScanner(&list, &text, &number)
	err := d.query(ctx, d.sql(query), args, func(s scanner) error {
		c, err := bs.scan(s)
		if err == nil {
			out[list] = append(out[list], c)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (d *DB) OwnCadenceDue(ctx context.Context, acct int64, from, before time.Time, limit int) ([]*rapport.Contact, error) {
	return d.bareContacts(ctx, d.q.OwnCadenceDue, acct, ms(from), ms(before), limit)
}

func (d *DB) DormantContacts(ctx context.Context, acct int64, tier rapport.Tier, before time.Time, limit int) ([]*rapport.Contact, error) {
	return d.bareContacts(ctx, d.q.DormantContacts, acct, tier, ms(before), limit)
}

// bareContacts runs a query of the bareContactColumns.
func (d *DB) bareContacts(ctx context.Context, query string, args ...any) ([]*rapport.Contact, error) {
	var cs []*rapport.Contact
	bs := newBareScanner()
	err := d.query(ctx, query, args, func(s scanner) error {
		c, err := bs.scan(s)
		cs = append(cs, c)
		return err
	})
	return cs, err
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func (d *DB) UpdateContact(ctx context.Context, acct int64, c *rapport.Contact) error {
	if err := prepareContact(c); err != nil {
		return err
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		a := contactArgs(acct, c)
		// contactArgs is in insert order: account, id, then display_name...how_we_met, created, updated.
		args := append([]any{acct, c.ID, c.Version}, a[2:18]...)
		args = append(args, ms(c.UpdatedAt))
		res, err := tx.ExecContext(ctx, d.q.UpdateContact, args...)
		if err != nil {
			return err
		}
		if err := d.checkVersion(ctx, tx, res, "contact", "contacts", acct, c.ID, c.Version); err != nil {
			return err
		}
		for _, q := range []string{d.q.DeletePoints, d.q.DeleteTags} {
			if _, err := tx.ExecContext(ctx, q, acct, c.ID); err != nil {
				return err
			}
		}
		if err := d.insertContactDetails(ctx, tx, acct, []*rapport.Contact{c}); err != nil {
			return err
		}
		c.Version++
		return nil
	})
}

// checkVersion turns an update that matched no row into the right error:
// ENOTFOUND when the row does not exist, ECONFLICT when its version moved on.
func (d *DB) checkVersion(ctx context.Context, q queryer, res sql.Result, what, table string, acct, id, version int64) error {
	n, err := res.RowsAffected()
	if err != nil || n == 1 {
		return err
	}
	var current int64
	err = q.QueryRowContext(ctx, d.sql("SELECT version FROM "+table+" WHERE account_id = $1 AND id = $2"), acct, id).Scan(&current)
	if errors.Is(err, sql.ErrNoRows) {
		return rapport.NotFound(what, id)
	}
	if err != nil {
		return err
	}
	return rapport.StaleVersion(what, id, current, version)
}

func (d *DB) DeleteContact(ctx context.Context, acct, id int64, now time.Time) error {
	return d.setDeleted(ctx, d.q.DeleteContact, acct, id, now, "is already in the trash", "error.trash.already_in")
}

func (d *DB) RestoreContact(ctx context.Context, acct, id int64, now time.Time) error {
	return d.setDeleted(ctx, d.q.RestoreContact, acct, id, now, "is not in the trash", "error.trash.not_in")
}

func (d *DB) setDeleted(ctx context.Context, query string, acct, id int64, now time.Time, already, key string) error {
	res, err := d.db.ExecContext(ctx, query, acct, id, ms(now))
	if err != nil {
		return d.fail(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return d.fail(err)
	}
	if _, err := d.Contact(ctx, acct, id); err != nil {
		return err
	}
	return rapport.Errorf(rapport.ECONFLICT, "contact %d %s", id, already).Keyed(key, map[string]any{"id": fmt.Sprint(id)})
}
