package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
)

// ReportHook is told about every report the bot applied, so standups can mark a
// session answered. It runs in the worker, after the store committed the report.
type ReportHook func(ctx context.Context, r unblock.Report, st unblock.Statement, ch unblock.Change) error

// OnReport registers a hook called after each applied report.
func (b *Bot) OnReport(h ReportHook) { b.reportHooks = append(b.reportHooks, h) }

// incoming is one message as the bot reads it, whatever event carried it.
type incoming struct {
	User, BotID     string
	Channel, Kind   string // Kind is Slack's channel_type: channel, group, im, mpim
	TS, ThreadTS    string
	ParentUser      string // the poster of the thread's parent, as the event names it (parent_user_id); "" when it does not
	Text            string
	Edited, Deleted bool
	EditedAt        time.Time // an edit's time, where the event says (zero: not known)
	Mention         bool      // the bot was @-mentioned: read it even outside passive channels
	Standup         bool      // a standup bot's post: a standup report whatever its shape
	// Broadcast is a reply also sent to the channel (thread_broadcast): read as
	// a post in the channel (unblock.Posting.Broadcast).
	Broadcast bool
}

// reply reports whether in is a reply in a thread.
func (in incoming) reply() bool { return in.ThreadTS != "" && in.ThreadTS != in.TS }

// onMessage reads new, edited and deleted messages in DMs and passive channels.
func (b *Bot) onMessage(ctx context.Context, ev slackevents.EventsAPIEvent) error {
	m, ok := ev.InnerEvent.Data.(*slackevents.MessageEvent)
	if !ok {
		return fmt.Errorf("message event of type %T", ev.InnerEvent.Data)
	}
	in := incoming{Channel: m.Channel, Kind: m.ChannelType}
	if m.User == slackbotID && m.SubType == "" {
		// Slackbot is no person: its reminder may call for standups, as a bot's
		// post may, and is nobody's report (an import skips it too).
		if m.ThreadTimeStamp == "" || m.ThreadTimeStamp == m.TimeStamp {
			b.rememberParent([2]string{m.Channel, m.TimeStamp}, threadParent{noOne: true, prompt: unblock.StandupPrompt(m.Text)})
		}
		return nil
	}
	if m.SubType == "bot_message" || m.SubType == "" && m.BotID != "" {
		return b.onBotPost(ctx, m, false)
	}
	if m.SubType == "message_changed" && m.Message != nil && (m.Message.BotID != "" || m.Message.SubType == "bot_message") {
		return b.onBotPost(ctx, m, true)
	}
	switch m.SubType {
	case "", "thread_broadcast", "file_share", "me_message":
		in.User, in.BotID, in.TS, in.ThreadTS, in.Text = m.User, m.BotID, m.TimeStamp, m.ThreadTimeStamp, m.Text
		in.Broadcast = m.SubType == "thread_broadcast"
		if m.Message != nil { // slackevents holds the whole event there too
			in.ParentUser = m.Message.ParentUserId
			in.Text = body(m.Text, m.Message.Blocks)
		}
	case "message_changed":
		if m.Message == nil {
			return nil
		}
		in.User, in.BotID, in.TS, in.ThreadTS = m.Message.User, m.Message.BotID, m.Message.Timestamp, m.Message.ThreadTimestamp
		in.Text = body(m.Message.Text, m.Message.Blocks)
		in.ParentUser, in.Edited = m.Message.ParentUserId, true
		in.EditedAt = tsTime(m.TimeStamp) // the event's own time: when the edit was made
		if m.Message.Edited != nil {
			if at := tsTime(m.Message.Edited.Timestamp); !at.IsZero() {
				in.EditedAt = at
			}
		}
		in.Broadcast = m.Message.SubType == "thread_broadcast"
		if m.Message.SubType == "tombstone" {
			in.Deleted = true
		}
	case "message_deleted":
		in.TS, in.Deleted = m.DeletedTimeStamp, true
		if m.PreviousMessage != nil {
			in.User, in.BotID = m.PreviousMessage.User, m.PreviousMessage.BotID
		}
	default:
		// Joins, topics, bot_message and the like carry no standup.
		return nil
	}
	return b.ingest(ctx, in)
}

// onAppMention reads "@unblock blocked on design" in channels outside the passive
// set; in a passive channel the same message also arrives as a message event and
// the store's (channel, ts) key makes the second one a no-op.
func (b *Bot) onAppMention(ctx context.Context, ev slackevents.EventsAPIEvent) error {
	m, ok := ev.InnerEvent.Data.(*slackevents.AppMentionEvent)
	if !ok {
		return fmt.Errorf("app_mention event of type %T", ev.InnerEvent.Data)
	}
	return b.ingest(ctx, incoming{User: m.User, BotID: m.BotID, Channel: m.Channel, Kind: "channel", TS: m.TimeStamp, ThreadTS: m.ThreadTimeStamp, Text: m.Text, Mention: true})
}

