package slackexport_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackexport"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// A reply in the thread of another's post is marked (RepliesToOthers), by the
// parent the export holds or else by the reply's parent_user_id: not a reply
// under one's own post, a standup prompt, a standup bot's post for the replier
// or a bot's post the export does not hold; a reply under a standup bot's post
// for someone else is, and so is one under another bot's post that speaks for
// no one.
func TestRead_RepliesToOthers(t *testing.T) {
	zip := slackexporttest.Zip(t, map[string]string{
		"users.json": `[
			{"id":"U1","name":"ana","real_name":"Ana Ruiz","profile":{"real_name":"Ana Ruiz"}},
			{"id":"U2","name":"ben","real_name":"Ben Okafor","profile":{"real_name":"Ben Okafor"}},
			{"id":"U9","name":"geekbot","is_bot":true,"profile":{"real_name":"Geekbot"}},
			{"id":"USLACKBOT","name":"slackbot","profile":{"real_name":"Slackbot"}}]`,
		"channels.json": `[{"id":"C1","name":"standup","members":["U1","U2"]}]`,
		"standup/2026-11-16.json": `[
			{"type":"message","user":"U1","text":"Y: cart API\nT: checkout page","ts":"1794837300.000100","thread_ts":"1794837300.000100","reply_count":2},
			{"type":"message","user":"U2","text":"I can pair on that after lunch","ts":"1794837301.000100","thread_ts":"1794837300.000100"},
			{"type":"message","user":"U1","text":"thanks!","ts":"1794837302.000100","thread_ts":"1794837300.000100","parent_user_id":"U1"},
			{"type":"message","subtype":"bot_message","bot_id":"B1","username":"Geekbot","text":"Daily standup: reply in this thread","ts":"1794837400.000100"},
			{"type":"message","user":"U2","text":"working on the onboarding flow","ts":"1794837401.000100","thread_ts":"1794837400.000100","parent_user_id":"U9"},
			{"type":"message","subtype":"bot_message","bot_id":"B1","username":"Ana Ruiz","text":"Y: cart API","ts":"1794837500.000100"},
			{"type":"message","user":"U1","text":"and the payment form","ts":"1794837501.000100","thread_ts":"1794837500.000100","parent_user_id":"U9"},
			{"type":"message","user":"U2","text":"nice","ts":"1794837502.000100","thread_ts":"1794837500.000100","parent_user_id":"U9"},
			{"type":"message","subtype":"bot_message","bot_id":"B2","username":"GitHub","text":"PR 12 merged","ts":"1794837600.000100"},
			{"type":"message","user":"U2","text":"did you try restarting it?","ts":"1794837601.000100","thread_ts":"1794837600.000100"},
			{"type":"message","subtype":"tombstone","user":"USLACKBOT","text":"This message was deleted.","ts":"1794837700.000100","thread_ts":"1794837700.000100","reply_count":1},
			{"type":"message","user":"U2","text":"agreed","ts":"1794837701.000100","thread_ts":"1794837700.000100","parent_user_id":"U1"},
			{"type":"message","user":"U1","text":"a reply whose parent is in an earlier export","ts":"1794837801.000100","thread_ts":"1794837800.000100","parent_user_id":"U2"},
			{"type":"message","user":"U1","text":"under a bot's post the export does not hold","ts":"1794837901.000100","thread_ts":"1794837900.000100","parent_user_id":"U9"}
		]`,
	})
	exp, err := slackexport.Open(zip)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range exp.Messages {
		if exp.RepliesToOthers[[2]string{m.Channel, m.TS}] {
			got = append(got, m.Text)
		}
	}
	want := []string{"I can pair on that after lunch", "nice", "did you try restarting it?", "agreed", "a reply whose parent is in an earlier export"}
	if !slices.Equal(got, want) {
		t.Errorf("replies to others = %q, want %q", got, want)
	}
	// The reply to the prompt stays a standup answer.
	for _, m := range exp.Messages {
		if strings.HasPrefix(m.Text, "working on") && !m.Standup {
			t.Errorf("the reply to the standup prompt is no standup report: %+v", m)
		}
	}
}

