package parse

import (
	"slices"
	"testing"

	"github.com/unblock-dev/unblock"
)

// TestShortTopics checks that a short topic keeps the modifier that tells one
// wait from another (FINDINGS P3), that a bare topic guesses no owner from a
// word any team could own (P7), and that plural people words name a party:
// the rules are word classes (ing-noun) and the owner strength of a phrase,
// so each case has siblings in other words.
func TestShortTopics(t *testing.T) {
	type target struct {
		kind unblock.TargetKind
		role unblock.Role
	}
	cases := []struct {
		in     string
		topic  string
		target target
	}{
		// An area in -ing before a noun is part of the thing, wherever it stands.
		{"B: pricing mocks", "pricing mocks", target{"artifact", "design"}},
		{"B: pricing mocks: day 4", "pricing mocks", target{"artifact", "design"}},
		{"B: still no pricing mocks from Dana", "pricing mocks", target{"artifact", "design"}},
		{"B: still no pricing mocks from Dana", "pricing mocks", target{"person", ""}}, // her function is not told
		{"B: billing PR review", "billing PR review", target{"artifact", "engineering"}},
		{"Blockers: marketing copy for the launch page", "launch page marketing copy", target{"artifact", ""}},
		{"B: waiting on the event tracking fix", "event tracking fix", target{"artifact", "engineering"}},
		{"B: shipping labels spec", "shipping labels spec", target{"artifact", "product"}},
		// A word that may be a verb is a noun inside a compound it starts.
		{"B: blocked on <@U4ROSA> for the release candidate build", "release candidate build", target{"artifact", "engineering"}},
		{"B: release candidate build", "release candidate build", target{"artifact", "engineering"}},
		{"need <@U1> to release the build", "build", target{"artifact", "engineering"}},
		// Plural people words of engineering name the people.
		{"B: still waiting on the engineers for the event tracking fix", "event tracking fix", target{"role", "engineering"}},
		{"blocked on the devs for the export endpoint", "export endpoint", target{"role", "engineering"}},
		// A bare topic keeps no owner unless the thing names one strongly.
		{"B: onboarding copy: day 2", "onboarding copy", target{"artifact", ""}},
		{"B: PDF license check", "PDF license check", target{"artifact", ""}},
		{"B: terms review", "terms review", target{"artifact", ""}},
		{"B: approval", "approval", target{"artifact", ""}},
		{"B: checkout mocks", "checkout mocks", target{"artifact", "design"}},
		{"B: the DPA", "DPA", target{"artifact", "legal"}},
		// A cue still lets the thing's owner stand.
		{"waiting on approval for the budget", "budget approval", target{"artifact", "leadership"}},
		{"waiting for legal on the onboarding copy", "onboarding copy", target{"role", "legal"}},
	}
	for _, c := range cases {
		st := Parse(c.in, nil)
		checkInvariants(t, c.in, st)
		if !st.Blocked {
			t.Errorf("Parse(%q) not blocked", c.in)
			continue
		}
		if st.Topic != c.topic {
			t.Errorf("Parse(%q) topic %q; want %q", c.in, st.Topic, c.topic)
		}
		if !slices.ContainsFunc(st.Targets, func(tg unblock.Target) bool {
			return tg.Kind == c.target.kind && tg.Role == c.target.role
		}) {
			t.Errorf("Parse(%q) targets %+v; want a %s with role %q", c.in, st.Targets, c.target.kind, c.target.role)
		}
	}
}

// TestArrivalByParty checks that a named party's arrival is a resolution only
// (FINDINGS P4): nothing in it is a wait, and no person takes the role of the
// thing they delivered (their role is their own, known to the store).
func TestArrivalByParty(t *testing.T) {
	for _, in := range []string{
		"B: Rosa approved the ETL change, PR merged",
		"Dana approved the mocks",
		"<@U1> signed the DPA",
		"Y: Marco approved the pricing spec",
		"Bart approved the install on the apps server.",
	} {
		st := Parse(in, nil)
		checkInvariants(t, in, st)
		if st.Blocked || !st.Resolved {
			t.Errorf("Parse(%q) blocked=%v resolved=%v; want resolved only", in, st.Blocked, st.Resolved)
		}
		for _, tg := range st.Targets {
			if tg.Kind == unblock.TargetPerson && tg.Role != "" {
				t.Errorf("Parse(%q) target %+v: a person's role is their own, not the thing's owner", in, tg)
			}
		}
	}
}

