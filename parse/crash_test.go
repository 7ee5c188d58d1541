package parse

import "testing"

// Inputs that once crashed the parser (an index past the last token when a cue
// ended the text). Parse must return, whatever the text.
func TestParse_NoCrashAtTheEdges(t *testing.T) {
	for _, in := range []string{
		"pending", "still pending", "it is pending", "This is pending", "all of it pending", "B: pending",
		"the approval is pending", "blocked", "waiting", "B:", "*", "on hold", "depends on",
	} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("Parse(%q) panicked: %v", in, r)
				}
			}()
			Parse(in, nil)
		}()
	}
}
