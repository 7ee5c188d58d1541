package unblock

import (
	"slices"
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
	// EditedAt is when Text was last edited, where the message says (an
	// export's "edited" ts, an edit event's time); zero when it was never
	// edited or the time is not known. Of two versions of one message, the
	// later edit is the text.
	EditedAt time.Time
	Deleted  bool
	// Standup is set, by whoever reads the message, on a standup report: an answer
	// to a standup prompt, a post in a standup channel (not a reply under
	// another's post: Posting.Standup), or a post shaped like a standup. Each one counts toward blockers.expire_after whether or not it
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
// are data in waitwords.txt): every post there is a standup report.
func StandupChannel(name string) bool {
	words := waitVocabulary().channel
	if hasWord(words, name) {
		return true
	}
	return words[strings.ToLower(strings.TrimPrefix(name, "#"))]
}

// StandupPrompt reports whether a bot's post, by its first line, calls for
// standups ("Daily standup: reply in this thread", "Reminder: post your stand-up
// notes"), so replies in its thread are standup answers. It must name a standup
// (waitwords.txt's prompt: words; "daily" alone names only how often) and say
// nothing of reporting something else (its not-prompt: words), so "Daily build
// report" and another tool's "Daily digest" or "Standup summary" are no prompts.
func StandupPrompt(text string) bool {
	line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	v := waitVocabulary()
	return hasWord(v.prompt, line) && !hasWord(v.notPrompt, line)
}

// EffectEvent is the event_type of the metadata unblock attaches to every
// message it posts; the payload (EffectPayload) holds the key of the outbox
// effect that made the post, which starts with the effect's kind
// ("prompt:TEAM:PERSON:DAY"). The live bot knows its posts by it, and so does
// the import where an export keeps it.
const EffectEvent = "unblock_effect"

// The kinds of effect whose posts call for standups: replies in their threads
// are answers (OwnCall).
const (
	EffectPrompt   = "prompt"   // a standup prompt
	EffectReminder = "reminder" // a standup reminder
)

// EffectPayload returns the metadata payload of a post made by the effect with
// key: {"key": key}.
func EffectPayload(key string) map[string]any { return map[string]any{"key": key} }

// EffectKey returns the effect key a post's metadata payload holds, or "".
func EffectKey(payload map[string]any) string {
	key, _ := payload["key"].(string)
	return key
}

// OwnCall reports whether a post's metadata, its event_type and payload, is
// unblock's (ours), and then whether the post calls for standups (call): a
// prompt's or a reminder's, not a summary's, a digest's or another's. A post
// without unblock's metadata is not ours by it (an export or a server that
// keeps none): the caller then decides otherwise.
func OwnCall(eventType string, payload map[string]any) (call, ours bool) {
	if eventType != EffectEvent {
		return false, false
	}
	kind, _, _ := strings.Cut(EffectKey(payload), ":")
	return kind == EffectPrompt || kind == EffectReminder, true
}

// hasWord reports whether text holds one of words, compared lower-case word by
// word; a hyphenated word of the list ("stand-up", "check-in") is two words of
// text.
func hasWord(words map[string]bool, text string) bool {
	fields := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range fields {
		if words[w] || i+1 < len(fields) && words[w+"-"+fields[i+1]] {
			return true
		}
	}
	return false
}

// Posting is where and how a message was posted, as far as the standup rule
// (StandupReport in package parse) asks. The live bot and the import each fill
// it from what they know and ask the one rule.
type Posting struct {
	DM           bool   // in the bot's DM: its standup conversation
	StandupBot   bool   // a standup bot's post that speaks for one person (PostedFor)
	PromptThread bool   // a reply in the thread of a standup prompt (StandupPrompt)
	TeamChannel  bool   // a team's channel or a configured passive channel
	ChannelName  string // the channel's name ("eng-standup"), "" when not known
	// ReplyToOther is set on a reply in the thread of a post that is not the
	// replier's: a post by someone else, a standup bot's post that speaks for
	// someone else (PostedFor), or a bot's post that speaks for no one (a build
	// report, unblock's own summary or digest). A reply under one's own post,
	// or under a standup bot's post that speaks for the replier, is none; so is
	// one under a post whose poster is not known. Under a call for standups
	// (a bot's prompt, unblock's own prompt or reminder) PromptThread makes a
	// reply an answer whatever this says.
	ReplyToOther bool
	// Broadcast is set on a reply also sent to the channel ("Also send to
	// #channel": subtype thread_broadcast, reply_broadcast in older exports).
	// Slack shows it in the channel, to everyone, as its author's own post, so
	// it is read as one: the author speaks to the channel, not only to the
	// thread, and the thread it was written in does not make it chat
	// (ReplyToOther does not count). Where it was posted decides, as for a post
	// in the channel, and a call for standups' thread still makes it an answer.
	Broadcast bool
	Mention   bool // it mentions the bot: told to it, so no reply's chat
}

// Standup reports whether where a message was posted makes it a standup report,
// whatever its text says: in the bot's DM, a standup bot's post, a reply to a
// standup prompt, a post in a team's or passive channel or in one whose name
// says it is for standups (StandupChannel). A reply in the thread of another's
// post (ReplyToOther) is conversation, not its author's standup, wherever it
// was posted, unless it mentions the bot or was also sent to the channel
// (Broadcast): the channel does not make it one.
func (p Posting) Standup() bool {
	if p.DM || p.StandupBot || p.PromptThread {
		return true
	}
	if p.ReplyToOther && !p.Mention && !p.Broadcast {
		return false
	}
	return p.TeamChannel || p.ChannelName != "" && StandupChannel(p.ChannelName)
}

// ToldBot reports whether text mentions one of bots, the bot's user IDs, and
// returns text without those mentions, trimmed: a message that mentions the bot
// is told to it (Posting.Mention), live and on import, and the bot reads it
// without its own name. A mention is "<@U123>" or, as exports and some clients
// write it, "<@U123|unblock>"; an empty ID in bots matches nothing.
func ToldBot(text string, bots ...string) (string, bool) {
	if !strings.Contains(text, "<@") {
		return text, false
	}
	var b strings.Builder
	told := false
	for rest := text; ; {
		i := strings.Index(rest, "<@")
		if i < 0 {
			b.WriteString(rest)
			break
		}
		j := strings.IndexByte(rest[i:], '>')
		if j < 0 {
			b.WriteString(rest)
			break
		}
		if id := MentionID(rest[i : i+j+1]); id != "" && slices.Contains(bots, id) {
			b.WriteString(rest[:i])
			rest, told = rest[i+j+1:], true
			continue
		}
		b.WriteString(rest[:i+2]) // not the bot's: read on after its "<@"
		rest = rest[i+2:]
	}
	if !told {
		return text, false
	}
	return strings.TrimSpace(b.String()), true
}
