package unblock

import "time"

// Session is one standup: a team's prompt to one person on one day. The store
// keeps one per (Team, PersonID, Day).
type Session struct {
	ID         int64
	Team       string
	PersonID   string
	Day        string // YYYY-MM-DD in the prompt's time zone
	PromptAt   time.Time
	Channel    string // where the prompt was posted (a DM channel)
	PromptTS   string
	RemindedAt time.Time
	AnsweredAt time.Time
	ReportID   int64  // the report that answered it, 0 if none
	Skipped    string // why it was skipped ("away", "weekend", …), "" if not
}

// SkipAsked is Session.Skipped of a day the person skipped at their own request
// ("Skip today" on the prompt): not missing, and not silent either, so that day
// does not count toward expiry by silence.
const SkipAsked = "asked"
