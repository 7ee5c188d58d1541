package unblock

// Reading is a report queued for the LLM reader's second opinion: the report
// as it arrived and the statement the rules read in it, which stands until an
// answer revises it.
type Reading struct {
	ID       int64 // changes when a newer text of the same message replaces the reading
	Report   Report
	Rules    Statement
	Attempts int // requests that failed for a reason worth trying again
}
