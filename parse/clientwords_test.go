package parse

import (
	"testing"

	"github.com/unblock-dev/unblock"
)

// TestClientWords reads reports that name a company's own clients and
// suppliers (a lexicon file's external lines) where the client is not whom
// the author waits on: its office is the client ("Halden's IT"), what is
// the client's is a thing asked of someone else ("Brixworth's SAML
// metadata"), and a message that opens with "Re" names what it is about. Each
// case lists the targets the report must name and those it must not.
func TestClientWords(t *testing.T) {
	lex := NewLexicon()
	if err := lex.Load("clients.txt", "external customer: Halden, Brixworth\nexternal vendor: Sage\n"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		want []unblock.Target
		not  []unblock.Target
	}{
		{"Halden's IT needs to allowlist our egress IPs, waiting on them",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Halden", Role: unblock.RoleCustomer}},
			[]unblock.Target{{Kind: unblock.TargetTeam, Name: "IT", Role: unblock.RoleOps}}},
		{"waiting on Brixworth's legal for the DPA",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Brixworth", Role: unblock.RoleCustomer}},
			[]unblock.Target{{Kind: unblock.TargetRole, Name: "legal", Role: unblock.RoleLegal}}},
		{"need <@U06AN1T4JE> to get me Brixworth's Okta SAML metadata",
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "<@U06AN1T4JE>"}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Brixworth", Role: unblock.RoleCustomer}}},
		{"Re the Halden addendum: I'm blocked on the attestation letter. <@U04IH8M6CY> any ETA?",
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "<@U04IH8M6CY>"}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Halden", Role: unblock.RoleCustomer}}},
		{"no movement from Halden on the IPs",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Halden", Role: unblock.RoleCustomer}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "IPs", Role: unblock.RoleCustomer}}},
		{"waiting on Sage for sandbox API keys for the Intacct connector",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Sage", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Intacct", Role: unblock.RoleVendor}}},
		// The client alone, or asked to act, is whom the author waits on.
		{"waiting on Brixworth's signature",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Brixworth", Role: unblock.RoleCustomer}}, nil},
		{"waiting on legal and for Halden to sign",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Halden", Role: unblock.RoleCustomer}}, nil},
	}
	for _, tt := range tests {
		st := Parse(tt.in, lex)
		checkInvariants(t, tt.in, st)
		if !st.Blocked {
			t.Errorf("Parse(%q) not blocked: %+v", tt.in, st)
			continue
		}
		for _, w := range tt.want {
			if !containsTarget(st.Targets, w) {
				t.Errorf("Parse(%q) targets %+v; want %+v among them", tt.in, st.Targets, w)
			}
		}
		for _, n := range tt.not {
			if containsTarget(st.Targets, n) {
				t.Errorf("Parse(%q) targets %+v; want no %+v", tt.in, st.Targets, n)
			}
		}
	}
}
