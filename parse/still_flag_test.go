package parse

import "testing"

// TestStillFlag checks Statement.Still: a blocked report whose blockers' part
// tells the wait as going on (lexicon class goes-on), and no other.
func TestStillFlag(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"Still no word from infra on RITM0048211", true},
		{"B: chased legal again about the DPA", true},
		{"the API keys from Acme haven't arrived yet", true},
		{"waiting on legal for the DPA", false},
		{"Y: still on the migration\nT: fee rules\nB: waiting on legal for the DPA", false}, // "still" tells the author's day
		{"B: none, still on the migration", false},                                          // no wait at all
	} {
		if st := Parse(tt.in, nil); st.Still != tt.want {
			t.Errorf("Parse(%q).Still = %v, want %v (%+v)", tt.in, st.Still, tt.want, st)
		}
	}
}
