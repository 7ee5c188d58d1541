package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
)

// maxPostingCache bounds each of the posting caches: past it a cache starts over,
// which costs only look-ups again.
const maxPostingCache = 10_000

// postings remembers what the standup rule asks of Slack: channels' names and
// what it asks of thread parents. Both are looked up once each.
type postings struct {
	mu      sync.Mutex
	names   map[string]string          // channel ID -> name
	parents map[[2]string]threadParent // channel and ts of a thread's parent -> what the rule asks of it
}

// threadParent is what the standup rule asks of the post that opens a thread.
type threadParent struct {
	// prompt is a call for standups: another bot's (standupPrompt), or our own
	// prompt or reminder (ownCall). Replies are standup answers.
	prompt bool
	// author is whom the post is by or speaks for: its poster, or the person a
	// standup bot's post speaks for (PostedFor); "" for a bot's post that speaks
	// for no one, and for one Slack no longer shows whose poster is not known.
	author string
	// noOne is set on a bot's post known to speak for no one: a build report,
	// our own summary, digest, prompt or reminder. A reply under it is no
	// one's standup report, but under a call for standups (prompt).
	noOne bool
}

// replyToOther reports whether a reply by user under the post is one in the
// thread of a post not the replier's (unblock.Posting.ReplyToOther): a post by
// or for someone else, or a bot's post that speaks for no one. A post whose
// poster is not known is none.
func (tp threadParent) replyToOther(user string) bool {
	return tp.noOne || tp.author != "" && tp.author != user
}

// read reads a message as the import does (parse.ParseStandup): as a standup
// report when where it was posted or its shape makes it one, as chat otherwise.
// What decides it cheaply is asked first, with the one scan of the text that
// reads it; the thread's parent and the channel's name are looked up only when
// still needed (preparePosting has cached them before the item's transaction),
// and the text is read again, as a report, only when they make it one.
//
// Until its thread's parent is known, a reply is taken as one under another's
// post (Posting.ReplyToOther), unless the event names the replier as the
// parent's poster: what is looked up then only makes a message a standup
// report, never unmakes one, and the first reading stands when it is chat. A
// reply also sent to the channel (Posting.Broadcast) is read as a post there;
// its thread is looked up only for a call for standups.
func (b *Bot) read(ctx context.Context, in incoming, dm, told bool) (unblock.Statement, bool, error) {
	lex := b.lexicon.Load()
	p := unblock.Posting{DM: dm, StandupBot: in.Standup, TeamChannel: b.passive[in.Channel] || b.teamChannel(in.Channel),
		ReplyToOther: in.reply() && in.ParentUser != in.User, Broadcast: in.Broadcast, Mention: told}
	st, standup := parse.ParseStandup(in.Text, lex, p)
	if standup {
		return st, true, nil
	}
	if p.ReplyToOther {
		parent, err := b.threadParent(ctx, in.Channel, in.ThreadTS, in.ParentUser)
		if err != nil {
			return unblock.Statement{}, false, err
		}
		p.PromptThread = parent.prompt
		p.ReplyToOther = parent.replyToOther(in.User)
	}
	if !p.Standup() {
		name, err := b.channelName(ctx, in.Channel)
		if err != nil {
			return unblock.Statement{}, false, err
		}
		p.ChannelName = name
	}
	if !p.Standup() {
		return st, false, nil
	}
	return parse.Parse(in.Text, lex), true, nil
}

// preparePosting looks up, before the item's transaction, what read may ask of
// Slack about a message by user in channel (the channel's name, its thread's
// parent, whose poster the event names as parentUser), so a slow Slack never
// holds the database's write lock; the handler then reads the caches. A
// failure is logged; the handler asks again.
func (b *Bot) preparePosting(ctx context.Context, channel, kind, user, ts, thread, parentUser string) {
	if channel == "" || kind == "im" || strings.HasPrefix(channel, "D") || len(b.passive) > 0 && !b.passive[channel] {
		return // a DM, decided without Slack, or a channel not read (but for mentions)
	}
	if !b.passive[channel] && !b.teamChannel(channel) {
		if _, err := b.channelName(ctx, channel); err != nil {
			b.log.Warn("channel name look-up failed", "channel", channel, "err", err)
			return
		}
	}
	if thread == "" || thread == ts || parentUser == user {
		return // no reply, or one under the replier's own post
	}
	if _, err := b.threadParent(ctx, channel, thread, parentUser); err != nil {
		b.log.Warn("thread parent look-up failed", "channel", channel, "thread", thread, "err", err)
	}
}

// teamChannel reports whether channel is a standup team's.
func (b *Bot) teamChannel(channel string) bool {
	b.teamsMu.Lock()
	defer b.teamsMu.Unlock()
	for _, t := range b.standupTeams {
		if t.Channel != "" && t.Channel == channel {
			return true
		}
	}
	return false
}