// TestSelfWork checks that a need the author says they will meet themselves,
// referring back to it, is no wait (FINDINGS P5), while a condition, a named
// party or an explicit block keeps the blocker.
func TestSelfWork(t *testing.T) {
	tests := []struct {
		in      string
		blocked bool
	}{
		{"the address step needs a new API field, I'll pair with <@U01ANA> on it", false},
		{"B: new API field, I'll pair with <@U01ANA> on it", false},
		{"we need the spec before we can start, I'll write it", false},
		{"the importer needs a retry flag, we'll add it ourselves", false},
		{"need a test account, I'll create it once ops approves", true},
		{"need the DPA from legal, I'll draft it", true},
		{"waiting on design for the mocks, I'll pair with them on it", true},
		{"blocked on the flaky CI, I'll fix it today", true},
		{"Blockers: blocked on the flaky CI, I'll fix it", true},
	}
	for _, tt := range tests {
		st := Parse(tt.in, nil)
		checkInvariants(t, tt.in, st)
		if st.Blocked != tt.blocked {
			t.Errorf("Parse(%q) blocked=%v targets %+v; want blocked=%v", tt.in, st.Blocked, st.Targets, tt.blocked)
		}
		if !tt.blocked && len(st.Targets) > 0 {
			t.Errorf("Parse(%q) targets %+v; want none", tt.in, st.Targets)
		}
	}
}

// TestTopicPerTarget checks that two waits on one target in one report keep a
// topic each (FINDINGS P6), and that a report of one wait, or of one wait said
// twice, gives the targets no topics of their own (the statement's says it).
func TestTopicPerTarget(t *testing.T) {
	type tt struct{ name, topic string }
	tests := []struct {
		in   string
		want []tt
	}{
		{"Blockers\n• blocked on design for the settings page mocks\n• waiting on design for the onboarding illustrations",
			[]tt{{"design", "settings page mocks"}, {"design", "onboarding illustrations"}}},
		{"Blockers\n• still waiting on the designers for the settings page mocks\n• waiting on design for the onboarding illustrations",
			[]tt{{"designers", "settings page mocks"}, {"design", "onboarding illustrations"}}},
		{"B: waiting on <@U1> for the pricing spec; blocked on <@U1> for the roadmap review",
			[]tt{{"<@U1>", "pricing spec"}, {"pricing spec", ""}, {"<@U1>", "roadmap review"}}},
		// One cue, two different things joined by "and": two waits on one party.
		{"Waiting on product for the pricing decision and the checkout spec",
			[]tt{{"product", "pricing decision"}, {"product", "checkout spec"}}},
		{"waiting on legal for the DPA and the MSA", []tt{{"legal", "DPA"}, {"legal", "MSA"}}},
		{"waiting on design for the mocks and the icons", []tt{{"design", ""}}}, // generic things: one wait
		{"waiting on Dana for the spec and then I can start", []tt{{"Dana", ""}, {"spec", ""}}},
		{"waiting on design for the mocks and QA for the test plan", []tt{{"design", ""}, {"QA", ""}}},
		{"waiting on design for the mocks", []tt{{"design", ""}}},
		// Two cues of one sentence on its one mention of the party: one wait.
		{"The migration is on hold until the DBA is back from leave", []tt{{"DBA", ""}}},
		// … in two clauses of the sentence.
		{"Until we get GC to add money, the kitchen is on hold until July", []tt{{"GC", ""}}},
		// A bullet after the mention's bullet is a wait of its own; a cue later in
		// the mention's bullet gives a topicless target its topic.
		{"Blockers\n• settings mocks: day 6\n• blocked on design for the onboarding illustrations",
			[]tt{{"settings mocks", ""}, {"design", "onboarding illustrations"}}},
		{"blocked on design for the checkout mocks. still waiting on design for the mocks", []tt{{"design", ""}, {"mocks", ""}}},
		{"B: waiting on design for the checkout mocks, on legal for the DPA and on Samir for the review of my PR",
			[]tt{{"design", ""}, {"legal", ""}, {"Samir", ""}}}, // one block names three parties: whose topic is whose is unknown
	}
	for _, c := range tests {
		st := Parse(c.in, nil)
		checkInvariants(t, c.in, st)
		var got []tt
		for _, tg := range st.Targets {
			got = append(got, tt{tg.Name, tg.Topic})
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Parse(%q) targets %+v; want (name, topic) %v", c.in, st.Targets, c.want)
		}
	}
}

