package unblock_test

import (
	"testing"

	"github.com/unblock-dev/unblock"
)

func TestPostedFor(t *testing.T) {
	people := []unblock.Person{
		{ID: "U1", Name: "ana", RealName: "Ana Ruiz"},
		{ID: "U2", Name: "ben", RealName: "Ben Okafor"},
		{ID: "U3", Name: "sam", RealName: "Sam Berg"},
		{ID: "U4", Name: "sam.k", RealName: "Sam Berg"},
		{ID: "B1", Name: "geekbot", RealName: "Geekbot", IsBot: true},
		// People who left: a bot's posts for them are theirs while no
		// current person has the name.
		{ID: "U5", Name: "lucas", RealName: "Lucas Moreau", Deleted: true},
		{ID: "U6", Name: "ana.r", RealName: "Ana Ruiz", Deleted: true},
		{ID: "U7", Name: "lee", RealName: "Lee Park", Deleted: true},
		{ID: "U8", Name: "lee.p", RealName: "Lee Park", Deleted: true},
		{ID: "U9", Name: "ben.o", RealName: "Ben Okafor Jr", Deleted: true},
	}
	tests := []struct {
		username, text, want string
	}{
		{"Ana Ruiz", "", "U1"},
		{"ben", "", "U2"},
		{"", "*<@U2> posted an update for Daily Standup*", "U2"},
		{"Geekbot", "<@U1> posted an update for *Daily*\nmore", "U1"},
		{"Sam Berg", "", ""},                          // two people share the name
		{"Geekbot", "", ""},                           // the bot itself
		{"GitHub", "<@U1> opened a pull request", ""}, // a mention, but not a standup
		{"Deploy bot", "deployed to prod", ""},
		{"Geekbot", "*Ana Ruiz* posted an update for *Daily Standup*", "U1"}, // the name, bold, opens the line
		{"Standuply", "Ben Okafor's standup report", "U2"},
		{"Geekbot", "ben posted an update", "U2"},
		{"Geekbot", "*Sam Berg* posted an update", ""},       // two people share the name
		{"Geekbot", "Anastasia posted an update", ""},        // a longer word, not Ana's name
		{"Geekbot", "Ana Ruiz opened a pull request", ""},    // her name, but no standup
		{"Geekbot", "Standup reminder: Ana Ruiz posted", ""}, // not at the start
		// A workflow's form posted to a channel names its submitter at the end.
		{"Workflow", "*Daily standup* from <@U1>", "U1"},
		{"Workflow", "Check-in submitted by <@U2>:", "U2"},
		{"Workflow", "New stand-up responses from *Ana Ruiz*", "U1"},
		{"Workflow", "Daily standup from Sam Berg", ""},        // two people share the name
		{"Workflow", "Daily standup from <@U1> and <@U2>", ""}, // two people
		{"GitHub", "Review requested from <@U1>", ""},          // a mention after "from", no standup
		{"Bugs", "New bug report from <@U1>", ""},              // a report, but no standup
		{"Bugs", "<@U1> filed a bug report", ""},               // a report, but no standup
		{"Workflow", "Standup report from <@U2>", "U2"},
		{"Workflow", "Standup from <@U1> — blocked on legal", ""},     // the mention does not end the line
		{"Reminders", "Daily standup reminder from <@U2> is due", ""}, // not at the end
		// A departed person's standups, in an export taken after they left.
		{"Geekbot", "*Lucas Moreau* posted an update for *Daily Standup*", "U5"},
		{"Lucas Moreau", "", "U5"},
		{"Workflow", "Daily standup from *lucas*", "U5"},
		{"Geekbot", "<@U5> posted an update", "U5"},
		{"Geekbot", "*Ana Ruiz* posted an update", "U1"},           // a current person's name is theirs
		{"Ana Ruiz", "", "U1"},                                     // likewise as the username
		{"Geekbot", "ana.r posted an update", "U6"},                // a name only the departed one has
		{"Geekbot", "Ben Okafor Jr posted an update", "U9"},        // the longer name wins
		{"Geekbot", "*Lee Park* posted an update", ""},             // two who left share the name
		{"Lee Park", "", ""},                                       // likewise as the username
		{"Geekbot", "*Sam Berg* posted an update for *Daily*", ""}, // still two current people
	}
	for _, tt := range tests {
		if got := unblock.PostedFor(tt.username, tt.text, people); got != tt.want {
			t.Errorf("PostedFor(%q, %q) = %q; want %q", tt.username, tt.text, got, tt.want)
		}
	}
}

func TestStandupPostText(t *testing.T) {
	got := unblock.StandupPostText("Ana posted an update", []unblock.AttachmentText{
		{Title: "What did you do yesterday?", Text: "cart API"},
		{Title: "Anything blocking you?", Text: "waiting on design for the mocks"},
		{Fields: [][2]string{{"Mood", "ok"}}},
	})
	want := "Ana posted an update\nWhat did you do yesterday?\ncart API\nAnything blocking you?\nwaiting on design for the mocks\nMood\nok"
	if got != want {
		t.Fatalf("StandupPostText = %q; want %q", got, want)
	}
}
