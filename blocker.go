package unblock

import (
	"strings"
	"time"
)

// Resolution says how a blocker stopped being open.
type Resolution string

const (
	ResolvedByStatement Resolution = "statement" // "unblocked now that the mocks landed"
	ResolvedByNone      Resolution = "none"      // the person said "no blockers"
	ResolvedByButton    Resolution = "button"    // the "Resolved" button or "/blocked resolve"
	ResolvedByExpiry    Resolution = "expired"   // not mentioned again for N of the person's reports
	ResolvedByWithdraw  Resolution = "withdrawn" // the report that opened it was edited or deleted
	ResolvedByDismiss   Resolution = "dismissed" // "Not a blocker": a false positive
)

// Describe says in words how a blocker closed, for people reading the ledger
// (`unblock blockers`, `/blocked why`).
func (r Resolution) Describe() string {
	switch r {
	case ResolvedByStatement:
		return "a report said it cleared"
	case ResolvedByNone:
		return "a report said no blockers"
	case ResolvedByButton:
		return "the Resolved button or /blocked resolve"
	case ResolvedByExpiry:
		return "not mentioned again, or its author fell silent"
	case ResolvedByDismiss:
		return "marked Not a blocker"
	case ResolvedByWithdraw:
		return "its report was edited or deleted"
	}
	return string(r)
}

// Blocker is an edge from a person to a target, with a topic and a life.
// There is at most one open blocker per person, target and topic.
type Blocker struct {
	ID         int64
	PersonID   string // who is blocked
	PersonRole Role   // their role at snapshot time
	Target     Target // whom or what they wait on
	To         string // graph node: the target person's user ID when known, else Target.Key()
	ToRole     Role   // role of the target (the person's role for person targets)
	Topic      string
	OpenedAt   time.Time
	LastSeenAt time.Time
	ResolvedAt time.Time // zero while open
	Resolution Resolution
	ReportID   int64 // the report that opened it
}

// Open reports whether b is still open.
func (b Blocker) Open() bool { return b.ResolvedAt.IsZero() }

// OpenAt reports whether b was open at t: opened by then and not closed by then.
func (b Blocker) OpenAt(t time.Time) bool {
	return !b.OpenedAt.After(t) && (b.ResolvedAt.IsZero() || b.ResolvedAt.After(t))
}

// Age returns how long b has been open at t (or was open, if resolved).
func (b Blocker) Age(t time.Time) time.Duration {
	end := t
	if !b.ResolvedAt.IsZero() && b.ResolvedAt.Before(t) {
		end = b.ResolvedAt
	}
	if end.Before(b.OpenedAt) {
		return 0
	}
	return end.Sub(b.OpenedAt)
}

// ToPerson reports whether the blocker waits on a known person: To is then a user ID.
// A person named in text whom the directory does not know keeps a "person:NAME" node.
func (b Blocker) ToPerson() bool { return b.To != "" && !strings.Contains(b.To, ":") }

// Wait returns b as the same-blocker rule compares it (SameWait).
func (b Blocker) Wait() Wait {
	return Wait{Node: b.To, Kind: b.Target.Kind, Role: b.ToRole, Topic: b.Topic}
}

// UserNumbers numbers the user IDs of a list of blockers, as a store numbers its
// people: one number an ID, 0 to Users-1, the same for an ID as a blocker's person
// and as what another waits on. The analysis then finds a person by number rather
// than by hashing their ID (graph.Snapshot.Users).
type UserNumbers struct {
	Person []int32 // per blocker: the number of PersonID; -1 when it is empty or no user ID
	To     []int32 // per blocker: the number of To when that is a user ID (ToPerson), else -1
	Users  int
	// Target numbers each blocker's target as stored, when the store numbers them
	// (nil otherwise): one number a target, its Target, To and ToRole alike in every
	// blocker of that number; -1 for a blocker with none. What is read from a
	// target is then read once a target (graph.CanonicalizeNumbered).
	Target []int32
}
