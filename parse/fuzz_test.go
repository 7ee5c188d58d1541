package parse

import (
	"os"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics and that every statement keeps the
// invariants: none is never blocked, targets and topic only come with blocked
// or resolved, Targets is never nil, and names and topics are the author's
// own words.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "-", "B: -", "none :tada:", "<@U1|ana>", "<!subteam^S1|@design>", "<@", "<!subteam^>",
		"Y: a\nT: b\nB: waiting on <@U024BE7LH> for the mocks", "unblocked now, next I'm waiting on QA",
		"’s", "Wren’s approval", "n/a", "#", "#1", ":tada", "&lt;@U1&gt;", "\xff\xfe", "blocked\u2014blocking",
	} {
		f.Add(s)
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
			if !tg.Kind.Valid() || tg.Name == "" || !strings.Contains(text, tg.Name) {
				t.Fatalf("Parse(%q): bad target %+v", text, tg)
			}
		}
		if !strings.Contains(text, st.Topic) {
			t.Fatalf("Parse(%q): topic %q is not from the text", text, st.Topic)
		}
	})
}
