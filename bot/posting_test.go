package bot

import (
	"testing"

	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock/slackemu"
)

// What the standup rule asks of a thread's parent post, and whether a reply
// under it is one under another's post (unblock.Posting.ReplyToOther): a bot's
// post that speaks for no one is no one's, ours among them, and only a call for
// standups (another bot's prompt, our own prompt or reminder) makes replies
// answers.
func TestParentPost(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	own := func(key string) slack.SlackMetadata {
		return slack.SlackMetadata{EventType: metadataEvent, EventPayload: map[string]any{"key": key}}
	}
	tests := []struct {
		name       string
		in         slack.Message
		wantPrompt bool
		wantOther  bool // a reply by dana under it is one under another's post
	}{
		{"PersonsPost", parentMsg(slack.Msg{User: ana, Text: "Y: cart API"}), false, true},
		{"RepliersOwnPost", parentMsg(slack.Msg{User: dana, Text: "Y: cart API"}), false, false},
		{"StandupBotForAnother", parentMsg(slack.Msg{BotID: "B0GEEK", SubType: "bot_message", Text: "<@" + ana + "> posted an update for Daily Standup"}), false, true},
		{"StandupBotForReplier", parentMsg(slack.Msg{BotID: "B0GEEK", SubType: "bot_message", Text: "<@" + dana + "> posted an update for Daily Standup"}), false, false},
		{"BuildReport", parentMsg(slack.Msg{BotID: "B0CI", SubType: "bot_message", Text: "Nightly build #12 passed on main"}), false, true},
		{"AnotherBotsPrompt", parentMsg(slack.Msg{BotID: "B0GEEK", SubType: "bot_message", Text: "Daily standup :sunrise: reply in this thread"}), true, true},
		{"SlackbotReminder", parentMsg(slack.Msg{User: slackbotID, Text: "Reminder: post your stand-up notes here."}), true, true},
		{"OurPrompt", parentMsg(slack.Msg{User: slackemu.BotUserID, BotID: slackemu.BotID, Text: "Good morning!", Metadata: own(promptKey("checkout", dana, "2026-11-16"))}), true, true},
		{"OurReminder", parentMsg(slack.Msg{User: slackemu.BotUserID, BotID: slackemu.BotID, Text: "<@" + dana + ">, the *checkout* standup is open until 13:30 CET.", Metadata: own(reminderKey("checkout", dana, "2026-11-16"))}), true, true},
		{"OurSummary", parentMsg(slack.Msg{User: slackemu.BotUserID, BotID: slackemu.BotID, Text: "*checkout standup, 2026-11-16* — 1 answered", Metadata: own("summary:1794837300000000000.1")}), false, true},
		{"OurDigest", parentMsg(slack.Msg{User: slackemu.BotUserID, BotID: slackemu.BotID, Text: "Weekly blockers", Metadata: own("digest:weekly:C1:2026-11-16")}), false, true},
		{"OurPostWithoutMetadata", parentMsg(slack.Msg{User: slackemu.BotUserID, BotID: slackemu.BotID, Text: "<@" + dana + ">, the *checkout* standup is open until 13:30 CET."}), false, true},
		{"AnotherAppsMetadata", parentMsg(slack.Msg{BotID: "B0CI", SubType: "bot_message", Text: "Deploy done", Metadata: slack.SlackMetadata{EventType: "deploy", EventPayload: map[string]any{"key": "prompt:x"}}}), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp, err := h.bot.parentPost(h.ctx, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if tp.prompt != tt.wantPrompt || tp.replyToOther(dana) != tt.wantOther {
				t.Errorf("parentPost(%+v) = %+v: prompt %v, reply to other %v; want %v, %v", tt.in.Msg, tp, tp.prompt, tp.replyToOther(dana), tt.wantPrompt, tt.wantOther)
			}
		})
	}
}

// A parent whose poster is not known (Slack no longer shows it, and the event
// names no person) is no one's: a reply under it is not taken as one under
// another's post.
func TestThreadParentReplyToOther(t *testing.T) {
	tests := []struct {
		in   threadParent
		user string
		want bool
	}{
		{threadParent{}, dana, false},
		{threadParent{author: dana}, dana, false},
		{threadParent{author: ana}, dana, true},
		{threadParent{noOne: true}, dana, true},
		{threadParent{noOne: true, prompt: true}, dana, true}, // PromptThread makes it an answer
	}
	for _, tt := range tests {
		if got := tt.in.replyToOther(tt.user); got != tt.want {
			t.Errorf("%+v.replyToOther(%s) = %v; want %v", tt.in, tt.user, got, tt.want)
		}
	}
}

func parentMsg(m slack.Msg) slack.Message { return slack.Message{Msg: m} }
