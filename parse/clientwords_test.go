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
// TestThingOfNamedBody checks that a thing nobody owns by itself ("IRB
// approval", a built-in thing) is the body's whom the company's words name in
// its first word ("IRB" as theirs), not an owner-less thing that splits from
// the waits on that body.
func TestThingOfNamedBody(t *testing.T) {
	lex := NewLexicon()
	if err := lex.Load("bodies.txt", "external legal: IRB\n"); err != nil {
		t.Fatal(err)
	}
	st := Parse("Blocked on IRB approval.", lex)
	if !containsTarget(st.Targets, unblock.Target{Kind: unblock.TargetArtifact, Name: "IRB approval", Role: unblock.RoleLegal}) {
		t.Errorf("targets %+v; want IRB approval owned by legal", st.Targets)
	}
	if st := Parse("Blocked on IRB approval.", nil); !containsTarget(st.Targets, unblock.Target{Kind: unblock.TargetArtifact, Name: "IRB approval"}) {
		t.Errorf("without the company's words, targets %+v; want IRB approval, owned by no role", st.Targets)
	}
}

func TestClientWords(t *testing.T) {
	lex := NewLexicon()
	if err := lex.Load("clients.txt", "external customer: Halden, Brixworth\nexternal vendor: Sage, Snowflake, Northgate\n"); err != nil {
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
		// Brackets after a party say who it is: no second party.
		{"B: waiting on the auditors (Kessler & Moore) for the PBC list",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "auditors", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Kessler", Role: unblock.RoleVendor}}},
		{"still waiting on Halden IT for the allowlist",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Halden", Role: unblock.RoleCustomer}},
			[]unblock.Target{{Kind: unblock.TargetTeam, Name: "IT", Role: unblock.RoleOps}}},
		{"B: Sage partner team still 'reviewing our application'",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Sage", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "partner", Role: unblock.RoleVendor}}},
		{"B: Kessler & Moore say the PBC list is 'coming this week'",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Kessler & Moore", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Moore", Role: unblock.RoleVendor}}},
		{"B: SOC 2 evidence: need the data-flow diagram for the ERP connector from <@U05PR2G6SN>, the auditors asked for it specifically",
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "<@U05PR2G6SN>"}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "auditors", Role: unblock.RoleVendor}, {Kind: unblock.TargetArtifact, Name: "SOC 2 evidence"}}},
		{"waiting on Ruth (legal) to review the Halden sub-processor addendum. can't enable the ERP connector for them until it's signed",
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "Ruth", Role: unblock.RoleLegal}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Halden", Role: unblock.RoleCustomer}}},
		{"*B:* Snowflake still hasn't come back on PrivateLink",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Snowflake", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "PrivateLink", Role: unblock.RoleVendor}}},
		// A name after "for", once a party is named, is what the thing is for (a site, a project).
		{"Trakwise still haven't given us install dates for Leeds.",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Trakwise", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Leeds", Role: unblock.RoleVendor}}},
		{"Brightway still haven't sent the panel quote for Harrow",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Brightway", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Harrow", Role: unblock.RoleVendor}}},
		// Unknown initials after "waiting on the" and alone are a body; a sentence of the
		// author's own work on others' things names no party of the wait before it.
		{"Waiting on the ESRB for the rating. Reviewing Dev's season pass terms and Tomasz's consent text this week.",
			[]unblock.Target{{Kind: unblock.TargetTeam, Name: "ESRB"}},
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "Tomasz"}}},
		// "their" after a sentence that sent something to an organisation the lexicon does not know is that organisation.
		{"Sent the impact-report template to Larchmont; we can't start filling it in until their programme officer comes back with feedback.",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Larchmont", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetArtifact, Name: "feedback"}}},
		{"Sent the floor plans to Brackley Surveys. Still waiting on their sign-off.",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Brackley Surveys", Role: unblock.RoleVendor}},
			nil},
		// A capitalised name that only says which things, before "from" and their party, is no party.
		{"Y: co-registration check T: cloud mask for sentinel-2 B: waiting for the LiDAR tiles from Northfield",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Northfield", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "LiDAR", Role: unblock.RoleVendor}}},
		// A contact named with their organisation ("@", "from", "at") is the organisation.
		{"chasing Pavel @ Trakwise again for the sandbox keys",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Trakwise", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "Pavel"}}},
		{"still waiting on Ines from Hollowell for the signed order form",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Hollowell", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "Ines"}}},
		{"need the floor plans from Marta at Keystone Surveys",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Keystone Surveys", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "Marta"}}},
		// An outsider's committee, contact or office, and "their" office, are the outsider.
		{"still waiting on Northgate's credit committee to approve the go-live",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Northgate", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetTeam, Name: "credit committee", Role: unblock.RoleLeadership}}},
		{"Northgate haven't issued the production certificates, and Martin at Northgate says their PKI team has a backlog",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Northgate", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "Martin"}, {Kind: unblock.TargetTeam, Name: "PKI team"}}},
		{"Still no production mTLS certificates from Northgate; Grace has escalated to their head of partnerships.",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Northgate", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "Grace"}, {Kind: unblock.TargetRole, Name: "head", Role: unblock.RoleLeadership}}},
		{"answered their questions today, ball is back with Northgate",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Northgate", Role: unblock.RoleVendor}}, nil},
		{"virtual cards programme change still by Northgate",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Northgate", Role: unblock.RoleVendor}}, nil},
		{"waiting on <@U05HC1RD5J> to approve the wording before Jonah can build it",
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "<@U05HC1RD5J>"}},
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "Jonah"}}},
		{"No movement from the FCA on the VoP. Still waiting on Northgate's comments on the AML policy.",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Northgate", Role: unblock.RoleVendor, Topic: "AML policy comments"}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "VoP", Role: unblock.RoleVendor}}},
		{"so Savings Pots now goes back to Northgate's credit committee on the 16th. Still waiting on their approval.",
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Northgate", Role: unblock.RoleVendor}},
			[]unblock.Target{{Kind: unblock.TargetTeam, Name: "committee", Role: unblock.RoleLeadership}}},
		// What a party is asked to do, and what a person's answer is for, may name an
		// outsider: the outsider is the party's counterpart, not a second wait.
		{"waiting on legal to confirm which fields we can share with Halden",
			[]unblock.Target{{Kind: unblock.TargetRole, Name: "legal", Role: unblock.RoleLegal}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Halden", Role: unblock.RoleCustomer}}},
		{"Blockers: waiting on legal (Ruth) to confirm what we may share with Halden, i.e. the addendum",
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "Ruth", Role: unblock.RoleLegal}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Halden", Role: unblock.RoleCustomer}}},
		{"waiting on Andrea to approve the Sage sandbox spend",
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "Andrea"}},
			[]unblock.Target{{Kind: unblock.TargetArtifact, Name: "Sage sandbox spend", Role: unblock.RoleVendor}}},
		{"still need Andrea's ok for the Sage paid tier",
			[]unblock.Target{{Kind: unblock.TargetPerson, Name: "Andrea"}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Sage", Role: unblock.RoleVendor}}},
		// A thing named by the outsider it concerns, with a role in brackets: the role
		// is whom it is awaited from.
		{"Blockers: Halden data-sharing addendum (legal), still nothing",
			[]unblock.Target{{Kind: unblock.TargetRole, Name: "legal", Role: unblock.RoleLegal}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Halden", Role: unblock.RoleCustomer}}},
		{"B: the Brixworth SSO config (security)",
			[]unblock.Target{{Kind: unblock.TargetRole, Name: "security", Role: unblock.RoleSecurity}},
			[]unblock.Target{{Kind: unblock.TargetExternal, Name: "Brixworth", Role: unblock.RoleCustomer}}},
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

// TestNamesWithoutAccents checks that a directory name with accents is found
// as people type it without them, and as written.
func TestNamesWithoutAccents(t *testing.T) {
	lex := NewLexicon()
	lex.AddPerson("Chloé", "U0CHLOE")
	lex.AddPerson("Zoë", "U0ZOE")
	for _, in := range []string{
		"waiting on design (Chloe) for the final bulk-edit spec",
		"waiting on Chloé for the final spec",
		"blocked on Zoe for the export",
	} {
		st := Parse(in, lex)
		found := false
		for _, tg := range st.Targets {
			found = found || tg.Kind == unblock.TargetPerson && (tg.Name == "<@U0CHLOE>" || tg.Name == "<@U0ZOE>")
		}
		if !st.Blocked || !found {
			t.Errorf("Parse(%q) = %+v; want a wait on the directory's person", in, st)
		}
	}
}

// TestTitleAndSurname checks that a title and a surname ("Frau Vogt", "Dr.
// Osei") name the one person of the directory whose full name ends so, and
// stay as written when two people share the surname or none has it.
func TestTitleAndSurname(t *testing.T) {
	lex := NewLexicon()
	lex.AddPerson("Karin Vogt", "U0KARIN")
	lex.AddPerson("Ama Osei", "U0AMA")
	lex.AddPerson("Lena Brandt", "U0LENA")
	lex.AddPerson("Tom Brandt", "U0TOM")
	for _, tt := range []struct{ in, want string }{
		{"floor plan!! Frau Vogt says their fire safety officer has it, waiting on Frau Vogt", "<@U0KARIN>"},
		{"waiting on Dr. Osei to confirm the keynote slot", "<@U0AMA>"},
		{"waiting on Mr Brandt for the invoice", "Mr Brandt"}, // two Brandts
		{"waiting on Dr. Hale for the dates", "Dr. Hale"},     // nobody of that name
	} {
		st := Parse(tt.in, lex)
		if !st.Blocked || !containsTarget(st.Targets, unblock.Target{Kind: unblock.TargetPerson, Name: tt.want}) {
			t.Errorf("Parse(%q) = %+v; want a wait on person %q", tt.in, st, tt.want)
		}
	}
}

// TestOfficeOfConfiguredCompany checks that a company the config names as a
// role's keyword, written as a name and followed by an office of its own
// ("Caixa Verde's IT", "St. Brigid's legal"), is the party: the office is the
// company's, not the role of that name in the author's organisation.
func TestOfficeOfConfiguredCompany(t *testing.T) {
	lex := NewLexicon()
	lex.AddRoleWords(unblock.RoleCustomer, "Caixa Verde")
	lex.AddRoleWords("hospital", "St. Brigid's")
	for _, tt := range []struct {
		in   string
		want unblock.Target
		not  unblock.Role
	}{
		{"the export is with Caixa Verde's IT since last week, no news", unblock.Target{Kind: unblock.TargetRole, Name: "Caixa Verde", Role: unblock.RoleCustomer}, unblock.RoleOps},
		{"The data use agreement has been with St. Brigid's legal since 10/2", unblock.Target{Kind: unblock.TargetRole, Name: "St. Brigid's", Role: "hospital"}, unblock.RoleLegal},
		{"DUA signature still with St. Brigid's legal", unblock.Target{Kind: unblock.TargetRole, Name: "St. Brigid's", Role: "hospital"}, unblock.RoleLegal},
		{"still waiting on Caixa Verde legal for the DPA countersignature", unblock.Target{Kind: unblock.TargetRole, Name: "Caixa Verde", Role: unblock.RoleCustomer}, unblock.RoleLegal},
	} {
		st := Parse(tt.in, lex)
		if !st.Blocked || !containsTarget(st.Targets, tt.want) {
			t.Errorf("Parse(%q) = %+v; want a wait on %+v", tt.in, st, tt.want)
		}
		for _, tg := range st.Targets {
			if tg.Role == tt.not {
				t.Errorf("Parse(%q) = %+v; the company's own office read as %s", tt.in, st, tt.not)
			}
		}
	}
	if st := Parse("waiting on legal for the DPA", lex); !containsTarget(st.Targets, unblock.Target{Kind: unblock.TargetRole, Name: "legal", Role: unblock.RoleLegal}) {
		t.Errorf("our own legal lost: %+v", st)
	}
}

// TestTeamNames checks how a company's teams are named: "the cs team", and a
// short name in capitals ("CS"); the name in lower case keeps its everyday
// sense, and a word the lexicon reads already ("ops") keeps its reading.
func TestTeamNames(t *testing.T) {
	lex := NewLexicon()
	lex.AddTeamName("cs", "success")
	lex.AddTeamName("ops", unblock.RoleOps)
	for _, tt := range []struct {
		in   string
		want unblock.Target
	}{
		{"still waiting on CS for the churn reasons list", unblock.Target{Kind: unblock.TargetTeam, Name: "CS", Role: "success"}},
		{"waiting on the cs team for the list", unblock.Target{Kind: unblock.TargetTeam, Name: "cs team", Role: "success"}},
		{"blocked on ops for the VPN", unblock.Target{Kind: unblock.TargetRole, Name: "ops", Role: unblock.RoleOps}},
	} {
		st := Parse(tt.in, lex)
		if !st.Blocked || !containsTarget(st.Targets, tt.want) {
			t.Errorf("Parse(%q) = %+v; want a wait on %+v", tt.in, st, tt.want)
		}
	}
	if st := Parse("the cs homework is hard", lex); st.Blocked {
		t.Errorf("a team's name in lower case is read as the team: %+v", st)
	}
}