// TestWhatTheWaitHoldsUp checks that the step a wait holds up ("before I can go
// on") is not the awaited thing (FINDINGS P8): after "can", "can't" or "cannot" a
// word is a verb even when the lexicon also knows it as a thing ("go", "review").
// And an area in -ing before the thing keeps a need a wait (FINDINGS P9), and
// "before I can continue" resolves nothing (FINDINGS P10).
func TestWhatTheWaitHoldsUp(t *testing.T) {
	cases := []struct {
		in, topic string
		target    unblock.TargetKind
	}{
		{"B: need the forecast from Lena before I can go on", "forecast", unblock.TargetPerson},
		{"need the capacity forecast from <@U1> before I can go on", "capacity forecast", unblock.TargetPerson},
		{"B: need the usage stats from the data team before I can go on", "usage stats", unblock.TargetRole},
		{"waiting on Lena for the forecast before I can go on", "forecast", unblock.TargetPerson},
		{"blocked on ops for the VPN access, I can't review anything", "VPN access", unblock.TargetRole},
		{"need the pricing terms review from the lawyers", "pricing terms review", unblock.TargetRole},
		{"Need the pricing terms review from the lawyers before I can go on.", "pricing terms review", unblock.TargetRole},
		{"need the hosting quote from the vendor", "hosting quote", unblock.TargetRole},
		// "before I can continue" is what the wait holds up, not a way forward (FINDINGS P10).
		{"need the DPA from legal before I can continue", "DPA", unblock.TargetRole},
		{"waiting on <@U1> for the estimate before we can proceed", "estimate", unblock.TargetPerson},
	}
	for _, c := range cases {
		st := Parse(c.in, nil)
		checkInvariants(t, c.in, st)
		if !st.Blocked || st.Resolved || st.Topic != c.topic {
			t.Errorf("Parse(%q) = blocked %v, resolved %v, topic %q; want blocked only, topic %q", c.in, st.Blocked, st.Resolved, st.Topic, c.topic)
		}
		if !slices.ContainsFunc(st.Targets, func(tg unblock.Target) bool { return tg.Kind == c.target }) {
			t.Errorf("Parse(%q) targets %+v; want a %s", c.in, st.Targets, c.target)
		}
	}
}

// TestEmojiHeaders checks standups whose sections open with emoji, the Blockers
// line with :no_entry: (or its character): its answer is the Blockers answer.
func TestEmojiHeaders(t *testing.T) {
	tests := []struct {
		in                   string
		blocked, none, again bool
	}{
		{":white_check_mark: release prep\n:construction: release\n:no_entry: none", false, true, false},
		{":white_check_mark: keychain migration\n:construction: release prep\n:no_entry: same as yesterday", false, false, true},
		{"✅ push settings\n🚧 keychain migration\n⛔ waiting on <@U1> to review the keychain change", true, false, false},
		{":white_check_mark: docs\n:no_entry: Blockers: nothing", false, true, false},
	}
	for _, tt := range tests {
		st := Parse(tt.in, nil)
		if st.Blocked != tt.blocked || st.None != tt.none || st.Continues != tt.again {
			t.Errorf("Parse(%q) blocked=%v none=%v continues=%v; want %v %v %v", tt.in, st.Blocked, st.None, st.Continues,
				tt.blocked, tt.none, tt.again)
		}
	}
}

