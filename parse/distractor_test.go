package parse

import "testing"

// TestDistractors covers blocker words used for something other than the
// author's wait, by class: code and labels, questions, chosen waits, technical
// and access-control blocking, product rules, others waiting on the author,
// talk about blockers in general.
func TestDistractors(t *testing.T) {
	for _, in := range []string{
		"added the `blocked` label to the stale issues",
		"renamed `isBlocked()` to `hasBlockers()`",
		"```\nwaitForSignal() blocks until SIGTERM\n```",
		"are we blocked on the foundation?",
		"What am I blocked on this sprint?",
		"Are you still waiting on legal?",
		"We decided to wait for the Q3 numbers before hiring",
		"we agreed that we'll wait for a security review until M3",
		"waiting a little bit to see what other projects do",
		"readlink() is blocked by the sandbox",
		"the binder badge is blocked by privacy badger",
		"we have blocked requests from that range in the past",
		"one blocked user",
		"users with an unpaid invoice are blocked from checkout",
		"the main thread blocks while the socket reads",
		"the docs team is waiting on my review",
		"Dana is waiting on me for the estimate",
		"In our retro we talked about what blocks us most often",
		"the survey asked what blockers people face",
		"Got through all nominations, we've got 29 open blockers",
		"1 mac blocker remaining, Dorian is trying to reproduce it",
		"it seems reasonable to wait for the talk before translating",
		"Heard back. No additional security approvals are required before going live.",
		"Stuck: For now nothing, though the flu shot made me stuck in bed",
		"stuck in meetings all day",
	} {
		if st, steps := Explain(in, nil); st.Blocked {
			t.Errorf("Parse(%q) = blocked on %v; want not blocked (trace %v)", in, st.Targets, steps)
		}
	}
	// The same words in a report stay blockers.
	for _, in := range []string{
		"blocked by `the API spec`",
		"still blocked on the foundation for the grant",
		"waiting for hive results to see if there are issues to fix",
		"IT talked to the ISP, still stuck",
		"2 blockers: waiting on design for the mocks and on legal for the DPA",
		"fine, still waiting on legal",
		"stuck in review with legal since Monday",
		"we're blocked until the firewall rule for the build server is approved by security",
	} {
		if st := Parse(in, nil); !st.Blocked {
			t.Errorf("Parse(%q) = not blocked; want blocked", in)
		}
	}
}