// onBotPost reads a standup bot's post (Geekbot and the like) as the standup of
// the person it speaks for; every other bot post, our own included, is ignored.
func (b *Bot) onBotPost(ctx context.Context, m *slackevents.MessageEvent, edited bool) error {
	msg := m.Message
	ours := b.botID != "" && (m.BotID == b.botID || msg.BotID == b.botID)
	if msg == nil || ours || msg.User == b.botUserID {
		return nil
	}
	people, err := b.store.People(ctx)
	if err != nil {
		return err
	}
	author := unblock.PostedFor(msg.Username, msg.Text, people)
	if top := msg.ThreadTimestamp == "" || msg.ThreadTimestamp == msg.Timestamp; top && msg.Timestamp != "" {
		// Replies in its thread comment on the standup of the person it speaks
		// for; another bot's call for standups makes them standup answers.
		tp := threadParent{author: author}
		if author == "" {
			tp.noOne, tp.prompt = true, b.standupPrompt(msg.BotID, msg.SubType, msg.User, msg.Text)
		}
		b.rememberParent([2]string{m.Channel, msg.Timestamp}, tp)
	}
	if author == "" {
		return nil
	}
	atts := make([]unblock.AttachmentText, 0, len(msg.Attachments))
	for _, a := range msg.Attachments {
		at := unblock.AttachmentText{Pretext: a.Pretext, Title: a.Title, Text: a.Text}
		for _, f := range a.Fields {
			at.Fields = append(at.Fields, [2]string{f.Title, f.Value})
		}
		atts = append(atts, at)
	}
	// A post in Block Kit is read from its blocks: its text is then only the
	// notification's fallback ("<@U1> posted an update"), as the import reads it.
	text := msg.Text
	if bt := unblock.BlocksText(blockValues(msg.Blocks)); bt != "" {
		text = bt
	}
	return b.ingest(ctx, incoming{
		User: author, Channel: m.Channel, Kind: m.ChannelType, TS: msg.Timestamp, ThreadTS: msg.ThreadTimestamp,
		Text: unblock.StandupPostText(text, atts), Edited: edited, Standup: true,
	})
}

// body is what a person wrote: the text, or, when a message has no text but
// blocks (posted through the API with blocks alone), the blocks' text, as the
// import reads it.
func body(text string, blocks slack.Blocks) string {
	if strings.TrimSpace(text) != "" || len(blocks.BlockSet) == 0 {
		return text
	}
	return unblock.BlocksText(blockValues(blocks))
}

// blockValues returns blocks as Slack sent them, one JSON value a block, for
// unblock.BlocksText: slack-go decoded them into its types, which encode back
// to the same fields. A block that will not encode is left out.
func blockValues(blocks slack.Blocks) []json.RawMessage {
	raw := make([]json.RawMessage, 0, len(blocks.BlockSet))
	for _, bl := range blocks.BlockSet {
		if j, err := json.Marshal(bl); err == nil {
			raw = append(raw, j)
		}
	}
	return raw
}

func (b *Bot) ingest(ctx context.Context, in incoming) error {
	if !in.Deleted && (in.BotID != "" || (in.User != "" && in.User == b.botUserID)) {
		return nil // our own posts and other bots' (a deletion withdraws whatever a post opened)
	}
	dm := in.Kind == "im" || strings.HasPrefix(in.Channel, "D")
	if !dm && !in.Mention && len(b.passive) > 0 && !b.passive[in.Channel] {
		return nil
	}
	at := tsTime(in.TS)
	if at.IsZero() {
		at = b.cfg.Now()
	}
	if in.Deleted {
		_, err := b.deleteReport(ctx, in.Channel, in.TS, b.cfg.Now())
		return err
	}
	if in.User == "" || in.TS == "" {
		return nil
	}
	// "@unblock blocked on design" arrives as both app_mention and message: the
	// same text under the same (channel, ts) makes the second a no-op. Slack's
	// entities are decoded here, once, for every event that carries text.
	// Told to the bot: as the app_mention, or as the message event that comes with it.
	text, told := unblock.ToldBot(unblock.UnescapeText(in.Text), b.botUserID)
	in.Text, told = strings.TrimSpace(text), told || in.Mention
	source := unblock.SourceChannel
	if dm {
		source = unblock.SourceDM
	}
	st, standup, err := b.read(ctx, in, dm, told)
	if err != nil {
		return err
	}
	if told && !standup {
		// Told to the bot, a message outside any standup is read as a report, not as chat.
		st = parse.Parse(in.Text, b.lexicon.Load())
	}
	r := unblock.Report{PersonID: in.User, Channel: in.Channel, TS: in.TS, ThreadTS: in.ThreadTS, At: at, Text: in.Text,
		Source: source, Edited: in.Edited, EditedAt: in.EditedAt, Standup: standup}
	involved := []string{in.User}
	for _, t := range st.Targets {
		involved = append(involved, t.MentionID())
	}
	b.ensurePeople(ctx, involved...)
	ch, err := b.applyReport(ctx, r, st, standup || told)
	if err != nil {
		return fmt.Errorf("apply report %s/%s: %w", in.Channel, in.TS, err)
	}
	r.ID = ch.ReportID
	for _, h := range b.reportHooks {
		if err := b.passOn(h(ctx, r, st, ch), "report hook failed"); err != nil {
			return err // the standup answer and its summary must not be lost
		}
	}
	if dm && !in.Edited && !ch.Unchanged && st.AboutBlockers() {
		if err := b.confirm(ctx, in, st, ch); err != nil {
			return err
		}
	}
	if cleared(ch) {
		return b.passOn(b.allClear(ctx, in.User, b.cfg.Now()), "all-clear message failed")
	}
	return nil
}

