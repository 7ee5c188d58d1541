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
// which thread parents are standup prompts. Both are looked up once each.
type postings struct {
	mu      sync.Mutex
	names   map[string]string  // channel ID -> name
	prompts map[[2]string]bool // channel and ts of a thread's parent -> it is a standup prompt
}

// read reads a message as the import does (parse.ParseStandup): as a standup
// report when where it was posted or its shape makes it one, as chat otherwise.
// What decides it cheaply is asked first, with the one scan of the text that
// reads it; the channel's name and the thread's parent are looked up only when
// still needed (preparePosting has cached them before the item's transaction),
// and the text is read again, as a report, only when they make it one.
func (b *Bot) read(ctx context.Context, in incoming, dm bool) (unblock.Statement, bool, error) {
	lex := b.lexicon.Load()
	p := unblock.Posting{DM: dm, StandupBot: in.Standup, TeamChannel: b.passive[in.Channel] || b.teamChannel(in.Channel)}
	st, standup := parse.ParseStandup(in.Text, lex, p)
	if standup {
		return st, true, nil
	}
	name, err := b.channelName(ctx, in.Channel)
	if err != nil {
		return unblock.Statement{}, false, err
	}
	p.ChannelName = name
	if !p.Standup() && in.ThreadTS != "" && in.ThreadTS != in.TS {
		if p.PromptThread, err = b.promptThread(ctx, in.Channel, in.ThreadTS); err != nil {
			return unblock.Statement{}, false, err
		}
	}
	if !p.Standup() {
		return st, false, nil
	}
	return parse.Parse(in.Text, lex), true, nil
}

// preparePosting looks up, before the item's transaction, what isStandup may ask
// of Slack about a message in channel (its name, its thread's parent), so a slow
// Slack never holds the database's write lock; the handler then reads the caches.
// A failure is logged; the handler asks again.
func (b *Bot) preparePosting(ctx context.Context, channel, kind, ts, thread string) {
	if channel == "" || kind == "im" || strings.HasPrefix(channel, "D") || len(b.passive) > 0 || b.teamChannel(channel) {
		return // a DM, or a passive channel: decided without Slack (or not read at all)
	}
	name, err := b.channelName(ctx, channel)
	if err != nil {
		b.log.Warn("channel name look-up failed", "channel", channel, "err", err)
		return
	}
	if unblock.StandupChannel(name) || thread == "" || thread == ts {
		return
	}
	if _, err := b.promptThread(ctx, channel, thread); err != nil {
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

// promptThread reports whether the parent of a thread is a bot's standup prompt
// (unblock.StandupPrompt), whose replies are standup answers. A prompt seen as it
// was posted is remembered (sawBotPost); any other parent is looked up once
// (conversations.replies). A parent Slack no longer has is no prompt.
func (b *Bot) promptThread(ctx context.Context, channel, thread string) (bool, error) {
	key := [2]string{channel, thread}
	b.posts.mu.Lock()
	prompt, ok := b.posts.prompts[key]
	b.posts.mu.Unlock()
	if ok {
		return prompt, nil
	}
	msgs, _, _, err := b.api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{ChannelID: channel, Timestamp: thread, Limit: 1})
	var se slack.SlackErrorResponse
	switch {
	case errors.As(err, &se):
		// thread_not_found and the like: a parent Slack will not show is no prompt.
	case err != nil:
		return false, fmt.Errorf("conversations.replies %s/%s: %w", channel, thread, err)
	}
	for _, m := range msgs {
		if m.Timestamp != thread || !b.standupPrompt(m.BotID, m.SubType, m.User, m.Text) {
			continue
		}
		// A standup bot's post for one person is their standup: replies comment on it.
		people, err := b.store.People(ctx)
		if err != nil {
			return false, err
		}
		prompt = unblock.PostedFor(m.Username, m.Text, people) == ""
	}
	b.rememberPrompt(key, prompt)
	return prompt, nil
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

func (b *Bot) rememberPrompt(key [2]string, prompt bool) {
	b.posts.mu.Lock()
	defer b.posts.mu.Unlock()
	if b.posts.prompts == nil || len(b.posts.prompts) >= maxPostingCache {
		b.posts.prompts = map[[2]string]bool{}
	}
	b.posts.prompts[key] = prompt
}