// TestOneWaitOneParty checks the readings an audit of a made-up hardware
// company's standups found counting one wait as two or three blockers, or on
// the wrong party: each line names exactly the targets listed (kind:name), and
// a relayed colleague's wait beside the author's none is no blocker of theirs.
func TestOneWaitOneParty(t *testing.T) {
	tests := []struct {
		in      string
		blocked bool
		want    []string
	}{
		// A wait without its "on" still names the party; "approve PO" is a purchase order, not the product owner.
		{"B: waiting Omar approve PO for forklift rental", true, []string{"person:Omar"}},
		{"waiting Dana for the mocks", true, []string{"person:Dana", "artifact:mocks"}},
		// Unknown initials before a noun name a thing, not a team; an answer a body gives keeps the body.
		{"waiting for EMC results", true, []string{"artifact:EMC results"}},
		{"waiting for BOM pricing", true, []string{"artifact:BOM pricing"}},
		{"waiting for the EMC results from TestLab Nord", true, []string{"external:TestLab Nord"}}, // the results are the lab's topic
		{"pending a TSC vote", true, []string{"artifact:TSC vote"}},
		// "no answer" beside what is awaited is no second wait.
		{"B: TestLab Nord - EMC results, no answer", true, []string{"artifact:EMC results"}},
		// Circuit boards are no board of directors.
		{"B: waiting for the boards from Brightway", true, []string{"external:Brightway"}},
		// A given name and a surname the directory does not know are one person.
		{"B: waiting on Dana Whitfield to build the landing page", true, []string{"person:Dana Whitfield"}},
		// The author's none wins over a colleague's wait they relay.
		{"B: none. FYI Hannah is waiting on backend for the estimate", false, nil},
		{"B: none, but <@U2> is waiting on legal", false, nil},
		{"Hannah is waiting on backend for the estimate", true, []string{"role:backend"}},
		// docs/DESIGN.md's canonical-node examples, as the reader names them.
		{"waiting on the Acme Corp. for the quote", true, []string{"external:Acme Corp"}},
		{"waiting on data-team for the export", true, []string{"role:data-team"}},
		// "PO" beside another party is a purchase order; alone, the product owner.
		{"B: waiting on Omar for the PO", true, []string{"person:Omar", "artifact:PO"}},
		{"forklift rental PO still pending with finance", true, []string{"artifact:PO", "team:finance"}},
		{"waiting on the PO to prioritise the backlog", true, []string{"role:PO"}},
	}
	for _, c := range tests {
		st := Parse(c.in, nil)
		checkInvariants(t, c.in, st)
		got := kindNames(st)
		if st.Blocked != c.blocked || !slices.Equal(got, c.want) {
			t.Errorf("Parse(%q) = blocked %v, targets %q; want blocked %v, %q", c.in, st.Blocked, got, c.blocked, c.want)
		}
	}
	// The directory's Mei Lin named by her name before a rename: one person.
	lex := NewLexicon()
	lex.AddPerson("Mei Lin", "U2MEI")
	lex.AddPerson("Mei", "U2MEI")
	st := Parse("B: waiting on Mei Chen to build the landing page", lex)
	if len(st.Targets) != 1 || st.Targets[0].Kind != unblock.TargetPerson {
		t.Errorf("Mei Chen for the directory's Mei Lin: targets %+v; want the one person", st.Targets)
	}
	// A client the config knows, named inside the thing asked of another party,
	// is no party of its own.
	lex.AddExternal("Fennick", unblock.RoleCustomer)
	st = Parse("waiting on legal for the Fennick contract amendment", lex)
	for _, tg := range st.Targets {
		if tg.Kind == unblock.TargetExternal {
			t.Errorf("the client inside legal's thing is a party: targets %+v", st.Targets)
		}
	}
	// In chat, a colleague's wait is theirs to report.
	for _, in := range []string{"Chloe is blocked on them", "Lena waits for the speaker list", "<@U1> waits for the signed SOW"} {
		if st := ParseChat(in, nil); st.Blocked {
			t.Errorf("ParseChat(%q) is blocked: %+v", in, st)
		}
	}
	if st := ParseChat("still waiting on legal for the DPA", nil); !st.Blocked {
		t.Errorf("the author's own wait in chat is lost: %+v", st)
	}
}

