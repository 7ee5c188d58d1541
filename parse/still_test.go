package parse

import "testing"

// "Still not" under a blockers question says the awaited thing has still not come:
// the wait goes on (blocked, with no target: the ledger continues what is open). It
// is not a none, which would clear every open blocker of its author.
func TestStillNotIsAWaitNotANone(t *testing.T) {
	tests := []struct {
		in            string
		blocked, none bool
	}{
		{"B: still not in", true, false},
		{"*Blockers:* still not in", true, false},
		{"Anything blocking you?\nstill not here", true, false},
		{"B: still hasn't arrived", true, false},
		{"still not in", false, false},
		{"B: still none", false, true},
		{"B: still nothing", false, true},
		{"B: still no blockers", false, true},
		{"B: still not blocked", false, true},
		{"B: not yet", false, true},
	}
	for _, tt := range tests {
		st := Parse(tt.in, nil)
		if st.Blocked != tt.blocked || st.None != tt.none {
			t.Errorf("Parse(%q) = blocked %v, none %v; want blocked %v, none %v", tt.in, st.Blocked, st.None, tt.blocked, tt.none)
		}
	}
}
