package unblock

import "time"

// BlockerTable is a list of blockers as a store numbers them, for reads of many (a
// digest's hundred thousand): each row names its person and its target by an index
// in People and Targets, whose strings are given once however many rows name them.
// A row is about a third of a Blocker's size, and a list of Blockers a hundred
// thousand long cost the digest as much as the analysis, in page faults alone.
type BlockerTable struct {
	Rows    []BlockerRow
	People  []TablePerson // by BlockerRow.Person
	Targets []TableTarget // by BlockerRow.Target
	// Topics and Resolutions are the rows' topics and resolutions (by
	// BlockerRow.Topic and Resolution), each resolution given once: the rows hold
	// no pointer, so the garbage collector does not read them, and most rows have
	// no topic. Each list's first entry is "" (or the list is empty).
	Topics      []string
	Resolutions []Resolution
	// Users is the number of user IDs People and Targets number (their User fields),
	// 0 to Users-1: one number an ID, whether it is a person's or what one waits on.
	Users int
}

// BlockerRow is a blocker of a BlockerTable: its person, target, topic and
// resolution by index, its times in Unix nanoseconds (ResolvedAt 0 while open).
// It does not say which report opened it (a Blocker's ReportID): no reader of
// many blockers shows it.
type BlockerRow struct {
	ID                               int64
	OpenedAt, LastSeenAt, ResolvedAt int64
	Person, Target                   int32
	Topic, Resolution                int32 // by BlockerTable.Topics and Resolutions; 0 is ""
}

// Topic returns row i's topic.
func (t *BlockerTable) Topic(i int) string {
	if k := t.Rows[i].Topic; k != 0 {
		return t.Topics[k]
	}
	return ""
}

// Resolution returns row i's resolution ("" while open).
func (t *BlockerTable) Resolution(i int) Resolution {
	if k := t.Rows[i].Resolution; k != 0 {
		return t.Resolutions[k]
	}
	return ""
}

// Resolve sets row i's resolution and the time of it (Unix nanoseconds).
func (t *BlockerTable) Resolve(i int, at int64, how Resolution) {
	t.Rows[i].ResolvedAt, t.Rows[i].Resolution = at, t.ResolutionIndex(how)
}

// AddTopic adds topic to t.Topics and returns its index (0 for ""), without
// looking for it there: a row's own.
func (t *BlockerTable) AddTopic(topic string) int32 {
	if topic == "" {
		return 0
	}
	if len(t.Topics) == 0 {
		t.Topics = append(t.Topics, "")
	}
	t.Topics = append(t.Topics, topic)
	return int32(len(t.Topics) - 1)
}

// ResolutionIndex returns the index of how in t.Resolutions (a few), adding it
// when it is new.
func (t *BlockerTable) ResolutionIndex(how Resolution) int32 {
	if how == "" {
		return 0
	}
	for i, x := range t.Resolutions {
		if x == how && i > 0 {
			return int32(i)
		}
	}
	if len(t.Resolutions) == 0 {
		t.Resolutions = append(t.Resolutions, "")
	}
	t.Resolutions = append(t.Resolutions, how)
	return int32(len(t.Resolutions) - 1)
}

// TablePerson is a blocked person of a BlockerTable: a Blocker's PersonID and
// PersonRole, and the number of the ID (-1 when it is empty or no user ID).
type TablePerson struct {
	ID   string
	Role Role
	User int32
}

// TableTarget is what blockers of a BlockerTable wait on: a Blocker's Target, To and
// ToRole, and the number of To when it is a user ID (-1 otherwise).
type TableTarget struct {
	Target Target
	To     string
	ToRole Role
	User   int32
}

// Blocker returns row i in full, but for its ReportID (0; see BlockerRow).
func (t *BlockerTable) Blocker(i int) Blocker {
	r := &t.Rows[i]
	p, g := &t.People[r.Person], &t.Targets[r.Target]
	return Blocker{
		ID: r.ID, PersonID: p.ID, PersonRole: p.Role, Target: g.Target, To: g.To, ToRole: g.ToRole, Topic: t.Topic(i),
		OpenedAt: nanoTime(r.OpenedAt), LastSeenAt: nanoTime(r.LastSeenAt), ResolvedAt: nanoTime(r.ResolvedAt),
		Resolution: t.Resolution(i),
	}
}

// OpenAt reports whether r was open at t (Unix nanoseconds), as Blocker.OpenAt.
func (r *BlockerRow) OpenAt(t int64) bool {
	return r.OpenedAt <= t && (r.ResolvedAt == 0 || r.ResolvedAt > t)
}

// Age returns how long r has been open at t (Unix nanoseconds), as Blocker.Age.
func (r *BlockerRow) Age(t int64) time.Duration {
	end := t
	if r.ResolvedAt != 0 && r.ResolvedAt < t {
		end = r.ResolvedAt
	}
	if end < r.OpenedAt {
		return 0
	}
	return time.Duration(end - r.OpenedAt)
}

// TableOf returns bs as a BlockerTable: a person per distinct PersonID and
// PersonRole, a target per distinct Target, To and ToRole, and user IDs numbered as
// they first appear. Rows keep bs's order. The ReportIDs are left out (see BlockerRow).
func TableOf(bs []Blocker) BlockerTable {
	type personKey struct {
		id   string
		role Role
	}
	type targetKey struct {
		target Target
		to     string
		toRole Role
	}
	t := BlockerTable{Rows: make([]BlockerRow, len(bs))}
	people := map[personKey]int32{}
	targets := map[targetKey]int32{}
	users := map[string]int32{}

	user := func(id string) int32 {
		if id == "" || !UserNode(id) {
			return -1
		}
		u, ok := users[id]
		if !ok {
			u = int32(len(users))
			users[id] = u
		}
		return u
	}
	for i := range bs {
		b := &bs[i]
		pk := personKey{b.PersonID, b.PersonRole}
		p, ok := people[pk]
		if !ok {
			p = int32(len(t.People))
			people[pk] = p
			t.People = append(t.People, TablePerson{ID: b.PersonID, Role: b.PersonRole, User: user(b.PersonID)})
		}
		tk := targetKey{b.Target, b.To, b.ToRole}
		g, ok := targets[tk]
		if !ok {
			g = int32(len(t.Targets))
			targets[tk] = g
			t.Targets = append(t.Targets, TableTarget{Target: b.Target, To: b.To, ToRole: b.ToRole, User: user(b.To)})
		}
		t.Rows[i] = BlockerRow{ID: b.ID, Person: p, Target: g, OpenedAt: timeNano(b.OpenedAt), LastSeenAt: timeNano(b.LastSeenAt),
			ResolvedAt: timeNano(b.ResolvedAt), Resolution: t.ResolutionIndex(b.Resolution), Topic: t.AddTopic(b.Topic)}
	}
	t.Users = len(users)
	return t
}

// nanoTime is the UTC time of Unix nanoseconds n, the zero time for 0, as a store
// reads its times.
func nanoTime(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// timeNano is t in Unix nanoseconds, 0 for the zero time.
func timeNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}
