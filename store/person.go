package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/unblock-dev/unblock"
)

// UpsertPeople inserts people or updates them by ID. A zero AwayUntil keeps the
// stored one (a directory sync must not cancel "/blocked away"). Roles not yet in
// the roles table are recorded there.
func (db *DB) UpsertPeople(ctx context.Context, people []unblock.Person) error {
	return db.Update(ctx, func(tx *Tx) error { return tx.UpsertPeople(ctx, people) })
}

// UpsertPeople is DB.UpsertPeople inside tx.
func (tx *Tx) UpsertPeople(ctx context.Context, people []unblock.Person) error {
	tx.cache.forgetPeople()
	for _, p := range people {
		if p.ID == "" {
			return unblock.Errorf(unblock.EINVALID, "person without an ID")
		}
		nameKey, realKey, firstKey := nameKeys(p)
		if _, err := tx.q.ExecContext(ctx, `
			INSERT INTO people (id, name, real_name, title, team, tz, role, role_source, role_detail,
				is_bot, deleted, status_text, status_emoji, away_until, updated_at, name_key, real_key, first_key)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET
				name = excluded.name, real_name = excluded.real_name, title = excluded.title,
				team = excluded.team, tz = excluded.tz, role = excluded.role,
				role_source = excluded.role_source, role_detail = excluded.role_detail,
				is_bot = excluded.is_bot, deleted = excluded.deleted,
				status_text = excluded.status_text, status_emoji = excluded.status_emoji,
				away_until = COALESCE(excluded.away_until, people.away_until),
				updated_at = excluded.updated_at,
				name_key = excluded.name_key, real_key = excluded.real_key, first_key = excluded.first_key`,
			p.ID, p.Name, p.RealName, p.Title, p.Team, p.TZ, string(p.Role), string(p.RoleSource), p.RoleDetail,
			boolInt(p.IsBot), boolInt(p.Deleted), p.StatusText, p.StatusEmoji, nanos(p.AwayUntil), nanos(p.UpdatedAt),
			nameKey, realKey, firstKey,
		); err != nil {
			return fmt.Errorf("upsert person %s: %w", p.ID, err)
		}
		if p.Role != unblock.RoleUnknown {
			if _, err := tx.q.ExecContext(ctx, `INSERT INTO roles (name) VALUES (?) ON CONFLICT DO NOTHING`,
				string(p.Role)); err != nil {
				return fmt.Errorf("record role %s: %w", p.Role, err)
			}
		}
	}
	return nil
}

// nameKeys returns the lower-cased display name, real name and first name of p.
func nameKeys(p unblock.Person) (name, real, first string) {
	name = nameKey(p.Name)
	real = nameKey(p.RealName)
	if f := strings.Fields(real); len(f) > 1 {
		first = f[0]
	}
	return name, real, first
}

// nameKey normalises a name for matching: lower case, single spaces, no leading "@".
func nameKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "@"))), " ")
}

// Person returns the person with the given user ID, or an ENOTFOUND error.
func (db *DB) Person(ctx context.Context, id string) (unblock.Person, error) {
	return db.reader(ctx).Person(ctx, id)
}

// Person is DB.Person inside tx.
func (tx *Tx) Person(ctx context.Context, id string) (unblock.Person, error) {
	people, err := tx.people(ctx, `WHERE id = ?`, id)
	if err != nil {
		return unblock.Person{}, err
	} else if len(people) == 0 {
		return unblock.Person{}, unblock.Errorf(unblock.ENOTFOUND, "no person %s", id)
	}
	return people[0], nil
}

// People returns everyone, ordered by ID.
func (db *DB) People(ctx context.Context) ([]unblock.Person, error) {
	return db.reader(ctx).People(ctx)
}

// People is DB.People inside tx.
//
// The list is allocated once, counted first: a person is a few hundred bytes, and
// growing a list of twenty thousand by doubling cost more than reading them.
func (tx *Tx) People(ctx context.Context) ([]unblock.Person, error) {
	var n int
	if err := tx.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM people`).Scan(&n); err != nil {
		return nil, fmt.Errorf("count people: %w", err)
	}
	return tx.peopleSized(ctx, n+16, `ORDER BY id`) // a little room for people written since the count
}

// PeopleNamed returns everyone as People does, with only what names them and
// their role: ID, Name, RealName (see unblock.Person.Label) and Role. A digest
// reads twenty thousand people for that; the other eleven columns were about half
// of the read.
func (db *DB) PeopleNamed(ctx context.Context) ([]unblock.Person, error) {
	return db.reader(ctx).PeopleNamed(ctx)
}

// PeopleNamed is DB.PeopleNamed inside tx.
func (tx *Tx) PeopleNamed(ctx context.Context) ([]unblock.Person, error) {
	var n int
	if err := tx.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM people`).Scan(&n); err != nil {
		return nil, fmt.Errorf("count people: %w", err)
	}
	out := make([]unblock.Person, 0, n+16) // a little room for people written since the count
	word := interner()
	err := tx.rawRows(ctx, `SELECT id, name, real_name, role FROM people ORDER BY id`, nil, 4, func(v []driver.Value) {
		out = append(out, unblock.Person{ID: text(v[0]), Name: text(v[1]), RealName: text(v[2]), Role: unblock.Role(word(v[3]))})
	})
	if err != nil {
		return nil, fmt.Errorf("query people: %w", err)
	} else if len(out) == 0 {
		return nil, nil // as People gives none
	}
	return out, nil
}

