package parse_test

import (
	"reflect"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
)

// A reply in the thread of another's post is chat in a standup channel too,
// unless its own shape makes it a standup report; ParseStandup reads it so.
func TestStandupReportReplyToOther(t *testing.T) {
	team := unblock.Posting{TeamChannel: true}
	other := unblock.Posting{TeamChannel: true, ReplyToOther: true}
	named := unblock.Posting{ChannelName: "eng-standup", ReplyToOther: true}
	tests := []struct {
		p    unblock.Posting
		text string
		want bool
	}{
		{team, "need design to sign off on the mocks", true},
		{other, "need design to sign off on the mocks", false},
		{named, "I can pair on that after lunch", false},
		{other, "Yesterday: cart API\nToday: checkout page", true},
		{named, "Blockers: waiting on legal for the DPA", true},
		{unblock.Posting{TeamChannel: true, ReplyToOther: true, PromptThread: true}, "working on the onboarding flow", true},
	}
	for _, tt := range tests {
		if got := parse.StandupReport(tt.p, tt.text); got != tt.want {
			t.Errorf("StandupReport(%+v, %q) = %v; want %v", tt.p, tt.text, got, tt.want)
		}
		st, got := parse.ParseStandup(tt.text, nil, tt.p)
		if got != tt.want {
			t.Errorf("ParseStandup(%q, %+v) standup = %v; want %v", tt.text, tt.p, got, tt.want)
		}
		if want := parse.ParseAs(tt.text, nil, tt.want); !reflect.DeepEqual(st, want) {
			t.Errorf("ParseStandup(%q, %+v) = %+v; want %+v", tt.text, tt.p, st, want)
		}
	}
	// Read as chat, the reply's implicit wait is nothing; read as the
	// replier's own post in the channel, it is a wait.
	if st, _ := parse.ParseStandup("need design to sign off on the mocks", nil, other); st.Blocked {
		t.Errorf("a reply under another's post was read as a wait: %+v", st)
	}
	if st, _ := parse.ParseStandup("need design to sign off on the mocks", nil, team); !st.Blocked {
		t.Errorf("a post in the team channel was not read as a wait: %+v", st)
	}
}
