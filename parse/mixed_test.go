package parse

import (
	"slices"
	"strings"
	"testing"
)

// TestMixed reads testdata/mixed.txt: reports that say one wait cleared and
// another goes on must be blocked and resolved, with what arrived (and from
// whom) marked resolved and only the wait still on awaited, with its topic; a
// block chosen on purpose is no wait; marks appear in no other report.
func TestMixed(t *testing.T) {
	names := func(s string) []string {
		if s == "-" {
			return nil
		}
		out := strings.Split(s, ",")
		slices.Sort(out)
		return out
	}
	for _, c := range tabCases(t, "testdata/mixed.txt", "WANT<tab>CLEARED<tab>AWAITED<tab>TOPIC<tab>TEXT") {
		line, fields := c.line, c.fields
		want, in := fields[0], fields[4]
		st, steps := Explain(in, nil)
		got := signals(st)
		var cleared, awaited []string
		for _, tg := range st.Targets {
			if tg.Resolved {
				cleared = append(cleared, tg.Name)
			} else {
				awaited = append(awaited, tg.Name)
			}
		}
		slices.Sort(cleared)
		slices.Sort(awaited)
		topic := st.Topic
		if topic == "" {
			topic = "-"
		}
		if got != want || !slices.Equal(cleared, names(fields[1])) || !slices.Equal(awaited, names(fields[2])) ||
			fields[3] != "*" && topic != fields[3] {
			t.Errorf("mixed.txt:%d: Parse(%q) = %s, cleared %q, awaited %q, topic %q; want %s, %s, %s, %s (trace %v)",
				line, in, got, cleared, awaited, topic, want, fields[1], fields[2], fields[3], steps)
		}
	}
}
