package parse

import (
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
)

// TestGeneralRules covers rules written from how people talk about blockers in
// general, each with made-up examples (never lines of a held-out set): the
// pattern, cases that must still be read as blockers, and cases that must not.
func TestGeneralRules(t *testing.T) {
	const B, N = true, true
	cases := []struct {
		rule, in string
		w        want
	}{
		// A question asks about a blocker; it does not report one, unless
		// the cue opens the sentence or follows the author.
		{"question", "What's the blocker on the billing page?", want{}},
		{"question", "Is anyone blocked if we ship this on Friday?", want{}},
		{"question", "Tara is stuck on it, right?", want{}},
		{"question", "How long has the team been waiting for legal?", want{}},
		{"question", "Waiting on design for the icons, can someone take a look?", want{blocked: B, roles: []unblock.Role{"design"}}},
		{"question", "We're blocked by the flaky staging deploy, can ops help?", want{blocked: B}},
		{"question", "Still waiting for the vendor to send keys?", want{blocked: B}},
		// "when" before the cue: a time or a habit, not the present.
		{"when", "The team was great when I was stuck last sprint", want{}},
		{"when", "Ping the channel early when blocked", want{}},
		{"when", "Blocked on the release when QA is out", want{blocked: B}},
		// "<awaited thing> needed/required": the thing is the blocker.
		{"thing required", "Legal approval required before launch", want{blocked: B, roles: []unblock.Role{"legal"}}},
		{"thing required", "Client reply required to lock in the scope", want{blocked: B, roles: []unblock.Role{"customer"}}},
		{"thing required", "No additional security approvals are required", want{}},
		{"thing required", "Fill in the required fields and submit", want{}},
		// "let's" before the cue: a proposal.
		{"let's", "let's not keep the launch blocked on the copy review", want{}},
		{"let's", "let's wait for the data team before we merge", want{}},
		// A negated verb of opinion denies the blocker, even across commas.
		{"opinion", "I don't see this being a, you know, blocker for the beta", want{none: N}},
		{"opinion", "we don't think it's a real blocker", want{none: N}},
		{"opinion", "I see one blocker: the signing key from security", want{blocked: B, roles: []unblock.Role{"security"}}},
		// "<thing> blocking/blocks <work>": the subject is the blocker.
		{"thing blocks work", "Flaky auth tests blocking the release", want{blocked: B, kinds: []unblock.TargetKind{"artifact"}}},
		{"thing blocks work", "Payment sandbox outages block most of our integration testing", want{blocked: B}},
		{"thing blocks work", "The schema bug blocks the migration", want{blocked: B}},
		{"thing blocks work", "The firewall blocks port 22", want{}},
		{"thing blocks work", "Our CI blocking step runs lint first", want{}},
		{"thing blocks work", "It doesn't block the release", want{}},
		// "<awaited thing> (is) needed": the thing is the blocker.
		{"needed", "security review needed before we can launch", want{blocked: B, roles: []unblock.Role{"security"}}},
		{"needed", "An approval is needed from finance", want{blocked: B}},
		{"needed", "more tests needed on my side", want{}},
		{"thing blocks work", "Sandbox errors block 90% of our checkout testing", want{blocked: B}},
		// "if" earlier in the sentence makes the later clauses a condition,
		// unless it is an embedded question ("not sure if").
		{"if earlier", "If the cache is cold, and the job is stuck behind a rebuild, the page times out", want{}},
		{"if earlier", "Not sure if legal signed off, still waiting on them", want{blocked: B}},
		// A clause opening with the gerund and holding a conditional modal
		// weighs the option of waiting.
		{"gerund option", "waiting for the rewrite before we ship would cost us a month", want{}},
		{"gerund option", "waiting for the rewrite, then we will ship", want{blocked: B}},
		// The reader or a generic "you" waits, not the author.
		{"you wait", "the trick is that you're waiting for the lock anyway", want{}},
		{"you wait", "Are you still waiting on the keys?", want{}},
		// "what … waiting for" at the clause end: the awaited thing is here.
		{"what waiting for", "that release is exactly what we've been waiting for", want{}},
		{"what waiting for", "we're waiting for what the vendor promised", want{blocked: B}},
		// Blockers as the object of handling are a topic.
		{"handling blockers", "We should start listing blockers in the wiki", want{}},
		{"handling blockers", "Tracking blockers weekly helped a lot", want{}},
		// "no" negates its own noun, not a cue further on.
		{"no scope", "no news yet, waiting for the vendor quote", want{blocked: B, roles: []unblock.Role{"vendor"}}},
		{"no scope", "no real blockers today", want{none: N}},
		{"no scope", "Nothing is blocking us", want{none: N}},
		// "<awaited thing> delayed": the thing is the blocker.
		{"delayed", "Legal review delayed again, launch slips", want{blocked: B, roles: []unblock.Role{"legal"}}},
		{"delayed", "the train was delayed this morning", want{}},
		// "good to go" beside an explicit none is readiness, not a resolution.
		{"good to go", "We're good to go. No blockers.", want{none: N}},
		{"good to go", "Design signed off, we're good to go", want{resolved: true}},
		// "no update from me": nobody owes the author anything.
		{"no update from me", "No updates from me this week", want{}},
		{"no update from me", "no update from legal yet", want{blocked: B, roles: []unblock.Role{"legal"}}},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			check(t, c.in, Parse(c.in, nil), c.w)
		})
	}
}

