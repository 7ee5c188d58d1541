package parse

import "github.com/unblock-dev/unblock"

// StandupReport reports whether a message posted as p says is a standup report,
// which counts toward blockers.expire_after even when it says nothing about
// blockers: where it was posted makes it one (unblock.Posting.Standup), or its
// text is shaped like one (Standup); so a reply in the thread of another's post
// (Posting.ReplyToOther) is one only by its shape, a prompt's thread or a
// mention of the bot. The live bot and the import both ask this,
// so a message counts the same read either way.
func StandupReport(p unblock.Posting, text string) bool {
	return p.Standup() || Standup(text)
}
