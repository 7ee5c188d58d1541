package unblock

import "time"

// Loop is a cycle of waiting: each member waits on the next, and the last on the first.
// Members are role names for a role loop and user IDs for a person loop; the list starts
// at its alphabetically first member and follows the direction of waiting.
//
// Blockers counts the open blockers behind all its edges; Evidence holds the first
// of them in the order they are shown, as many as the analysis was asked to keep
// (graph.Options.MaxEvidence): the blockers of the edge from Members[0] first, then
// the next edge's, oldest first on each edge (by OpenedAt, then ID). A role loop can
// stand on half of all open blockers, so the analysis copies only what is shown.
type Loop struct {
	Members  []string
	Blockers int       // open blockers behind every edge of the loop
	Evidence []Blocker // the first of them in loop order, at most the analysis's bound
	Oldest   time.Duration
}

// Chain is a wait chain: Path[0] waits on Path[1], who waits on Path[2], …
// Its age is the age of its oldest link: the waits run side by side, so the chain
// has stalled work for as long as its longest wait, not for the sum of them.
type Chain struct {
	Path   []string
	Oldest time.Duration // the age of the oldest open blocker on any of its links
}

// Links returns the number of waits in the chain: one fewer than its members.
func (c Chain) Links() int { return max(len(c.Path)-1, 0) }

// Bottleneck is a target ranked by how many people wait on it.
type Bottleneck struct {
	Target     string     // a user ID, a role name, or the NAME of a "KIND:NAME" node (Kind says which)
	Kind       TargetKind // person, role, team, external or artifact
	Waiting    int        // people waiting on it directly
	Transitive int        // people waiting on it directly or through others
}

// Period is the span a digest covers: the seven days ending on the as-of date,
// From 00:00 of the first day to the end of the last day, in one time zone.
type Period struct {
	From time.Time // inclusive
	To   time.Time // exclusive: midnight after the as-of date
}

// DigestDays is the length of a digest period.
const DigestDays = 7

// WeekEnding returns the seven-day period ending on the day of asOf, in asOf's location.
func WeekEnding(asOf time.Time) Period {
	y, m, d := asOf.Date()
	end := time.Date(y, m, d+1, 0, 0, 0, 0, asOf.Location())
	return Period{From: end.AddDate(0, 0, -DigestDays), To: end}
}

// Previous returns the period of the same length just before p.
func (p Period) Previous() Period {
	return Period{From: p.From.AddDate(0, 0, -DigestDays), To: p.From}
}

// LastDay returns the date of the period's last day (the as-of date).
func (p Period) LastDay() time.Time { return p.To.AddDate(0, 0, -1) }
