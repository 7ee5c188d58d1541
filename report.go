package unblock

import (
	"strings"
	"time"
	"unicode"
)

// ReportSource says where a report came from.
type ReportSource string

const (
	SourceStandup ReportSource = "standup" // an answer to a standup prompt (DM, thread or modal)
	SourceChannel ReportSource = "channel" // a message read passively in a channel
	SourceDM      ReportSource = "dm"      // a free DM to the bot outside a standup
	SourceImport  ReportSource = "import"  // a message from a Slack export
	SourceCommand ReportSource = "command" // "/blocked on …" or a button
)

// Report is one standup answer or one message that was read for blockers.
// (Channel, TS) identifies it; an edit keeps the key and changes Text.
type Report struct {
	ID       int64
	PersonID string
	Channel  string
	TS       string // Slack message ts, "1700000000.000100"
	ThreadTS string
	At       time.Time
	Text     string
	Source   ReportSource
	Edited   bool
	Deleted  bool
	// Standup is set, by whoever reads the message, on a standup report: an answer
	// to a standup prompt, a post in a standup channel, or a post shaped like a
	// standup. Each one counts toward blockers.expire_after whether or not it
	// says anything about blockers, so silence about a blocker expires it.
	Standup bool
}

// Change is what applying or deleting one report did to the blocker ledger.
type Change struct {
	ReportID  int64     // 0 when the report was not stored (plain chatter)
	Opened    []Blocker // new open blockers
	Seen      []Blocker // existing open blockers this report mentioned again
	Resolved  []Blocker // resolved, expired or withdrawn by this report
	Unchanged bool      // the report was already applied exactly like this
}

// StandupChannel reports whether a channel's name says it is for standups
// ("standup", "eng-standups", "daily-design", "scrum", "team-check-in"; the words
// are data in waitwords.txt): every post there is a standup report. An import also
// asks it of the first line of a bot's post ("Daily standup: reply in the thread").
func StandupChannel(name string) bool {
	words := waitVocabulary().channel
	fields := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range fields {
		// A hyphenated word of the list ("stand-up", "check-in") is two fields.
		if words[w] || i+1 < len(fields) && words[w+"-"+fields[i+1]] {
			return true
		}
	}
	return words[strings.ToLower(strings.TrimPrefix(name, "#"))]
}