// confirm decides to tell the author, in the DM thread, what the bot understood. Everything
// the user wrote is escaped, so the reply can ping no one.
func (b *Bot) confirm(ctx context.Context, in incoming, st unblock.Statement, ch unblock.Change) error {
	text := b.describeChange(ctx, st, ch)
	thread := in.ThreadTS
	if thread == "" {
		thread = in.TS
	}
	// The new blockers get their buttons, so a misread one is one click away.
	blocks := []slack.Block{section(text)}
	now := b.cfg.Now()
	for i, bl := range ch.Opened {
		if i == 5 {
			break
		}
		blocks = append(blocks, b.blockerSection(ctx, bl, false, now)...)
	}
	// Keyed by the message it answers: an edit or a redelivery never confirms twice.
	return b.enqueue(ctx, effConfirm, "confirm:"+in.Channel+":"+in.TS, time.Time{},
		call{Method: callPost, Channel: in.Channel, ThreadTS: thread, Text: truncate(text, MaxMessageText)}, blocks)
}

// describeChange says in one or two lines what a report changed.
func (b *Bot) describeChange(ctx context.Context, st unblock.Statement, ch unblock.Change) string {
	var lines []string
	for _, bl := range ch.Opened {
		lines = append(lines, "Noted: you're waiting on "+b.targetLabel(ctx, bl.Target)+topicSuffix(bl.Topic)+".")
	}
	for _, bl := range ch.Seen {
		lines = append(lines, "Still waiting on "+b.targetLabel(ctx, bl.Target)+topicSuffix(bl.Topic)+" — I'll keep counting.")
	}
	for _, bl := range ch.Resolved {
		if bl.Resolution == unblock.ResolvedByExpiry {
			// Expired is not resolved: say so, and how to keep it.
			lines = append(lines, "No longer counted: "+b.targetLabel(ctx, bl.Target)+topicSuffix(bl.Topic)+
				" (not mentioned lately; mention it again if you still wait).")
			continue
		}
		lines = append(lines, "Cleared: "+b.targetLabel(ctx, bl.Target)+topicSuffix(bl.Topic)+".")
	}
	if len(lines) == 0 {
		switch {
		case st.None:
			lines = append(lines, "Thanks: no blockers noted.")
		default:
			lines = append(lines, "Thanks, noted.")
		}
	}
	return strings.Join(lines, "\n")
}

// targetLabel names a target for a Slack message without mentioning anyone: a
// person by display name, anything else by its escaped name.
func (b *Bot) targetLabel(ctx context.Context, t unblock.Target) string {
	if id := t.MentionID(); id != "" {
		if p, err := b.store.Person(ctx, id); err == nil {
			return "*" + unblock.EscapeText(p.Label()) + "*"
		}
		return "*" + unblock.EscapeText(id) + "*"
	}
	return "*" + unblock.EscapeText(t.Name) + "*"
}

func topicSuffix(topic string) string {
	if topic == "" {
		return ""
	}
	return " (" + unblock.EscapeText(topic) + ")"
}

// tsTime turns a Slack ts ("1700000000.000100") into a time; zero if malformed.
func tsTime(ts string) time.Time {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return time.Time{}
	}
	var us int64
	if frac != "" {
		for len(frac) < 6 {
			frac += "0"
		}
		us, _ = strconv.ParseInt(frac[:6], 10, 64)
	}
	return time.Unix(s, us*1000).UTC()
}

// cleared reports whether a report resolved something (not merely withdrew what an
// edit took back, nor let a blocker expire), so the person may have just become
// unblocked. Expired is not resolved: a standup that no longer mentions a wait
// gets no all-clear.
func cleared(ch unblock.Change) bool {
	for _, bl := range ch.Resolved {
		if bl.Resolution != unblock.ResolvedByWithdraw && bl.Resolution != unblock.ResolvedByExpiry {
			return true
		}
	}
	return false
}
