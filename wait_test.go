package unblock_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unblock-dev/unblock"
)

func role(r unblock.Role, topic string) unblock.Wait {
	return unblock.Wait{Node: "role:" + string(r), Kind: unblock.TargetRole, Role: r, Topic: topic}
}

func who(id string, r unblock.Role, topic string) unblock.Wait {
	return unblock.Wait{Node: id, Kind: unblock.TargetPerson, Role: r, Topic: topic}
}

func thing(node string, r unblock.Role, topic string) unblock.Wait {
	return unblock.Wait{Node: node, Kind: unblock.TargetArtifact, Role: r, Topic: topic}
}

func TestSameWait(t *testing.T) {
	design, product, legal := unblock.RoleDesign, unblock.RoleProduct, unblock.RoleLegal
	tests := []struct {
		name string
		a, b unblock.Wait
		want bool
	}{
		// Said again in other words.
		{"same target, same topic", role(design, "checkout mocks"), role(design, "checkout mocks"), true},
		{"topic reworded", role(design, "checkout mocks"), role(design, "the mocks for checkout"), true},
		{"topic narrowed", role(design, "checkout mocks"), role(design, "mocks"), true},
		{"topic plural", role(design, "checkout mock"), role(design, "Checkout Mocks"), true},
		{"topic missing", role(design, "checkout mocks"), role(design, ""), true},
		{"generic topic", role(design, "checkout mocks"), role(design, "designs"), true},
		{"topic grows", role(design, "checkout"), role(design, "checkout page mocks, day 5"), true},
		{"role and designer", role(design, "checkout mocks"), who("U2", design, "mocks"), true},
		{"designer and artifact", who("U2", design, "checkout"), thing("artifact:checkout-mock", design, "checkout mocks"), true},
		{"role and team of the role", role(product, "guest checkout decision"), unblock.Wait{Node: "team:growth", Kind: unblock.TargetTeam, Role: product, Topic: "decision"}, true},
		{"product direction and decision", role(product, "product direction"), role(product, "decision"), true},
		{"same person by id", who("U2", design, "mocks"), who("U2", "", "onboarding mocks"), true},
		{"legal and the DPA", role(legal, "DPA review"), thing("artifact:dpa", legal, "DPA"), true},
		{"an artifact alone, its owner guessed otherwise", thing("artifact:pdf-license-check", unblock.RoleEngineering, "PDF license check"), role(legal, "license check for the PDF library"), true},
		{"an artifact alone, synonyms", thing("artifact:test-env", "", "test env"), role(unblock.RoleOps, "the test environment"), true},
		{"terms review", thing("artifact:term-review", unblock.RoleEngineering, "terms review, still waiting"), who("U6", legal, "the terms of service review"), true},
		{"a generic artifact and its owner", thing("artifact:decision", product, "decision"), role(product, "pricing direction"), true},
		{"PR merged and the review of it", thing("artifact:pr", unblock.RoleEngineering, "PR"), who("U7", unblock.RoleEngineering, "review of my PR"), true},
		{"two words for one thing", who("U3", unblock.RoleEngineering, "RC build"), who("U3", unblock.RoleEngineering, "the release candidate build"), true},
		{"a pull request and a PR", thing("artifact:pr", unblock.RoleEngineering, "billing pull request"), who("U4", unblock.RoleEngineering, "billing PR review"), true},
		{"a generic artifact alone, its owner guessed otherwise", thing("artifact:copy", legal, "copy"), who("U4", unblock.RoleEngineering, "onboarding copy sign-off"), true},
		{"a thing named by the outsider that brings it", thing("artifact:brightway-board", "", "Brightway boards"),
			unblock.Wait{Node: "external:brightway", Kind: unblock.TargetExternal, Role: unblock.RoleVendor, Topic: "PCB rev C"}, true},
		{"a thing named by an outsider of two words", thing("artifact:testlab-nord-emc-result", "", "TestLab Nord EMC results"),
			unblock.Wait{Node: "external:testlab-nord", Kind: unblock.TargetExternal, Topic: "EMC pre-scan results"}, true},
		{"an acronym's plural", unblock.Wait{Node: "external:orla", Kind: unblock.TargetExternal, Topic: "KPI sign-off"},
			unblock.Wait{Node: "external:orla", Kind: unblock.TargetExternal, Topic: "the KPIs"}, true},
		// Two waits.
		{"a thing naming part of an outsider's name", thing("artifact:nord-board", "", "Nord boards"),
			unblock.Wait{Node: "external:testlab-nord", Kind: unblock.TargetExternal, Topic: "EMC results"}, false},
		{"a generic artifact alone on another thing", thing("artifact:copy", legal, "copy"), who("U4", unblock.RoleEngineering, "billing PR review"), false},
		{"an artifact of an engineer's and another engineer's review", thing("artifact:cart-api", unblock.RoleEngineering, "cart API"), who("U7", unblock.RoleEngineering, "review of my PR"), false},
		{"an artifact alone on another thing", thing("artifact:staging-access", unblock.RoleOps, "staging access"), role(legal, "DPA review"), false},
		{"an artifact alone with a word more", thing("artifact:pdf-license-check", unblock.RoleEngineering, "PDF export license"), role(legal, "license check for the PDF library"), false},
		{"a date and a timeline are kinds of thing", who("U9", unblock.RoleProduct, "date"), who("U9", unblock.RoleProduct, "SCIM timeline"), true},
		{"that an answer is awaited says not what", unblock.Wait{Node: "external:northgate", Kind: unblock.TargetExternal, Topic: "movement"},
			unblock.Wait{Node: "external:northgate", Kind: unblock.TargetExternal, Topic: "AML review"}, true},
		{"a rough estimate is the estimate", who("U11", unblock.RoleEngineering, "rough estimate"), who("U11", unblock.RoleEngineering, "MCC estimate"), true},
		{"a call is a kind of thing", who("U10", unblock.RoleProduct, "call"), who("U10", unblock.RoleProduct, "undo decision"), true},
		{"a compound written with and without its hyphen", role(design, "final bulk-edit spec"), role(design, "final bulk edit designs"), true},
		{"a known compound is one word", who("U8", unblock.RoleLeadership, "DPA sign-off"), who("U8", unblock.RoleLeadership, "budget sign-off"), false},
		{"two topics on one role", role(design, "pricing page mocks"), role(design, "onboarding copy"), false},
		{"two PRs", role(unblock.RoleEngineering, "PR 1234"), role(unblock.RoleEngineering, "PR 1250"), false},
		{"two roles", role(design, "checkout mocks"), role(product, "checkout mocks"), false},
		{"two designers", who("U2", design, "mocks"), who("U5", design, "mocks"), false},
		{"two outsiders of one role", unblock.Wait{Node: "external:acme", Kind: unblock.TargetExternal, Role: unblock.RoleVendor},
			unblock.Wait{Node: "external:globex", Kind: unblock.TargetExternal, Role: unblock.RoleVendor}, false},
		{"unknown roles", thing("artifact:checkout", "", ""), thing("artifact:pricing", "", ""), false},
		{"unknown person and role", who("person:jo", "", "mocks"), role(design, "mocks"), false},
	}
	for _, tt := range tests {
		if got := unblock.SameWait(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: SameWait(%+v, %+v) = %v; want %v", tt.name, tt.a, tt.b, got, tt.want)
		}
		if got := unblock.SameWait(tt.b, tt.a); got != tt.want {
			t.Errorf("%s: SameWait is not symmetric", tt.name)
		}
	}
}

