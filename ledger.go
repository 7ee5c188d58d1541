package unblock

import "time"

// Status says where a blocker stands at a time: open, or how it stopped being open.
type Status string

const (
	StatusOpen      Status = "open"
	StatusResolved  Status = "resolved"  // by a statement, a "no blockers" or the Resolved button
	StatusExpired   Status = "expired"   // not mentioned again, or its author fell silent
	StatusDismissed Status = "dismissed" // "Not a blocker", or its report withdrawn: a false positive
)

// StatusAt returns b's status at t: open until it is resolved at or before t.
func (b Blocker) StatusAt(t time.Time) Status {
	if b.ResolvedAt.IsZero() || b.ResolvedAt.After(t) {
		return StatusOpen
	}
	switch b.Resolution {
	case ResolvedByExpiry:
		return StatusExpired
	case ResolvedByDismiss, ResolvedByWithdraw:
		return StatusDismissed
	}
	return StatusResolved
}

// Effect says what one report did to a blocker.
type Effect string

const (
	EffectOpened   Effect = "opened"   // the report first said it
	EffectSeen     Effect = "seen"     // the report said it again: it stays open
	EffectResolved Effect = "resolved" // the report resolved it ("unblocked", "no blockers")
	EffectExpired  Effect = "expired"  // the report was one too many that did not mention it
)

// Evidence is one report's effect on a blocker. Report.Text is empty when the
// text is not kept (privacy.store_text: false).
type Evidence struct {
	Effect Effect
	Report Report
}

// LedgerEntry is a blocker with the evidence behind it: the reports that opened,
// kept and closed it, in time order. A blocker closed by a button or by its
// author's silence has no closing report.
type LedgerEntry struct {
	Blocker
	Evidence []Evidence
}
