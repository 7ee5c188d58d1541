package parse_test

import (
	"testing"

	"github.com/unblock-dev/unblock/parse"
)

// TestParseChat holds what chat is read as: a message posted outside any standup
// says a wait, an explicit none or an unnamed arrival only in so many words,
// while the same text in a standup report is read as the report's reader reads it.
func TestParseChat(t *testing.T) {
	for _, c := range []struct {
		text               string
		blocked, resolved  bool
		none               bool
		reportAboutBlocker bool // what Parse reads it as, for contrast
	}{
		// Requests, needs and conditions are what chat is made of.
		{text: "can you review it?", reportAboutBlocker: true},
		{text: "please let me know which route to take", reportAboutBlocker: false},
		{text: "need Jomo to finish the sequence diagrams", reportAboutBlocker: true},
		// Said in so many words, a wait is a wait anywhere.
		{text: "still waiting on legal for the DPA", blocked: true, reportAboutBlocker: true},
		{text: "I'm blocked on the staging env, can someone from ops look?", blocked: true, reportAboutBlocker: true},
		{text: "stuck on the testem stuff until Ana replies", blocked: true, reportAboutBlocker: true},
		// A gate on the author's own work, in so many words, is a wait in chat too.
		{text: "can you send the numbers so I can finish the forecast?", blocked: true, reportAboutBlocker: true},
		{text: "can't deploy until ops fixes staging", blocked: true, reportAboutBlocker: true},
		{text: "I need a dev release with the template work before I can finish my spike", blocked: true, reportAboutBlocker: true},
		{text: "I use nvm so I can run several versions of node", reportAboutBlocker: false},
		// An arrival that names nothing would clear every open blocker.
		{text: "it works now!", reportAboutBlocker: true},
		{text: "unblocked, thanks!", resolved: true, reportAboutBlocker: true},
		// An arrival that names what arrived resolves only the waits it names.
		{text: "got the mocks from design", resolved: true, reportAboutBlocker: true},
		// A none is a none only in blocker words.
		{text: "nah, all good", reportAboutBlocker: true},
		{text: "no blockers on my side", none: true, reportAboutBlocker: true},
	} {
		st := parse.ParseChat(c.text, nil)
		if st.Blocked != c.blocked || st.Resolved != c.resolved || st.None != c.none {
			t.Errorf("ParseChat(%q) = blocked %v resolved %v none %v; want %v %v %v", c.text, st.Blocked, st.Resolved, st.None, c.blocked, c.resolved, c.none)
		}
		if !st.AboutBlockers() && len(st.Targets) > 0 {
			t.Errorf("ParseChat(%q) says nothing about blockers but keeps targets %+v", c.text, st.Targets)
		}
		if got := parse.Parse(c.text, nil).AboutBlockers(); got != c.reportAboutBlocker {
			t.Errorf("Parse(%q) about blockers = %v; want %v (the case no longer shows what chat changes)", c.text, got, c.reportAboutBlocker)
		}
		if as := parse.ParseAs(c.text, nil, false); as.Blocked != st.Blocked || as.Resolved != st.Resolved || as.None != st.None {
			t.Errorf("ParseAs(%q, chat) = %+v; want ParseChat's %+v", c.text, as, st)
		}
	}
}

// TestChatRelayedWaits checks that a message telling only other people's
// waits says nothing of the author's in chat, with the JSON contract's empty
// target list: "Jonah's been waiting on Ravi …, and Ravi says he needs …",
// "Aditi can't rotate the cert until Jonah ships the build".
func TestChatRelayedWaits(t *testing.T) {
	for _, in := range []string{
		"Jonah's been waiting on Ravi for the consent copy for a week now, and Ravi says he needs Aditi's audit logs. Can we get the three of them in a room?",
		"Looks like a loop: Aditi can't rotate the cert until Jonah ships the pinning build. I'll set up 15 min tomorrow.",
		"The mobile team is waiting on us for the consent copy: Ravi has it, but he needs Aditi's audit log export first.",
	} {
		st := parse.ParseChat(in, nil)
		if st.AboutBlockers() || st.Targets == nil || len(st.Targets) != 0 {
			t.Errorf("ParseChat(%q) = %+v; want nothing of the author's, targets []", in, st)
		}
	}
}
