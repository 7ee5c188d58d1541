package unblock_test

import (
	"testing"

	"github.com/unblock-dev/unblock"
)

// A bot's post is a call for standups only when its first line names a standup
// and reports nothing else: "daily" alone names how often, not a standup.
func TestStandupPrompt(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Daily standup :sunrise: reply in this thread", true},
		{"Reminder: post your stand-up notes here.", true},
		{"*Time for the scrum!* What did you do yesterday?", true},
		{"Team check-in: how is your week going?", true},
		{"It's standup time, <!here>\nWhat are you working on?", true},
		{"Daily build report: main is green", false},
		{"Daily digest from Jira: 4 issues updated", false},
		{"Daily", false},
		{"Good morning! Daily reminder to drink water", false},
		{"Nightly build #1234 failed on main", false},
		{"CI: standup-service tests passed", false},
		{"Standup summary for #eng-standup (5 of 6 answered)", false},
		// unblock's own team summary and public reminder, as an import reads them
		{"*checkout standup, 2026-11-16* — 1 answered, 0 away or skipping, 2 still to answer\n:construction: Ana", false},
		{"<@U0ANA0001>, the *checkout* standup is open until 13:30 CET.", true},
		{"Geekbot: daily standup report for Ana Ruiz", false},
		{"Deploy of standup-bot succeeded", false},
		{"Weekly metrics\nreply with your standup", false}, // the first line decides
		{"", false},
	}
	for _, tt := range tests {
		if got := unblock.StandupPrompt(tt.in); got != tt.want {
			t.Errorf("StandupPrompt(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

// Where a message was posted makes it a standup report, for the live bot and the
// import alike.
func TestPostingStandup(t *testing.T) {
	tests := []struct {
		in   unblock.Posting
		want bool
	}{
		{unblock.Posting{}, false},
		{unblock.Posting{DM: true}, true},
		{unblock.Posting{StandupBot: true}, true},
		{unblock.Posting{PromptThread: true}, true},
		{unblock.Posting{TeamChannel: true}, true},
		{unblock.Posting{ChannelName: "eng-standup"}, true},
		{unblock.Posting{ChannelName: "design-dailies"}, true},
		{unblock.Posting{ChannelName: "general"}, false},
		{unblock.Posting{ChannelName: "build-reports"}, false},
		// A reply under another's post is chat wherever it was posted ...
		{unblock.Posting{TeamChannel: true, ReplyToOther: true}, false},
		{unblock.Posting{ChannelName: "eng-standup", ReplyToOther: true}, false},
		{unblock.Posting{ChannelName: "general", ReplyToOther: true}, false},
		{unblock.Posting{ReplyToOther: true}, false},
		// ... but for a reply to a standup prompt, in the bot's DM, on a
		// standup bot's post, or told to the bot.
		{unblock.Posting{TeamChannel: true, ReplyToOther: true, PromptThread: true}, true},
		{unblock.Posting{DM: true, ReplyToOther: true}, true},
		{unblock.Posting{StandupBot: true, ReplyToOther: true}, true},
		{unblock.Posting{TeamChannel: true, ReplyToOther: true, Mention: true}, true},
		{unblock.Posting{ChannelName: "eng-standup", ReplyToOther: true, Mention: true}, true},
		// Told to the bot outside any standup place is no standup report.
		{unblock.Posting{ChannelName: "general", Mention: true}, false},
		{unblock.Posting{ReplyToOther: true, Mention: true}, false},
		// A reply also sent to the channel is read as a post there: a
		// standup report in a standup or team channel, chat elsewhere, an
		// answer in a call for standups' thread.
		{unblock.Posting{TeamChannel: true, ReplyToOther: true, Broadcast: true}, true},
		{unblock.Posting{ChannelName: "eng-standup", ReplyToOther: true, Broadcast: true}, true},
		{unblock.Posting{ChannelName: "eng-standup", Broadcast: true}, true},
		{unblock.Posting{ChannelName: "general", ReplyToOther: true, Broadcast: true}, false},
		{unblock.Posting{ChannelName: "general", ReplyToOther: true, PromptThread: true, Broadcast: true}, true},
	}
	for _, tt := range tests {
		if got := tt.in.Standup(); got != tt.want {
			t.Errorf("%+v.Standup() = %v; want %v", tt.in, got, tt.want)
		}
	}
}
