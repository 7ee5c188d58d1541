package unblock

import (
	"strings"
	"testing"
)

// TestThings checks that things.txt loads, that every awaited thing has a
// built-in owner or none, and that its generic marks give the same-blocker
// rule the kinds it reads.
func TestThings(t *testing.T) {
	things := Things()
	if len(things) < 100 {
		t.Fatalf("Things() = %d things; want the built-in list", len(things))
	}
	owners := map[string]Role{}
	for _, th := range things {
		if th.Owner != RoleUnknown && !th.Owner.IsBuiltin() {
			t.Errorf("thing %q: owner %q is not built in", th.Phrase, th.Owner)
		}
		owners[th.Phrase] = th.Owner
	}
	for phrase, want := range map[string]Role{"mocks": RoleDesign, "contract": RoleLegal, "dashboard": RoleData, "spec": RoleProduct, "pen test": RoleSecurity, "test plan": RoleQA, "feedback": RoleUnknown} {
		if got, ok := owners[phrase]; !ok || got != want {
			t.Errorf("thing %q: owner %q (listed %v); want %q", phrase, got, ok, want)
		}
	}
	tests := []struct {
		topic                 string
		distinctive, generics string
	}{
		{"pricing page mocks", "pricing", "page mock"},
		{"the checkout spec", "checkout", "spec"},
		{"green light", "", "approval"},
		{"DPA", "dpa", ""}, // a thing, but not a generic kind: the DPA and the MSA are two waits
		{"onboarding copy", "onboarding", "copy"},
	}
	for _, tt := range tests {
		w := TopicWords(tt.topic)
		for _, d := range strings.Fields(tt.distinctive) {
			if !w.Distinctive[d] {
				t.Errorf("TopicWords(%q) = %+v; want %q distinctive", tt.topic, w, d)
			}
		}
		for _, g := range strings.Fields(tt.generics) {
			if !w.Generic[g] {
				t.Errorf("TopicWords(%q) = %+v; want %q generic", tt.topic, w, g)
			}
		}
	}
}

func TestReadThingsErrors(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"artifact finance: budget", `x.txt:1: "finance" is not a built-in role`},
		{"artifact design strong: mocks", `x.txt:1: want "artifact ROLE [weak] [generic]: phrases"`},
		{"artifact design generic generic: mocks", `x.txt:1: want "artifact ROLE [weak] [generic]: phrases"`},
		{"generic design: mocks", `x.txt:1: want "artifact ROLE [weak] [generic]: phrases" or "generic: words"`},
		{"artifact design: mocks,, icons", `x.txt:1: an empty item can never match`},
		{"just words", `x.txt:1: want "KIND [ARGS]: ITEM, ITEM"`},
	} {
		if _, err := readThings("x.txt", tt.text); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("readThings(%q) = %v; want %q", tt.text, err, tt.want)
		}
	}
}