// TestGeneralTargets covers general rules about whom or what a blocker names.
func TestGeneralTargets(t *testing.T) {
	cases := []struct {
		rule, in string
		role     unblock.Role
		notRole  unblock.Role
		notName  string
	}{
		// An acronym's plural is the acronym: "OPs" are not ops.
		{"acronym plural", "waiting on the new OPs", "", unblock.RoleOps, ""},
		{"acronym plural", "waiting on two PRs", unblock.RoleEngineering, "", ""},
		{"acronym plural", "waiting for the PMs", unblock.RoleProduct, "", ""},
		// A regular plural of an awaited thing is that thing.
		{"plural", "blocked on the security audits", unblock.RoleSecurity, "", ""},
		{"plural", "still waiting for signed contracts", unblock.RoleLegal, "", ""},
		// "client" before software or its builders is the software client.
		{"client software", "waiting for client implementations of the new API", unblock.RoleEngineering, unblock.RoleCustomer, ""},
		{"client software", "blocked on the client developers", unblock.RoleEngineering, unblock.RoleCustomer, ""},
		{"client software", "waiting on client feedback", unblock.RoleCustomer, "", ""},
		// A verb after "to" with a known awaited thing as its object: the
		// object, not the verb, decides whom it is awaited from.
		{"infinitive", "need <@U0AB12> to fix the deploy pipeline", unblock.RoleOps, unblock.RoleEngineering, ""},
		{"infinitive", "waiting for Sarah to review the mockups", unblock.RoleDesign, unblock.RoleEngineering, ""},
		{"infinitive", "waiting for the board to vote on it", unblock.RoleLeadership, "", ""},
		{"infinitive", "blocked due to review backlog", unblock.RoleEngineering, "", ""},
		// An item written in capitals matches only in capitals: "IT" is the
		// IT department, "it" a pronoun.
		{"capitals", "waiting on IT to implement the extension", unblock.RoleOps, "", ""},
		{"capitals", "blocked: it needs the staging cluster", unblock.RoleOps, "", "it"},
		{"capitals", "waiting on the pentest, then it goes to legal", unblock.RoleSecurity, "", "it"},
		// "Team <Name>" is a team by name, not an outside organisation.
		{"team by name", "Need API docs from Team X", unblock.RoleEngineering, unblock.RoleVendor, ""},
		{"team by name", "waiting on Squad Falcon for the mocks", unblock.RoleDesign, unblock.RoleVendor, ""},
		// A name after "on"/"about" an awaited answer is what it is about, not who owes it.
		{"subject matter", "waiting on Board answer on SQLite", unblock.RoleLeadership, unblock.RoleVendor, "sqlite"},
		{"subject matter", "waiting on legal feedback about Acme", unblock.RoleLegal, unblock.RoleVendor, "acme"},
		{"subject matter", "waiting on an answer from Acme", unblock.RoleVendor, "", ""},
		// What follows a consequence "so <subject>" is not the blocker.
		{"so", "blocked on the staging cluster so I'm going ahead with docs", unblock.RoleOps, "", "ahead"},
		{"so", "waiting for legal so we moved on to the onboarding copy", unblock.RoleLegal, "", "onboarding"},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			st := Parse(c.in, nil)
			checkInvariants(t, c.in, st)
			if !st.Blocked {
				t.Fatalf("Parse(%q) not blocked", c.in)
			}
			if c.role != "" && !hasRole(st.Targets, c.role) {
				t.Errorf("Parse(%q) targets %v; want role %s", c.in, st.Targets, c.role)
			}
			if c.notRole != "" && hasRole(st.Targets, c.notRole) {
				t.Errorf("Parse(%q) targets %v; want no role %s", c.in, st.Targets, c.notRole)
			}
			for _, tg := range st.Targets {
				if c.notName != "" && strings.Contains(strings.ToLower(tg.Name), c.notName) {
					t.Errorf("Parse(%q) targets %v; want none naming %q", c.in, st.Targets, c.notName)
				}
			}
		})
	}
}