func TestShortOrFullName(t *testing.T) {
	out := func(node string) unblock.Wait {
		return unblock.Wait{Node: node, Kind: unblock.TargetExternal, Role: unblock.RoleCustomer}
	}
	tests := []struct {
		a, b unblock.Wait
		want bool
	}{
		{out("external:helix"), out("external:helix-retail"), true},
		{out("external:helix-retail"), out("external:helix-retail-group"), true},
		{out("external:helix"), out("external:helix"), false},             // one name: SameWait's
		{out("external:acme"), out("external:acmex-retail"), false},       // not a whole word
		{out("external:helix-labs"), out("external:helix-retail"), false}, // one word shared
		{out("external:retail"), out("external:helix-retail"), false},     // the last words, not the first
		{out(""), out("external:helix"), false},                           // no node
		{out("external:platform"), unblock.Wait{Node: "external:platform-infra", Kind: unblock.TargetTeam}, false},
		{unblock.Wait{Node: "team:platform", Kind: unblock.TargetTeam}, unblock.Wait{Node: "team:platform-infra", Kind: unblock.TargetTeam}, false},
	}
	for _, tt := range tests {
		if got := unblock.ShortOrFullName(tt.a, tt.b); got != tt.want {
			t.Errorf("ShortOrFullName(%s, %s) = %v; want %v", tt.a.Node, tt.b.Node, got, tt.want)
		}
		if got := unblock.ShortOrFullName(tt.b, tt.a); got != tt.want {
			t.Errorf("ShortOrFullName(%s, %s) is not symmetric", tt.a.Node, tt.b.Node)
		}
	}
}

func TestTopicOverlap(t *testing.T) {
	if a, b := unblock.TopicOverlap("pricing page mocks", "pricing mocks"), unblock.TopicOverlap("onboarding copy", "pricing mocks"); a <= b {
		t.Fatalf("TopicOverlap: pricing %d, onboarding %d; want pricing to overlap more", a, b)
	}
}