// TestAuditArrivalsAndTopics checks the rest of that audit's findings: an
// outsider named before an answer they give is whom it is awaited from, a
// party's act on a definite thing is an arrival whatever the thing, a thing
// told paid or processed names what came, and a topic carries neither a list's
// next number nor mrkdwn emphasis.
func TestAuditArrivalsAndTopics(t *testing.T) {
	tests := []struct {
		in                string
		blocked, resolved bool
		targets           []string
		topic             string
	}{
		{"B: Helix SOW sign-off", true, false, []string{"external:Helix"}, "SOW sign-off"},
		{"B: Acme contract signature", true, false, []string{"external:Acme"}, "contract signature"},
		{"waiting on Figma mocks", true, false, []string{"artifact:Figma mocks"}, "Figma mocks"}, // a tool's, asking nobody
		{"customs released the enclosures", false, true, []string{"external:customs"}, ""},
		{"finance paid the deposit", false, true, []string{"team:finance"}, ""},
		{"the deposit has been paid", false, true, []string{"artifact:deposit"}, ""},
		{"a fee was paid", false, false, nil, ""},
		{"the emails were sent", false, false, nil, ""},
		{"B: 1. DPA 2. booking confirmation", true, false, []string{"artifact:DPA", "artifact:booking confirmation"}, "DPA"},
		{"Blocked by PR #278. Once the PR is merged, we can release.", true, false, []string{"artifact:PR #278", "artifact:PR"}, "PR #278"},
		{"B: *pricing* mocks from design", true, false, []string{"role:design"}, "pricing mocks"},
		{"B: TestLab Nord - EMC results, no answer", true, false, []string{"artifact:EMC results"}, "EMC results"},
		// ":x:" answers "no" only as the whole answer; before words it is a list's marker.
		{"• ✅ shipped the export\n• :x: waiting on Colm to approve the GPU budget", true, false, []string{"person:Colm"}, "GPU budget"},
		{":x: still blocked on legal for the Orla DPA", true, false, []string{"role:legal"}, "Orla DPA"},
		// What came is the party's, said with a possessive or as the rest of it.
		{"Got Dana's review this morning", false, true, []string{"person:Dana", "artifact:review"}, "review"},
		{"got the rest of the style guide from Grace", false, true, []string{"person:Grace", "artifact:style guide"}, "style guide"},
		{"got Dana's flu so I'm out", false, false, nil, ""},
		// A party delivering part of a thing: the one wait goes on; a second thing from the same party clears the first.
		{"got 3 of the 5 onboarding illustrations from Femi, still waiting on the last two from him", true, false, []string{"person:Femi"}, "last two"},
		{"got the API keys from ops, still waiting on ops for the VPN", true, true, []string{"role:ops", "role:ops"}, "VPN"},
		// What follows "before I can" is the author's own next step; whoever signed names whom it cleared.
		{"I need the estimate from Tomás before I can send it to Harbor", true, false, []string{"person:Tomás", "artifact:estimate"}, "estimate"},
		{"Orla signed the DPA", false, true, []string{"person:Orla", "artifact:DPA"}, "DPA"},
		// Whoever rejected the author's work is whom they wait on again, not a thing of their fix.
		{"1. Apple rejected 1.0 under guideline 5.1.1, fixed the permission strings and resubmitted", true, false, []string{"external:Apple"}, ""},
		// A colleague chasing for the author is no one the author waits on.
		{"The brand font files from Harbor are still missing, so I'm still blocked on those. Hattie is chasing.", true, false, []string{"external:Harbor"}, "brand font files"},
		// A wait goes on after "and on": "…, and on Declan to sign off the budget".
		{"waiting on legal for the contract amendment, and on Declan to sign off the budget", true, false, []string{"role:legal", "person:Declan"}, "contract amendment"},
		// A party pressing the author is no wait, nor its topic; a party's act is no topic either.
		{"B: Aylin's QA report, Helix asking daily", true, false, []string{"person:Aylin", "artifact:QA report"}, ""},
		{"B: waiting on Mei Chen to build the BF bundle landing page", true, false, []string{"person:Mei Chen"}, "BF bundle landing page"},
	}
	for _, c := range tests {
		st := Parse(c.in, nil)
		checkInvariants(t, c.in, st)
		got := kindNames(st)
		if st.Blocked != c.blocked || st.Resolved != c.resolved || !slices.Equal(got, c.targets) || st.Topic != c.topic {
			t.Errorf("Parse(%q) = blocked %v resolved %v, targets %q, topic %q; want %v %v, %q, %q",
				c.in, st.Blocked, st.Resolved, got, st.Topic, c.blocked, c.resolved, c.targets, c.topic)
		}
	}
}

// kindNames returns st's targets as "kind:name".
func kindNames(st unblock.Statement) []string {
	var out []string
	for _, tg := range st.Targets {
		out = append(out, string(tg.Kind)+":"+tg.Name)
	}
	return out
}