func (tx *Tx) people(ctx context.Context, where string, args ...any) ([]unblock.Person, error) {
	return tx.peopleSized(ctx, 0, where, args...)
}

// peopleSized reads people as people does into a list with room for n of them.
func (tx *Tx) peopleSized(ctx context.Context, n int, where string, args ...any) ([]unblock.Person, error) {
	out := make([]unblock.Person, 0, n)
	// On the driver's rows, as the span read reads blockers: through database/sql
	// each of the fifteen values of a row was checked and converted again, about
	// half the read of a directory of 20,000 people.
	word := interner() // a role or role source is one string, however many people have it
	err := tx.rawRows(ctx, `SELECT id, name, real_name, title, team, tz, role, role_source, role_detail,
			is_bot, deleted, status_text, status_emoji, away_until, updated_at
		FROM people `+where, args, 15, func(v []driver.Value) {
		away, updated := sql.NullInt64{}, sql.NullInt64{}
		away.Int64, away.Valid = v[13].(int64)
		updated.Int64, updated.Valid = v[14].(int64)
		out = append(out, unblock.Person{
			ID: text(v[0]), Name: text(v[1]), RealName: text(v[2]), Title: text(v[3]), Team: text(v[4]), TZ: word(v[5]),
			Role: unblock.Role(word(v[6])), RoleSource: unblock.RoleSource(word(v[7])), RoleDetail: text(v[8]),
			IsBot: asInt(v[9]) != 0, Deleted: asInt(v[10]) != 0, StatusText: text(v[11]), StatusEmoji: text(v[12]),
			AwayUntil: timeOf(away), UpdatedAt: timeOf(updated),
		})
	})
	if err != nil {
		return nil, fmt.Errorf("query people: %w", err)
	} else if len(out) == 0 {
		return nil, nil // as before the list was sized
	}
	return out, nil
}

// SetAway records that personID is away until the given time; the zero time
// clears it. ENOTFOUND if the person is unknown.
func (db *DB) SetAway(ctx context.Context, personID string, until time.Time) error {
	return db.Update(ctx, func(tx *Tx) error { return tx.SetAway(ctx, personID, until) })
}