func TestJoinTopics(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"pricing decision", "checkout spec", "pricing decision, checkout spec"},
		{"pricing page mocks", "the mocks for the pricing page", "pricing page mocks"}, // nothing new
		{"", "checkout spec", ""},  // no topic refines nothing, and stays so (rule 2)
		{"word", "Tomasz", "word"}, // filler alone is no topic
		{"ship date", "", "ship date"},
	}
	for _, tt := range tests {
		if got := unblock.JoinTopics(tt.a, tt.b); got != tt.want {
			t.Errorf("JoinTopics(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
	if got := unblock.JoinTopics(strings.Repeat("alpha ", 30), strings.Repeat("beta ", 30)); utf8.RuneCountInString(got) > unblock.MaxTopicRunes {
		t.Errorf("JoinTopics: %d runes, want at most %d", utf8.RuneCountInString(got), unblock.MaxTopicRunes)
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct {
		in   unblock.Target
		node string
		role unblock.Role
	}{
		{unblock.Target{Kind: unblock.TargetRole, Name: "eng", Role: unblock.RoleEngineering}, "role:engineering", unblock.RoleEngineering},
		{unblock.Target{Kind: unblock.TargetRole, Name: "Engineering"}, "role:engineering", unblock.RoleEngineering},
		{unblock.Target{Kind: unblock.TargetRole, Name: "lawyers", Role: unblock.RoleLegal}, "role:legal", unblock.RoleLegal},
		{unblock.Target{Kind: unblock.TargetRole, Name: "checkout"}, "team:checkout", ""},
		{unblock.Target{Kind: unblock.TargetRole, Name: "the designers"}, "role:design", unblock.RoleDesign},
		{unblock.Target{Kind: unblock.TargetTeam, Name: "eng team"}, "role:engineering", unblock.RoleEngineering},
		{unblock.Target{Kind: unblock.TargetTeam, Name: "the product-team"}, "role:product", unblock.RoleProduct},
		{unblock.Target{Kind: unblock.TargetTeam, Name: "the data team", Role: unblock.RoleData}, "role:data", unblock.RoleData},
		{unblock.Target{Kind: unblock.TargetTeam, Name: "data-team"}, "role:data", unblock.RoleData},
		{unblock.Target{Kind: unblock.TargetTeam, Name: "the Platform team", Role: unblock.RoleOps}, "team:platform", unblock.RoleOps},
		{unblock.Target{Kind: unblock.TargetExternal, Name: "the Acme folks"}, "external:acme-folks", ""},
		// A company's legal form is no part of its node: one outsider however named.
		{unblock.Target{Kind: unblock.TargetExternal, Name: "Acme"}, "external:acme", ""},
		{unblock.Target{Kind: unblock.TargetExternal, Name: "Acme Corp", Role: unblock.RoleCustomer}, "external:acme", unblock.RoleCustomer},
		{unblock.Target{Kind: unblock.TargetExternal, Name: "Acme Corp."}, "external:acme", ""},
		{unblock.Target{Kind: unblock.TargetExternal, Name: "ACME, Inc."}, "external:acme", ""},
		{unblock.Target{Kind: unblock.TargetExternal, Name: "the Acme Corporation"}, "external:acme", ""},
		{unblock.Target{Kind: unblock.TargetExternal, Name: "Acme Pty Ltd"}, "external:acme", ""},
		{unblock.Target{Kind: unblock.TargetExternal, Name: "Acme GmbH"}, "external:acme", ""},
		{unblock.Target{Kind: unblock.TargetExternal, Name: "Acme LLC"}, "external:acme", ""},
		{unblock.Target{Kind: unblock.TargetExternal, Name: "Banco Sol S.A."}, "external:banco-sol", ""},
		{unblock.Target{Kind: unblock.TargetExternal, Name: "Smith & Co."}, "external:smith", ""},
		{unblock.Target{Kind: unblock.TargetExternal, Name: "Müller GmbH"}, "external:müller", ""},
		{unblock.Target{Kind: unblock.TargetExternal, Name: "Corp"}, "external:corp", ""},                   // only a legal form
		{unblock.Target{Kind: unblock.TargetExternal, Name: "Acme Holdings"}, "external:acme-holdings", ""}, // no legal form
		{unblock.Target{Kind: unblock.TargetExternal, Name: "Co-op Bank"}, "external:co-op-bank", ""},       // not at the end
		{unblock.Target{Kind: unblock.TargetExternal, Name: "the phone company"}, "external:phone-company", ""},
		{unblock.Target{Kind: unblock.TargetTeam, Name: "Platform Co"}, "team:platform-co", ""}, // an outsider's rule only
		{unblock.Target{Kind: unblock.TargetArtifact, Name: "the API specs", Role: unblock.RoleProduct}, "artifact:api-spec", unblock.RoleProduct},
		{unblock.Target{Kind: unblock.TargetArtifact, Name: "API spec"}, "artifact:api-spec", ""},
		{unblock.Target{Kind: unblock.TargetArtifact, Name: "our new mockups"}, "artifact:mock", ""},
		{unblock.Target{Kind: unblock.TargetArtifact, Name: "the test environments"}, "artifact:test-env", ""},
		{unblock.Target{Kind: unblock.TargetPerson, Name: "Zed Zed"}, "person:zed-zed", ""},
	}
	for _, tt := range tests {
		c := unblock.Canonical(tt.in)
		if got := tt.in.Node(); got != tt.node || c.Role != tt.role {
			t.Errorf("Canonical(%+v) = %+v, node %q; want node %q, role %q", tt.in, c, got, tt.node, tt.role)
		}
	}
}

func TestIsNoneName(t *testing.T) {
	for _, s := range []string{"none", "None.", "n/a", "N/A", "-", "—", "nothing", "", "nope", "the none", "none yet"} {
		if !unblock.IsNoneName(s) {
			t.Errorf("IsNoneName(%q) = false; want true", s)
		}
	}
	for _, s := range []string{"API spec", "none of the mocks", "noneuclidean", "still not in", "the"} {
		if unblock.IsNoneName(s) {
			t.Errorf("IsNoneName(%q) = true; want false", s)
		}
	}
}

func TestStandupChannel(t *testing.T) {
	for name, want := range map[string]bool{
		"standup": true, "eng-standup": true, "standups_design": true, "daily-product": true, "team-scrum": true,
		"check-ins": true, "#Standup": true, "general": false, "random": false, "design": false, "dailynews": false,
		"eng-stand-up": true, "team-check-in": true, "Reminder: post your stand-up notes here.": true, "stand-by": false,
		"check-out": false, "up-stand": false, "team-status": true, "eng-async": true, "blockers": true,
		"product-updates": false, "statuspage": false,
	} {
		if got := unblock.StandupChannel(name); got != want {
			t.Errorf("StandupChannel(%q) = %v; want %v", name, got, want)
		}
	}
}

// TestSingular checks the plural rule the topics are compared with: an
// acronym's plural ("KPIs", "APIs") is its singular, and a word in -is that is no
// plural stays.
func TestSingular(t *testing.T) {
	for w, want := range map[string]string{"kpis": "kpi", "apis": "api", "mocks": "mock", "stories": "story",
		"analysis": "analysis", "basis": "basis", "axis": "axis", "tennis": "tennis", "this": "this", "status": "status",
		"access": "access"} {
		if got := unblock.Singular(w); got != want {
			t.Errorf("Singular(%q) = %q; want %q", w, got, want)
		}
	}
}

// TestTopicsAgreeByInitials checks that a thing named by its initials in one
// topic and in full in another is one thing, and that capitalised names and
// unrelated initials are not.
func TestTopicsAgreeByInitials(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"DSA approval", "data sharing agreement", true},
		{"CR", "the change request for the fee screen", true},
		{"sign-off from the HoD", "Head of Digital sign-off", true},
		{"P&D Committee vote", "Planning and Development Committee", true},
		{"DPA", "pricing copy", false},
		{"McCarthy piece", "media contract", false},
		{"Graham", "growth report", false},
	} {
		if got := unblock.TopicsAgree(c.a, c.b); got != c.want {
			t.Errorf("TopicsAgree(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := unblock.TopicOverlap(c.b, c.a) > 0; got != c.want {
			t.Errorf("TopicOverlap(%q, %q) > 0 = %v, want %v", c.b, c.a, got, c.want)
		}
	}
}

// Whose side a thing is on is no topic ("pending from finance end", "from the
// hotel side"), and a thing named by a common synonym is the same thing
// (waitwords.txt's stop: and same: lines).
func TestTopicsAgreeSidesAndSynonyms(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"legal end", "the DPA redlines", true}, // "pending from legal end": a role's side names no thing
		{"design side", "onboarding mocks", true},
		{"hotel side contract", "hotel contract", true},
		{"speaker list", "lineup", true},
		{"hi-res pictures of the main hall", "venue photos", true},
		{"speaker list", "venue photos", false},
		{"proforma invoice", "room block contract", false},
	} {
		if got := unblock.TopicsAgree(c.a, c.b); got != c.want {
			t.Errorf("TopicsAgree(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
