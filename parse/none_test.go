package parse

import "testing"

// TestNone covers explicit "no blockers" in its many forms, beside a
// resolution or a remark, and remarks that use a blocking word in another sense.
func TestNone(t *testing.T) {
	tests := []struct {
		in                      string
		blocked, resolved, none bool
	}{
		{"Cart API is merged so I'm unblocked. No blockers today", false, true, true},
		{"B: none, but next week is busy", false, false, true},
		{"Blockers: none, but the offsite eats Thursday", false, false, true},
		{"*Blockers* none", false, false, true},
		{"*Blockers*\nnone", false, false, true},
		{"**Blockers** none", false, false, true},
		{"_Blockers_ None.", false, false, true},
		{"*Impediments* nothing", false, false, true},
		{"*Blockers* none :tada:", false, false, true},
		{"*Blockers* waiting on legal", true, false, false},
		{"Completed\nBuilt the search bar\nNext\nListing UI\nBlocked\nNone", false, false, true},
		{"Done\nmigrated search\nBlocked\nN/A", false, false, true},
		{"Done\nmigrated search\nBlocked\nwaiting on ops for the VPN", true, false, false},
		{"Done\nmigrated search\nBlocked", true, false, false},
		{"*Yesterday:* wrote tests for the retry logic\n*Today:* the audit log\n*Blockers* none", false, false, true},
		{"*Yesterday:* wrote tests\n*Today:* the audit log\n*Blockers* waiting on legal", true, false, false},
		{"*Blockers:*\n• none", false, false, true},
		{":no_entry: *Blockers*\nnone", false, false, true},
		{":octagonal_sign: Blockers\nNope", false, false, true},
		{"Blockers: :x: nope", false, false, true},
		{":x: nope", false, false, true},
		{"nothing blocking", false, false, true},
		{"Nothing blocking me this week.", false, false, true},
		{"Blockers: not currently", false, false, true},
		{"any blockers? not at the moment", false, false, true},
		{"Any blockers?\nNot at the moment", false, false, true},
		{"no blockers, all green", false, false, true},
		{"Shipped the importer. No blockers, all green.", false, false, true},
		{"Y: shipped the cart\nT: tests\nB: none, I blocked off Friday afternoon for focus time", false, false, true},
		{"No blockers. Booking time with design next week to block out the roadmap", false, false, true},
		{"Blockers: none. My calendar is blocked off Thursday for the offsite", false, false, true},
		{"No blockers today; I have blocked out two hours for the migration", false, false, true},
		{"*Blockers*\n* Although not a blocker, it would be nice if the IPC refactor (bhyve) was merged", false, false, true},
		{"the build breaks your focus while waiting", false, false, false},
		{"the shutdown leak is small, not a landing blocker", false, false, false},
		{"Design review shouldn't be a blocker, so I'll merge after 48 hours", false, false, false},
		// A none never hides a blocker stated in the Blockers section itself.
		{"Blockers: none from design, but still waiting on legal for the DPA", true, false, false},
		// A blocker told in an earlier section (Yesterday) is past beside "B: none";
		// a later section that states a new one makes the report blocked, not none.
		{"Y: was blocked on design for a bit, shipped it\nT: tests\nB: none", false, false, true},
		{"B: none\nNotes: just heard I'm waiting on legal for the DPA", true, false, false},
		// A remark without a none stays what it was.
		{"Blocked on design for the checkout mocks", true, false, false},
		{"blocked off my calendar for the offsite", false, false, false},
	}
	for _, tt := range tests {
		st := Parse(tt.in, nil)
		if st.Blocked != tt.blocked || st.Resolved != tt.resolved || st.None != tt.none {
			t.Errorf("Parse(%q) = blocked %v resolved %v none %v (targets %v, topic %q); want %v %v %v",
				tt.in, st.Blocked, st.Resolved, st.None, st.Targets, st.Topic, tt.blocked, tt.resolved, tt.none)
		}
		if st.None && st.Blocked {
			t.Errorf("Parse(%q): none and blocked together", tt.in)
		}
	}
}

func TestCalendarSense(t *testing.T) {
	for _, in := range []string{
		"blocked off Friday for focus time",
		"I blocked out two hours tomorrow for the migration",
		"my calendar is blocked all Thursday",
		"time blocked for deep work",
		"Blockers: none. Calendar blocked Thursday for the offsite",
	} {
		if st := Parse(in, nil); st.Blocked {
			t.Errorf("Parse(%q) = blocked on %v (topic %q); want not blocked: time is booked", in, st.Targets, st.Topic)
		}
	}
	for _, in := range []string{"blocked on design for the mocks", "still blocked by the flaky staging env"} {
		if st := Parse(in, nil); !st.Blocked {
			t.Errorf("Parse(%q) = not blocked; want blocked", in)
		}
	}
}