// SetAway is DB.SetAway inside tx.
func (tx *Tx) SetAway(ctx context.Context, personID string, until time.Time) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE people SET away_until = ? WHERE id = ?`, nanos(until), personID)
	if err != nil {
		return fmt.Errorf("set away: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return unblock.Errorf(unblock.ENOTFOUND, "no person %s", personID)
	}
	return nil
}

// resolvePerson returns the user ID a person target names: the ID of a mention, the
// one non-bot person whose display or real name is the name (case-insensitive), or
// else the one whose first name it is. It returns "" when none or several match.
func (tx *Tx) resolvePerson(ctx context.Context, name string) (string, error) {
	if id := unblock.MentionID(name); id != "" {
		return id, nil
	}
	key := nameKey(name)
	if key == "" {
		return "", nil
	}
	if tx.cache != nil {
		if id, ok := tx.cache.names[key]; ok {
			return id, nil
		}
	}
	id, err := tx.lookupName(ctx, key)
	if err == nil && tx.cache != nil {
		if tx.cache.names == nil {
			tx.cache.names = make(map[string]string)
		}
		tx.cache.names[key] = id
	}
	return id, err
}

func (tx *Tx) lookupName(ctx context.Context, key string) (string, error) {
	id, err := tx.onePerson(ctx, `SELECT id FROM people WHERE name_key = ?1 AND is_bot = 0
		UNION SELECT id FROM people WHERE real_key = ?1 AND is_bot = 0 LIMIT 2`, key)
	if err != nil || id != "" || strings.Contains(key, " ") {
		return id, err
	}
	return tx.onePerson(ctx, `SELECT id FROM people WHERE first_key = ? AND is_bot = 0 LIMIT 2`, key)
}

// onePerson returns the only ID query finds, or "" when it finds none or several.
func (tx *Tx) onePerson(ctx context.Context, query string, args ...any) (string, error) {
	rows, err := tx.q.QueryContext(ctx, query, args...)
	if err != nil {
		return "", fmt.Errorf("resolve person: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return "", fmt.Errorf("resolve person: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("resolve person: %w", err)
	}
	if len(ids) != 1 {
		return "", nil
	}
	return ids[0], nil
}

// zoneOf returns the time zone whose days are person id's standup days: the zone
// of their profile, else the DB's day zone (SetDayZone), else UTC.
func (tx *Tx) zoneOf(ctx context.Context, id string) (*time.Location, error) {
	if tx.cache != nil {
		if z, ok := tx.cache.zones[id]; ok {
			return z, nil
		}
	}
	var name string
	err := tx.q.QueryRowContext(ctx, `SELECT tz FROM people WHERE id = ?`, id).Scan(&name)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("time zone of %s: %w", id, err)
	}
	z := tx.db.location(name)
	if z == nil {
		if z = tx.db.dayZone.Load(); z == nil {
			z = time.UTC
		}
	}
	if tx.cache != nil {
		if tx.cache.zones == nil {
			tx.cache.zones = make(map[string]*time.Location)
		}
		tx.cache.zones[id] = z
	}
	return z, nil
}

// location loads the IANA zone name once, or returns nil for "" or a name that
// names no zone.
func (db *DB) location(name string) *time.Location {
	if name == "" {
		return nil
	}
	if z, ok := db.zones.Load(name); ok {
		return z.(*time.Location)
	}
	z, err := time.LoadLocation(name)
	if err != nil {
		z = nil
	}
	db.zones.Store(name, z)
	return z
}

// roleOf returns the role of person id and whether the person is known.
func (tx *Tx) roleOf(ctx context.Context, id string) (sql.NullString, error) {
	if tx.cache != nil {
		if r, ok := tx.cache.roles[id]; ok {
			return r, nil
		}
	}
	var r sql.NullString
	err := tx.q.QueryRowContext(ctx, `SELECT role FROM people WHERE id = ?`, id).Scan(&r)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("role of %s: %w", id, err)
	}
	if tx.cache != nil {
		if tx.cache.roles == nil {
			tx.cache.roles = make(map[string]sql.NullString)
		}
		tx.cache.roles[id] = r
	}
	return r, nil
}

// UpsertTeams inserts teams or updates them by name.
func (db *DB) UpsertTeams(ctx context.Context, teams []unblock.Team) error {
	return db.Update(ctx, func(tx *Tx) error { return tx.UpsertTeams(ctx, teams) })
}

// UpsertTeams is DB.UpsertTeams inside tx.
func (tx *Tx) UpsertTeams(ctx context.Context, teams []unblock.Team) error {
	for _, t := range teams {
		if t.Name == "" {
			return unblock.Errorf(unblock.EINVALID, "team without a name")
		}
		members, err := json.Marshal(append([]string{}, t.Members...))
		if err != nil {
			return err
		}
		if _, err := tx.q.ExecContext(ctx, `
			INSERT INTO teams (name, channel, default_role, user_group, members) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET channel = excluded.channel, default_role = excluded.default_role,
				user_group = excluded.user_group, members = excluded.members`,
			t.Name, t.Channel, string(t.DefaultRole), t.UserGroup, string(members)); err != nil {
			return fmt.Errorf("upsert team %s: %w", t.Name, err)
		}
	}
	return nil
}

// Teams returns every team, ordered by name.
func (db *DB) Teams(ctx context.Context) ([]unblock.Team, error) { return db.reader(ctx).Teams(ctx) }

// Teams is DB.Teams inside tx.
func (tx *Tx) Teams(ctx context.Context) ([]unblock.Team, error) {
	rows, err := tx.q.QueryContext(ctx, `SELECT name, channel, default_role, user_group, members FROM teams ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("query teams: %w", err)
	}
	defer rows.Close()
	var out []unblock.Team
	for rows.Next() {
		var t unblock.Team
		var members string
		if err := rows.Scan(&t.Name, &t.Channel, &t.DefaultRole, &t.UserGroup, &members); err != nil {
			return nil, fmt.Errorf("scan team: %w", err)
		}
		if err := json.Unmarshal([]byte(members), &t.Members); err != nil {
			return nil, fmt.Errorf("team %s members: %w", t.Name, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Roles returns the role vocabulary: the built-in roles and those seen on people, ordered by name.
func (db *DB) Roles(ctx context.Context) ([]unblock.Role, error) { return db.reader(ctx).Roles(ctx) }

// Roles is DB.Roles inside tx.
func (tx *Tx) Roles(ctx context.Context) ([]unblock.Role, error) {
	rows, err := tx.q.QueryContext(ctx, `SELECT name FROM roles ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("query roles: %w", err)
	}
	defer rows.Close()
	var out []unblock.Role
	for rows.Next() {
		var r unblock.Role
		if err := rows.Scan(&r); err != nil {
			return nil, fmt.Errorf("scan role: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// knownRole returns the role named name when the roles table holds it (a
// built-in role or one the config added), else the unknown role.
func (tx *Tx) knownRole(ctx context.Context, name string) (unblock.Role, error) {
	if name == "" {
		return unblock.RoleUnknown, nil
	}
	var n int
	if err := tx.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM roles WHERE name = ?`, name).Scan(&n); err != nil {
		return unblock.RoleUnknown, fmt.Errorf("role %s: %w", name, err)
	}
	if n == 0 {
		return unblock.RoleUnknown, nil
	}
	return unblock.Role(name), nil
}
