package parse

import (
	"testing"

	"github.com/unblock-dev/unblock"
)

// TestImplicitWaits covers waits told without a blocker word, by class:
// requests that gate work, pending states, decisions made against, and
// conditions.
func TestImplicitWaits(t *testing.T) {
	tests := []struct {
		in   string
		kind unblock.TargetKind // of the first target, "" when any or none
		role unblock.Role
	}{
		{"can you send the numbers so I can finish the forecast?", unblock.TargetArtifact, unblock.RoleData},
		{"<@U024BE7LH> could you share the credentials for the reporting DB with me?", "", ""},
		{"the PR has sat in review since Tuesday", unblock.TargetArtifact, unblock.RoleEngineering},
		{"the contract is under review", "", ""},
		{"the DPA is still with procurement", "", ""},
		{"the CI runners are still broken", unblock.TargetArtifact, unblock.RoleOps},
		{"the sensors are backordered", unblock.TargetArtifact, unblock.RoleVendor},
		{"just waiting on an out of stock cabinet", unblock.TargetArtifact, unblock.RoleVendor},
		{"waiting on an out of stock cabinet from Acme", unblock.TargetExternal, unblock.RoleVendor},
		{"the ticket remains open and without a triage date", "", ""},
		{"finance vetoed the spend", unblock.TargetTeam, ""},
		{"legal rejected the new terms", unblock.TargetRole, unblock.RoleLegal},
		{"ops hasn't picked the region yet", unblock.TargetRole, unblock.RoleOps},
		{"as soon as staging is back we can test", unblock.TargetArtifact, unblock.RoleOps},
		{"the regulator hasn't responded to the filing", unblock.TargetExternal, ""},
		{"waiting on the helpdesk to reset my laptop", unblock.TargetRole, unblock.RoleOps},
		{"waiting on our partner for the API keys", unblock.TargetExternal, unblock.RoleVendor},
		{"the copy is in Cato's hands", "", ""},
		{"waiting on our legal team for the DPA", unblock.TargetRole, unblock.RoleLegal},
		{"the new subscription needs to be approved by someone else to move forward", "", ""},
		{"Need to get it approved by the steering committee first.", unblock.TargetRole, unblock.RoleLeadership},
		{"Need this PR approved", unblock.TargetArtifact, unblock.RoleEngineering},
		{"followed up again with the helpdesk on the ticket", unblock.TargetRole, unblock.RoleOps},
		{"we have been delayed as some items were not available", "", ""},
		{"the cabinet from Onecall is out of stock", unblock.TargetExternal, unblock.RoleVendor},
		{"delivery keeps getting pushed back", unblock.TargetArtifact, unblock.RoleVendor},
	}
	for _, tt := range tests {
		st, steps := Explain(tt.in, nil)
		if !st.Blocked {
			t.Errorf("Parse(%q) = not blocked; want blocked (trace %v)", tt.in, steps)
			continue
		}
		if tt.kind != "" && (len(st.Targets) == 0 || st.Targets[0].Kind != tt.kind || st.Targets[0].Role != tt.role) {
			t.Errorf("Parse(%q) targets %v; want a first target of kind %s, role %q", tt.in, st.Targets, tt.kind, tt.role)
		}
	}
	for _, in := range []string{
		"I'm in review meetings all day",
		"we rejected the vendor's first quote",
		"could you imagine shipping on a Friday?",
		"Could we move the demo to Thursday?",
		"the ticket is still open for comments until Friday if anyone has ideas",
		"the error rate is down",
		"we pushed back the launch by a week",
		"we followed the runbook again",
		"we need to fix the flaky tests",
	} {
		if st, steps := Explain(in, nil); st.Blocked {
			t.Errorf("Parse(%q) = blocked on %v; want not blocked (trace %v)", in, st.Targets, steps)
		}
	}
}
