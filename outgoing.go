package unblock

import "time"

// Outgoing is one thing the bot decided to do in Slack (a DM confirmation, a prompt,
// a summary, a digest, an answer), written to the outbox in the same transaction
// as the state change that decided it and sent afterwards, at least once.
type Outgoing struct {
	ID int64
	// Key is the effect's idempotency key: an effect is enqueued once per key, and
	// a message it posts carries the key in its metadata, so a send whose outcome
	// was lost can be looked up in Slack instead of sent again.
	Key  string
	Kind string // what it is, for logs and its retry deadline: "confirm", "prompt", "digest", …
	// Coalesce, when set, names what the effect refreshes ("home:U1", a summary's
	// post key): an effect is not sent (superseded) once a newer one with the
	// same Coalesce is pending or sent, so the newest decided wins.
	Coalesce string
	Payload  []byte // the call, as the sender describes it (JSON)

	CreatedAt time.Time
	Deadline  time.Time // retried until then, then dead-lettered
	NextAt    time.Time // not sent before
	Attempts  int
	// Uncertain is set when an attempt began and its outcome is not known (the
	// process died mid-call, a timeout, a reset): before sending again, the
	// sender checks whether Slack already has it.
	Uncertain bool
	// Claimed is set while a process holds the effect for an attempt (its claim
	// is cleared when the attempt's outcome is recorded): on PostgreSQL it may be
	// another replica's attempt under way.
	Claimed bool

	State       OutgoingState
	Channel, TS string // where it went, once sent
	Error       string // the last failure
}

// OutgoingState is where an outgoing effect is in its life.
type OutgoingState string

// Outgoing states.
const (
	OutgoingPending OutgoingState = "pending" // waiting to be sent, or to be retried
	OutgoingSent    OutgoingState = "sent"    // made in Slack (or superseded by a newer one)
	OutgoingDead    OutgoingState = "dead"    // given up: a permanent error or its deadline passed
)
