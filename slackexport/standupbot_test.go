package slackexport_test

import (
	"testing"

	"github.com/unblock-dev/unblock/slackexport"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// A standup bot's posts are read as the standups of the people they speak for;
// its other posts, and other bots', are not.
func TestRead_StandupBotPosts(t *testing.T) {
	zip := slackexporttest.Zip(t, map[string]string{
		"users.json": `[
			{"id":"U1","name":"ana","real_name":"Ana Ruiz","profile":{"real_name":"Ana Ruiz","display_name":"ana"}},
			{"id":"U2","name":"ben","real_name":"Ben Okafor","profile":{"real_name":"Ben Okafor"}},
			{"id":"U9","name":"geekbot","is_bot":true,"profile":{"real_name":"Geekbot"}}]`,
		"channels.json": `[{"id":"C1","name":"standup","members":["U1","U2"]}]`,
		"standup/2026-11-16.json": `[
			{"type":"message","subtype":"bot_message","bot_id":"B1","username":"Geekbot","text":"It's standup time!","ts":"1794837300.000100"},
			{"type":"message","subtype":"bot_message","bot_id":"B1","username":"Ana Ruiz","text":"","ts":"1794837400.000100",
			 "attachments":[{"title":"What did you do yesterday?","text":"cart API"},{"title":"Anything blocking you?","text":"waiting on design for the checkout mocks"}]},
			{"type":"message","bot_id":"B1","username":"Geekbot","text":"<@U2> posted an update for *Daily Standup*","ts":"1794837500.000100",
			 "attachments":[{"fields":[{"title":"Blockers","value":"none"}]}]},
			{"type":"message","subtype":"bot_message","bot_id":"B2","username":"GitHub","text":"<@U1> opened PR 12: blocked on review","ts":"1794837600.000100"}
		]`,
	})
	exp, err := slackexport.Open(zip)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Messages) != 2 {
		t.Fatalf("messages = %+v, want Ana's and Ben's standups", exp.Messages)
	}
	if m := exp.Messages[0]; m.PersonID != "U1" || m.Text != "What did you do yesterday?\ncart API\nAnything blocking you?\nwaiting on design for the checkout mocks" {
		t.Errorf("first = %+v", m)
	}
	if m := exp.Messages[1]; m.PersonID != "U2" || m.Text != "<@U2> posted an update for *Daily Standup*\nBlockers\nnone" {
		t.Errorf("second = %+v", m)
	}
}
