package parse

import "testing"

// TestSignals reads testdata/signals.txt: made-up statements grouped by the
// signal rule they exercise (a resolution, a wait, an explicit none or a
// distractor), each family with siblings in other words, and checks what
// Parse says of each.
func TestSignals(t *testing.T) {
	for _, c := range tabCases(t, "testdata/signals.txt", "WANT<tab>RULE<tab>TEXT") {
		want, rule, in := c.fields[0], c.fields[1], c.fields[2]
		switch want {
		case "B", "R", "BR", "N", "C", "-":
		default:
			t.Fatalf("signals.txt:%d: WANT %q, want B, R, BR, N, C or -", c.line, want)
		}
		st, steps := Explain(in, nil)
		if got := signals(st); got != want {
			t.Errorf("signals.txt:%d (%s): Parse(%q) = %s; want %s (trace %v)", c.line, rule, in, got, want, steps)
		}
	}
}
