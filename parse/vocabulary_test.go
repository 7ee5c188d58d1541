package parse

import (
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
)

// devSets returns the labelled dev sets (never the test sets, test_*.jsonl).
func devSets(t *testing.T) []string {
	t.Helper()
	out, err := DevSetFiles("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRolesFromVocabulary checks that every role the parser reports is in the
// role vocabulary (roles.txt) or unknown: no raw word becomes a role.
func TestRolesFromVocabulary(t *testing.T) {
	vocab := unblock.DefaultVocabulary()
	for _, path := range devSets(t) {
		for _, l := range readLabelled(t, path) {
			st := Parse(l.Text, nil)
			for _, tg := range st.Targets {
				if tg.Role != unblock.RoleUnknown && !vocab.Has(tg.Role) {
					t.Errorf("%s %s: Parse(%q) has target %+v whose role is not in the vocabulary", path, l.ID, l.Text, tg)
				}
			}
		}
	}
}

func TestRoleWords(t *testing.T) {
	tests := []struct {
		in   string
		want unblock.Role
	}{
		{"waiting on eng for the estimate", unblock.RoleEngineering},
		{"blocked on the data team for the churn numbers", unblock.RoleData},
		{"waiting on the lawyers for the DPA", unblock.RoleLegal},
		{"still waiting on the helpdesk to reset my laptop", unblock.RoleOps},
		{"blocked until the infra team opens the port", unblock.RoleOps},
		{"waiting on the steering committee to approve the plan", unblock.RoleLeadership},
		{"still blocked at board level", unblock.RoleLeadership},
		{"patch waiting for releng to land", unblock.RoleOps},
	}
	for _, tt := range tests {
		st := Parse(tt.in, nil)
		if !st.Blocked || len(st.Targets) == 0 || st.Targets[0].Role != tt.want {
			t.Errorf("Parse(%q) = %+v; want blocked on a target of role %q", tt.in, st, tt.want)
		}
	}
}

func TestConfiguredRoleWord(t *testing.T) {
	lex := NewLexicon()
	lex.AddRoleWords("finance", "finance", "FP&A")
	st := Parse("waiting on FP&A to sign off the budget", lex)
	if !st.Blocked || len(st.Targets) == 0 || st.Targets[0].Role != "finance" || !strings.EqualFold(st.Targets[0].Name, "FP&A") {
		t.Errorf("Parse = %+v; want blocked on FP&A (finance)", st)
	}
}

func TestToolBoardIsNoLeadership(t *testing.T) {
	st := Parse("blocked: the Jira board is down", nil)
	for _, tg := range st.Targets {
		if tg.Role == unblock.RoleLeadership {
			t.Errorf("Parse = %+v: a Jira board is a tool, not the board of directors", st)
		}
	}
}
