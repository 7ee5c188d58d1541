package parse

import "testing"

// TestArrivals covers arrivals that resolve, told in many ways, and look-alikes
// that do not: active reports of what others did, conditions, plans, denials.
func TestArrivals(t *testing.T) {
	tests := []struct {
		in       string
		resolved bool
	}{
		{"budget approved", true},
		{"Contract signed on Tuesday", true},
		{"The grant has been officially approved.", true},
		{"Approved by the steering committee on Monday", true},
		{"IRB approval has been obtained.", true},
		{"we got the green light", true},
		{"QA passed", true},
		{"all tests pass now", true},
		{"We passed the security review.", true},
		{"received the logo files from the agency", true},
		{"turned out to be a config flag, sorted", true},
		{"Arlo helped me get the staging deploy working", true},
		{"got the importer working with Theo's help", true},
		{"access granted, finally", true},
		{"no more waiting for new nodes!!", true},
		{"Actually I just got the translations back!", true},
		{"Arrived. Closing.", true},
		{"Bart approved the install on the apps server.", true},
		{"Brand has provided us with direction", true},
		// A wait told in a relative clause whose thing then came.
		{"all the bits I had been waiting for were available", true},
		{"the fix we were waiting for landed yesterday", true},
		{"the PR I was waiting on got merged", true},
		{"the fix we were waiting for is still not ready", false},
		{"Yesterday we were waiting for approved designs", false},
		{"we are waiting for available slots", false},
		{"if the fix we are waiting for lands, we ship", false},
		// A party the lexicon does not know, named by an acronym, a given name or a mention.
		{"NYU IRB has approved the survey.", true},
		{"Mira has approved the mocks", true},
		{"<@U0CAT> has approved the contract", true},
		{"we shipped the mocks that Mira approved", false},
		{"The security review for the add-on was completed.", true},
		{"We finished the migration", false},
		{"Hi there, you've been unblocked. sorry for the inconvenience!", false},
		{"your PRs will no longer be blocked by the CLA bot", false},
		{"deployment still broken on the old host, but I can continue by using the new host", false},
		{"the VPN is working again", true},
		{"Merging works fine now.", true},
		{"was blocked on the schema for a week but can now work on this", true},
		{"I'm working again on the exporter", false},
		{"I can work on the docs tomorrow", false},
		// Not the author's resolution.
		{"my fix unblocked the mobile team", false},
		{"The council approved three new members", false},
		{"within the budget that Rolf approved last week", false},
		{"once the legal approval is received we can ship", false},
		{"the remaining sign-offs are still to be received", false},
		{"No explicit approval granted yet.", false},
		{"if the budget is approved we start in May", false},
		{"Will the budget be approved?", false},
		{"helped Ines out with the weekly component", false},
		{"passed the ticket on to design", false},
		{"Content complete.", false},
	}
	for _, tt := range tests {
		st, steps := Explain(tt.in, nil)
		if st.Resolved != tt.resolved {
			t.Errorf("Parse(%q).Resolved = %v; want %v (trace %v)", tt.in, st.Resolved, tt.resolved, steps)
		}
	}
}

// TestArrivalNamesAccess holds that an arrival of an access the lexicon does
// not know as a thing still names it, so that it clears the waits on that
// access and not every open blocker of its author.
func TestArrivalNamesAccess(t *testing.T) {
	tests := []struct{ in, target string }{
		{"My account was unlocked.", "account"},
		{"My account is set up now.", "account"},
		{"Our VPN profile has been set up.", "VPN profile"},
	}
	for _, tt := range tests {
		st := Parse(tt.in, nil)
		if !st.Resolved || len(st.Targets) != 1 || st.Targets[0].Name != tt.target {
			t.Errorf("Parse(%q) = resolved %v, targets %v; want resolved with the one target %q", tt.in, st.Resolved, st.Targets, tt.target)
		}
	}
}
