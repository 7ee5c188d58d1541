package parse

import (
	"strings"
	"testing"
)

// TestTopic checks the topic, exactly, for the cases of issue 4 and for each
// general rule the topic follows.
func TestTopic(t *testing.T) {
	tests := []struct {
		in, topic string
	}{
		// Issue 4: what is awaited, not whom.
		{"Blocked on design: checkout mocks, day 5", "checkout mocks"},
		{"Blockers: still no mocks from design for checkout", "checkout mocks"},
		{"Still no decision on guest checkout from product", "guest checkout decision"},
		{"Blockers: waiting on <@U0EVE0001> for the onboarding flow mocks", "onboarding flow mocks"},
		{"still waiting on Eve for the onboarding mocks", "onboarding mocks"},

		// What has not come, before whom it comes from or after their verb; not the author's work after it.
		{"The 10 test sensors from Trakwise haven't shipped yet, can't build the cold-room test rig.", "10 test sensors"},
		{"Trakwise haven't shipped the sensors", "sensors"},
		{"We sent the samples for review last week", "review"},
		{"Waiting on legal to sign before we can invoice Q1.", ""},

		// The target's own name is no topic: nothing, or what follows it.
		{"blocked on design", ""},
		{"still blocked on Tomas", ""},
		{"waiting on <@U0EVE0001>", ""},
		{"Blocked on design: Eve", ""},
		{"Blocked on legal (DPA review)", "DPA review"},
		{"waiting on ops - staging database access, again", "staging database access"},
		{"Blocked on QA: sign-off for the 2.4 release", "2.4 release sign-off"},
		{"Waiting on legal re: the cookie banner wording", "cookie banner wording"},
		{"Blocked on design, will ping them again", ""},
		// What the party does is no thing awaited, nor its particle.
		{"blocked until finance signs off", ""},
		{"blocked until the executive director signs", ""},
		{"blocked until legal signs the DPA", "DPA"},
		{"can't ship until Apple approves the build", "build"},
		// The target deciding is not part of the topic.
		{"on hold until product decides on pricing", "pricing"},
		// A span of time is no topic.
		{"blocked on design for a bit", ""},
		{"blocked on legal for 2 weeks", ""},
		{"waiting on ops for ages", ""},
		{"Blocked on design. Checkout mocks are late", ""},

		// Fillers and trailing times are left out.
		{"waiting on Tomasz for the load test results, day 4", "load test results"},
		{"blocked on the API spec again", "API spec"},
		{"need the API keys from the vendor by EOD", "API keys"},
		{"Just marking as blocked until next Friday", ""},
		{"blocked for the moment", ""},

		// Compound modifiers, before and after the known word.
		{"waiting on design for the billing page copy", "billing page copy"},
		{"blocked on the platform team for the new CI runners", "new CI runners"},
		{"We are waiting for someone to deliver updated tables.", "updated tables"},

		// "X from <target> for/on Y" -> "Y X"; not when Y is whom or when.
		{"need approval from legal for the launch", "launch approval"},
		{"Need approval on Figma mockup (v3) from Ines by EOD", "Figma mockup approval"},
		{"need the mocks from design for Eve", "mocks"},
		{"waiting for the review for 3 days", "review"},
		{"Second alpha (blocked by resolution of this etcd issue)", "etcd issue resolution"},
		{"Waiting on legal for the updated terms of service", "updated terms of service"},
		{"Requirements for the export feature are still missing", "export feature requirements"},

		// A reply awaited: what it is about.
		{"no word from legal on the DPA", "DPA"},
		{"Waiting for update on the text from Nadia", "text"}, // an update is an empty noun: what it is on is the thing

		// Verbs are no part of the thing.
		{"waiting on legal to approve the retention copy", "retention copy"},
		{"Blocked on getting a test account from Stripe", "test account"},
		{"Can't proceed with the rollout until ops approves the maintenance window", "maintenance window"},
		{"Need leadership to decide whether we ship the beta", ""},
		{"blocked on moving sig-auth e2e tests", "moving sig-auth e2e tests"},

		// The thing may come before the cue or in the clause before.
		{"PR reviews blocked on Dario", "PR reviews"},
		{"IPLD Format Spec reviews (I'll ping Kofi again)", "IPLD Format Spec reviews"},
		{"mock up theme page- dependent on content team work", "content team work"},
		{"unblocked now, next I'm waiting on QA", ""},

		// A relative clause ends the phrase.
		{"We got locked out of a website that is down", "website"},
		{"waiting on <@U1> for a date I can actually commit to", "date"},

		// The act awaited is no topic: what it is done to is, or none.
		{"waiting for it to be reviewed", ""},
		{"the contractor agreement is with legal, can't onboard her until it's signed", ""},
		{"waiting on legal for the DPA, can't ship until it's signed", "DPA"},

		// What is with a party for an act is the thing; what a need is for may stand before whom from.
		{"pricing tiers for the data add-on are with <@U1> for sign-off, can't brief sales until then", "pricing tiers sign-off"},
		{"need the data-flow diagram for the ERP connector from <@U1>", "ERP connector data-flow diagram"},

		// What a list holds is its topic; a heading before the colon names what a wait is for when the wait names nothing.
		{"*B:* need the list of pilot accounts from <@U1> for the usage report", "pilot accounts list"},
		{"B: DPA: still waiting on legal", "DPA"},
		{"Blockers: Halden addendum: legal review still pending", "legal review"},

		{"The onboarding v2 landing copy is with compliance for the financial promotions review", "onboarding v2 landing copy"},
		{"Current status is with <@U1> for refreshing the server quote", "server quote"},

		// What the author does meanwhile is no topic.
		{"Blocked: Nora hasn't decided on txn types yet, building both variants", ""},

		// What an access is to is part of its topic.
		{"need read access to the staging replica, asked <@U1> yday", "staging replica read access"},
		{"waiting on permission to deploy", "permission"},

		// A heading before an item's colon is no topic when the item tells its own.
		{"B: SCIM date: nope", "SCIM date"},
	}
	for _, tt := range tests {
		st := Parse(tt.in, nil)
		if !st.Blocked {
			t.Errorf("Parse(%q) not blocked", tt.in)
		}
		if st.Topic != tt.topic {
			t.Errorf("Parse(%q) topic = %q; want %q", tt.in, st.Topic, tt.topic)
		}
		checkInvariants(t, tt.in, st)
	}
}

