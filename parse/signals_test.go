package parse

import (
	"fmt"
	"testing"
)

// TestSignals reads testdata/signals.txt: made-up statements grouped by the
// signal rule they exercise (a resolution, a wait, an explicit none or a
// distractor), each family with siblings in other words, and checks what
// Parse says of each. A line the rules read as it wants may be read otherwise
// once the statement model weighs in (it adds a wait to a report that says
// blocker in so many words at 0.5, an arrival at 0.7: model_train.go): such lines are
// listed, and at most modelMisreadsSignals of them pass, so that a new one
// shows (lower it when one is fixed). Every other line must read as it wants.
func TestSignals(t *testing.T) {
	const modelMisreadsSignals = 1
	var misread []string
	for _, c := range tabCases(t, "testdata/signals.txt", "WANT<tab>RULE<tab>TEXT") {
		want, rule, in := c.fields[0], c.fields[1], c.fields[2]
		switch want {
		case "B", "R", "BR", "N", "C", "-":
		default:
			t.Fatalf("signals.txt:%d: WANT %q, want B, R, BR, N, C or -", c.line, want)
		}
		st, steps := Explain(in, nil)
		got := signals(st)
		if got == want {
			continue
		}
		msg := fmt.Sprintf("signals.txt:%d (%s): Parse(%q) = %s; want %s (trace %v)", c.line, rule, in, got, want, steps)
		if rulesAlone := signals(new(parser).parse(in, defaultLexicon(), nil)); rulesAlone == want && steps[len(steps)-1].Rule == "model" {
			misread = append(misread, msg)
			continue
		}
		t.Error(msg)
	}
	for _, m := range misread {
		t.Log("the model: " + m)
	}
	if len(misread) > modelMisreadsSignals {
		t.Errorf("the statement model misreads %d lines the rules read right; at most %d", len(misread), modelMisreadsSignals)
	}
}
