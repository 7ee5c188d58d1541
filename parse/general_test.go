package parse

import (
	"testing"

	"github.com/unblock-dev/unblock"
)

// TestGeneralRules covers rules written from how people talk about blockers in
// general, each with made-up examples (never lines of a held-out set): the
// pattern, cases that must still be read as blockers, and cases that must not.
func TestGeneralRules(t *testing.T) {
	const B, R, N = true, true, true
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
		// "no update from me": nobody owes the author anything.
		{"no update from me", "No updates from me this week", want{}},
		{"no update from me", "no update from legal yet", want{blocked: B, roles: []unblock.Role{"legal"}}},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			check(t, c.in, Parse(c.in, nil), c.w)
		})
	}
	_ = R
}