// TestTopicSameBlocker checks that ways of writing the same blocker give
// topics the store takes for the same one, and that different things do not.
// The store's rule: either topic is empty, or the meaningful words of one are
// among the other's (lower-cased, without a plural s).
func TestTopicSameBlocker(t *testing.T) {
	words := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, w := range strings.Fields(strings.ToLower(s)) {
			switch w {
			case "a", "an", "the", "of", "for", "on", "to", "from", "and", "or", "in", "with":
				continue
			}
			if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
				w = w[:len(w)-1]
			}
			m[w] = true
		}
		return m
	}
	same := func(a, b string) bool {
		wa, wb := words(a), words(b)
		if len(wa) > len(wb) {
			wa, wb = wb, wa
		}
		for w := range wa {
			if !wb[w] {
				return false
			}
		}
		return true
	}
	tests := []struct {
		a, b string
		same bool
	}{
		{"Blocked on design: checkout mocks, day 5", "Blockers: still no mocks from design for checkout", true},
		{"Blocked on design: checkout mocks", "still blocked on design", true},
		{"still waiting on Eve for the onboarding mocks", "waiting on Eve for the mocks", true},
		{"Still no decision on guest checkout from product", "waiting on product for the guest checkout decision", true},
		{"Blockers: waiting on <@U0EVE0001> for the onboarding flow mocks", "still waiting on <@U0EVE0001> for the onboarding mocks", true},
		{"Blocked on design: checkout mocks", "Blocked on design: Eve", true},
		{"Blocked on design: checkout mocks", "Blocked on design: settings page icons", false},
		{"Blocked on legal (DPA review)", "Blocked on legal: cookie banner wording", false},
	}
	for _, tt := range tests {
		a, b := Parse(tt.a, nil), Parse(tt.b, nil)
		if !a.Blocked || !b.Blocked {
			t.Errorf("%q / %q: blocked %v %v", tt.a, tt.b, a.Blocked, b.Blocked)
		}
		if got := same(a.Topic, b.Topic); got != tt.same {
			t.Errorf("topics %q (%q) and %q (%q): same blocker %v; want %v", a.Topic, tt.a, b.Topic, tt.b, got, tt.same)
		}
	}
}

// TestNoTopic checks that a topic of words that never say what is awaited is
// dropped (it would set a wait apart from itself told again), and that a
// version awaited stays one.
func TestNoTopic(t *testing.T) {
	for _, c := range []struct{ text, topic string }{
		{"IRS response on hold", ""},
		{"Ok, agree, thanks, I am blocking this until the backend is deployed", ""},
		{"I still need to hear back from three of them", ""},
		{"what about the paper that is stalled? Waiting for 0.1", "0.1"},
		{"still waiting on legal for the DPA", "DPA"},
		// A pronoun and its verb are no thing: "until they're back", "until they're here".
		{"can't start fit checks until they're here", ""},
		{"redlines are with outside counsel, can't countersign until they're back", "redlines"},
	} {
		if got := Parse(c.text, nil).Topic; got != c.topic {
			t.Errorf("Parse(%q).Topic = %q, want %q", c.text, got, c.topic)
		}
	}
}
