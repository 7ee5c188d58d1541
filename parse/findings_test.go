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
		{"B: still no pricing mocks from Dana", "pricing mocks", target{"person", "design"}},
		{"B: billing PR review", "billing PR review", target{"artifact", "engineering"}},
		{"Blockers: marketing copy for the launch page", "launch page marketing copy", target{"artifact", ""}},
		{"B: waiting on the event tracking fix", "event tracking fix", target{"artifact", "engineering"}},
		{"B: shipping labels spec", "shipping labels spec", target{"artifact", "product"}},
		// A word that may be a verb is a noun inside a compound it starts.
		{"B: blocked on <@U4ROSA> for the release candidate build", "release candidate build", target{"person", "engineering"}},
		{"B: release candidate build", "release candidate build", target{"artifact", "engineering"}},
		{"need <@U1> to release the build", "build", target{"person", "engineering"}},
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
