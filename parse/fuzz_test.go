package parse

import (
	"os"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
)

// FuzzParse checks that Parse never panics and that every statement keeps the
// invariants: none is never blocked, targets and topic only come with blocked
// or resolved, Targets is never nil, names are the author's own words, and so
// is every word of a topic (a topic may put them in another order: "mocks
// from design for checkout" -> "checkout mocks").
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "-", "B: -", "none :tada:", "<@U1|ana>", "<!subteam^S1|@design>", "<@", "<!subteam^>",
		"Y: a\nT: b\nB: waiting on <@U024BE7LH> for the mocks", "unblocked now, next I'm waiting on QA",
		"’s", "Wren’s approval", "n/a", "#", "#1", ":tada", "&lt;@U1&gt;", "\xff\xfe", "blocked\u2014blocking",
		"Blockers: still no mocks from design for checkout", "Blocked on design: checkout mocks, day 5",
		"Requirements for the export feature are still missing", "no word from legal on the DPA",
		strings.Repeat("*", 64) + strings.Repeat("_", 64), "waiting on FP&amp;A for the budget",
		"B: none, but next week is busy", "Cart API is merged so I'm unblocked. No blockers today",
	} {
		f.Add(s)
	}
	for _, shape := range linearShapes {
		f.Add(shape(64))
	}
	if data, err := os.ReadFile("testdata/standups.txt"); err == nil {
		for _, c := range strings.Split(string(data), "\n=== ") {
			f.Add(c)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		st := Parse(text, nil)
		if st.None && st.Blocked {
			t.Fatalf("Parse(%q): none and blocked", text)
		}
		if st.Targets == nil {
			t.Fatalf("Parse(%q): nil Targets", text)
		}
		if (len(st.Targets) > 0 || st.Topic != "") && !st.Blocked && !st.Resolved {
			t.Fatalf("Parse(%q): targets %v topic %q without blocked or resolved", text, st.Targets, st.Topic)
		}
		for _, tg := range st.Targets {
			if tg.Role != unblock.RoleUnknown && !unblock.ParseRole(string(tg.Role)).IsBuiltin() {
				t.Fatalf("Parse(%q): target %+v has a role outside the vocabulary", text, tg)
			}
			// A name is the text's words; a channel that names a party is "#"
			// and its name as the link shows it ("<#C123|infra-help>").
			channel := strings.HasPrefix(tg.Name, "#") && strings.Contains(text, "|"+tg.Name[1:]+">")
			if !tg.Kind.Valid() || tg.Name == "" || !strings.Contains(text, tg.Name) && !channel {
				t.Fatalf("Parse(%q): bad target %+v", text, tg)
			}
			for _, w := range strings.Fields(tg.Topic) {
				if !strings.Contains(strings.ToLower(text), strings.ToLower(w)) {
					t.Fatalf("Parse(%q): target %+v: topic word %q is not from the text", text, tg, w)
				}
			}
		}
		if st.Topic != strings.TrimSpace(st.Topic) || len(st.Topic) > len(text) {
			t.Fatalf("Parse(%q): topic %q", text, st.Topic)
		}
		low := strings.ToLower(text)
		for _, w := range strings.Fields(st.Topic) {
			if !strings.Contains(low, strings.ToLower(w)) {
				t.Fatalf("Parse(%q): topic %q: %q is not from the text", text, st.Topic, w)
			}
		}
	})
}