// channelName returns a channel's name, looked up once (conversations.info).
func (b *Bot) channelName(ctx context.Context, channel string) (string, error) {
	b.posts.mu.Lock()
	name, ok := b.posts.names[channel]
	b.posts.mu.Unlock()
	if ok {
		return name, nil
	}
	ch, err := b.api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: channel})
	var se slack.SlackErrorResponse
	switch {
	case errors.As(err, &se):
		// Slack answered that it will not say (channel_not_found, missing_scope):
		// the name says nothing, and asking again would not change that.
		if b.logOnce("channel name:" + channel) {
			b.log.Warn("channel name unknown; posts there are standups only by the other rules", "channel", channel, "err", se.Err)
		}
		ch = &slack.Channel{}
	case err != nil:
		return "", fmt.Errorf("conversations.info %s: %w", channel, err)
	}
	b.posts.mu.Lock()
	defer b.posts.mu.Unlock()
	if b.posts.names == nil || len(b.posts.names) >= maxPostingCache {
		b.posts.names = map[string]string{}
	}
	b.posts.names[channel] = ch.Name
	return ch.Name, nil
}

// threadParent returns what the standup rule asks of the parent of thread in
// channel, whose poster a reply's event names as user ("" when it does not). A
// bot's post seen as it was posted is remembered (onBotPost), and so is each of
// our own posts as it is sent (recordSent); a person the directory knows as the
// poster is told by the event alone; any other parent is looked up once
// (conversations.replies), ours by the effect its metadata names (ownCall). A
// parent Slack no longer shows is no prompt, and the poster's the event names
// unless that is a bot, as in an import; ours speaks for no one.
func (b *Bot) threadParent(ctx context.Context, channel, thread, user string) (threadParent, error) {
	key := [2]string{channel, thread}
	b.posts.mu.Lock()
	tp, ok := b.posts.parents[key]
	b.posts.mu.Unlock()
	if ok {
		return tp, nil
	}
	gone := threadParent{author: user} // if Slack no longer shows the parent
	switch {
	case user != "" && user == b.botUserID:
		// Ours speaks for no one; whether it called for standups, its
		// metadata says.
		gone = threadParent{noOne: true}
	case user != "":
		// A person's post is no prompt: the event says whose it is. A bot's
		// may speak for someone (PostedFor) or call for standups: look it up.
		p, err := b.store.Person(ctx, user)
		if err == nil && !p.IsBot {
			tp = threadParent{author: user}
			b.rememberParent(key, tp)
			return tp, nil
		} else if err == nil {
			gone.author = ""
		}
	}
	msgs, _, _, err := b.api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
		ChannelID: channel, Timestamp: thread, Limit: 1, IncludeAllMetadata: true,
	})
	var se slack.SlackErrorResponse
	switch {
	case errors.As(err, &se):
		// thread_not_found and the like: a parent Slack will not show is no prompt.
	case err != nil:
		return threadParent{}, fmt.Errorf("conversations.replies %s/%s: %w", channel, thread, err)
	}
	tp = gone
	for _, m := range msgs {
		if m.Timestamp != thread {
			continue
		}
		if tp, err = b.parentPost(ctx, m); err != nil {
			return threadParent{}, err
		}
	}
	b.rememberParent(key, tp)
	return tp, nil
}

// parentPost returns what the standup rule asks of a thread's parent post m: a
// person's post is its poster's; a standup bot's post is the person's it speaks
// for (PostedFor), whose standup replies comment on; another bot's post, ours
// among them, is no one's, and a call for standups when its first line is one
// (standupPrompt) or, ours, when it is a prompt or a reminder (ownCall).
func (b *Bot) parentPost(ctx context.Context, m slack.Message) (threadParent, error) {
	bot := m.BotID != "" || m.SubType == "bot_message" || m.User == slackbotID
	if !bot {
		return threadParent{author: m.User}, nil
	}
	if b.botID != "" && m.BotID == b.botID || m.User != "" && m.User == b.botUserID {
		return threadParent{noOne: true, prompt: ownCall(m.Metadata)}, nil
	}
	people, err := b.store.People(ctx)
	if err != nil {
		return threadParent{}, err
	}
	if author := unblock.PostedFor(m.Username, m.Text, people); author != "" {
		return threadParent{author: author}, nil
	}
	return threadParent{noOne: true, prompt: b.standupPrompt(m.BotID, m.SubType, m.User, m.Text)}, nil
}

// ownCall reports whether metadata marks one of our posts as a call for
// standups: a prompt's or a reminder's (unblock.OwnCall: makePost puts the
// effect's key there). Our summaries, digests and other posts are not; a post
// without our metadata (a server that keeps none) is taken as not.
func ownCall(md slack.SlackMetadata) bool {
	call, _ := unblock.OwnCall(md.EventType, md.EventPayload)
	return call
}

// standupPrompt reports whether a post is another bot's call for standups: a
// bot's or Slackbot's post (not ours) whose first line is a prompt's
// (unblock.StandupPrompt). The caller has made sure it speaks for no one person.
func (b *Bot) standupPrompt(botID, subtype, user, text string) bool {
	bot := botID != "" || subtype == "bot_message" || user == slackbotID
	if !bot || b.botID != "" && botID == b.botID || user != "" && user == b.botUserID {
		return false
	}
	return unblock.StandupPrompt(text)
}

// slackbotID is Slackbot's user ID: its reminders ("post your stand-up notes")
// come as a user's messages, not as a bot's.
const slackbotID = "USLACKBOT"

// rememberParent remembers what the standup rule asks of the thread parent at key.
func (b *Bot) rememberParent(key [2]string, tp threadParent) {
	b.posts.mu.Lock()
	defer b.posts.mu.Unlock()
	if b.posts.parents == nil || len(b.posts.parents) >= maxPostingCache {
		b.posts.parents = map[[2]string]threadParent{}
	}
	b.posts.parents[key] = tp
}