// Whether a reply is one in the thread of another's post
// (Export.RepliesToOthers), by what the export says of the reply and of the
// post it is under.
func TestRead_ReplyToOtherTable(t *testing.T) {
	const (
		person = `{"type":"message","user":"U1","text":"Y: cart API\nT: checkout page","ts":"1794837300.000100","thread_ts":"1794837300.000100","reply_count":1}`
		reply  = `"type":"message","user":"U2","text":"I can pair on that after lunch","ts":"1794837301.000100","thread_ts":"1794837300.000100"`
	)
	tests := []struct {
		name   string
		parent string // the thread's parent, "" when the export does not hold it
		reply  string // the reply's fields but for those of the reply const
		want   bool
	}{
		{"UnderAnothersPost", person, ``, true},
		{"UnderOwnPost", person, `,"user":"U1"`, false},
		// A reply also sent to the channel is read as a post there.
		{"BroadcastUnderAnothersPost", person, `,"subtype":"thread_broadcast"`, false},
		{"ReplyBroadcastUnderAnothersPost", person, `,"subtype":"reply_broadcast"`, false},
		{"BroadcastUnderPostNotHeld", ``, `,"subtype":"thread_broadcast","parent_user_id":"U1"`, false},
		{"UnderPostNotHeld", ``, `,"parent_user_id":"U1"`, true},
		// A bot's post that speaks for no one is no one's: a reply under it is
		// chat, but under a call for standups.
		{"UnderBuildReport", `{"type":"message","subtype":"bot_message","bot_id":"B2","username":"CI","text":"Nightly build #12 passed","ts":"1794837300.000100"}`, ``, true},
		{"UnderBotUsersPost", `{"type":"message","user":"U9","bot_id":"B9","text":"Weekly blockers 9–15 Nov","ts":"1794837300.000100"}`, ``, true},
		{"UnderUnblocksSummary", `{"type":"message","user":"U9","bot_id":"B9","text":"*checkout standup, 2026-11-16* — 1 answered, 0 away or skipping, 2 still to answer","ts":"1794837300.000100"}`, ``, true},
		{"UnderUnblocksReminder", `{"type":"message","user":"U9","bot_id":"B9","text":"<@U2>, the *checkout* standup is open until 13:30 CET.","ts":"1794837300.000100"}`, ``, false},
		// unblock's posts carry their effect's key in their metadata: it tells a
		// reminder from a summary whatever their words, and another app's
		// metadata leaves it to the first line.
		{"UnderUnblocksRewordedReminder", `{"type":"message","user":"U9","bot_id":"B9","text":"Not answered yet? The *checkout* standup is open until 13:30 CET.","ts":"1794837300.000100",
			"metadata":{"event_type":"unblock_effect","event_payload":{"key":"reminder:checkout:U2:2026-11-16"}}}`, ``, false},
		{"UnderUnblocksPrompt", `{"type":"message","user":"U9","bot_id":"B9","text":"Good morning! What are you blocked on today?","ts":"1794837300.000100",
			"metadata":{"event_type":"unblock_effect","event_payload":{"key":"prompt:checkout:U2:2026-11-16"}}}`, ``, false},
		{"UnderUnblocksRewordedSummary", `{"type":"message","user":"U9","bot_id":"B9","text":"*checkout standup*: reply in this thread","ts":"1794837300.000100",
			"metadata":{"event_type":"unblock_effect","event_payload":{"key":"summary:checkout:2026-11-16"}}}`, ``, true},
		{"UnderAnotherAppsMetadata", `{"type":"message","subtype":"bot_message","bot_id":"B1","text":"Daily standup: reply in this thread","ts":"1794837300.000100",
			"metadata":{"event_type":"standup_opened","event_payload":{"key":7,"team":{"id":"T1"}}}}`, ``, false},
		{"UnderAPrompt", `{"type":"message","subtype":"bot_message","bot_id":"B1","text":"Daily standup: reply in this thread","ts":"1794837300.000100"}`, ``, false},
		{"UnderStandupBotPostForReplier", `{"type":"message","subtype":"bot_message","bot_id":"B1","username":"Ben Okafor","text":"Y: cart API","ts":"1794837300.000100"}`, ``, false},
		{"UnderStandupBotPostForAnother", `{"type":"message","subtype":"bot_message","bot_id":"B1","username":"Ana Ruiz","text":"Y: cart API","ts":"1794837300.000100"}`, ``, true},
		{"UnderBotPostNotHeld", ``, `,"parent_user_id":"U9"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := replyToOther(t, tt.parent, "{"+reply+tt.reply+"}"); got != tt.want {
				t.Errorf("reply %s under %s: replies to others = %v, want %v", tt.reply, tt.parent, got, tt.want)
			}
		})
	}
}

// replyToOther reads an export of parent (when not "") and reply in #standup
// and reports whether the reply is listed in RepliesToOthers.
func replyToOther(t *testing.T, parent, reply string) bool {
	t.Helper()
	msgs := reply
	if parent != "" {
		msgs = parent + "," + reply
	}
	exp, err := slackexport.Open(slackexporttest.Zip(t, map[string]string{
		"users.json": `[
			{"id":"U1","name":"ana","real_name":"Ana Ruiz","profile":{"real_name":"Ana Ruiz"}},
			{"id":"U2","name":"ben","real_name":"Ben Okafor","profile":{"real_name":"Ben Okafor"}},
			{"id":"U9","name":"geekbot","is_bot":true,"profile":{"real_name":"Geekbot"}}]`,
		"channels.json":           `[{"id":"C1","name":"standup","members":["U1","U2"]}]`,
		"standup/2026-11-16.json": "[" + msgs + "]",
	}))
	if err != nil {
		t.Fatal(err)
	}
	var replies []unblock.Report
	for _, m := range exp.Messages {
		if m.ThreadTS != "" && m.ThreadTS != m.TS {
			replies = append(replies, m)
		}
	}
	if len(replies) != 1 {
		t.Fatalf("replies read = %+v, want one", replies)
	}
	return exp.RepliesToOthers[[2]string{"C1", replies[0].TS}]
}
