package parse

import (
	"strings"
	"testing"
	"time"
)

// linearShapes are inputs that once took quadratic time, or could: runs of
// markup, words and cues with no sentence end.
var linearShapes = map[string]func(n int) string{
	"stars then underscores": func(n int) string { return strings.Repeat("*", n) + strings.Repeat("_", n) },
	"stars":                  func(n int) string { return strings.Repeat("*", n) },
	"hashes and dashes":      func(n int) string { return strings.Repeat("#-", n) },
	"bullets":                func(n int) string { return strings.Repeat("- ", n) },
	"words":                  func(n int) string { return strings.Repeat("mocks ", n) },
	"blocked words":          func(n int) string { return strings.Repeat("blocked ", n) },
	"waiting on design":      func(n int) string { return strings.Repeat("waiting on design for the mocks ", n) },
	"commas":                 func(n int) string { return strings.Repeat("no, ", n) },
	"none words":             func(n int) string { return strings.Repeat("none ", n) },
	"until":                  func(n int) string { return strings.Repeat("can't start until ", n) },
	"need from":              func(n int) string { return strings.Repeat("need the spec from ", n) },
	"capitals":               func(n int) string { return strings.Repeat("Dana Acme ", n) },
	"lines":                  func(n int) string { return strings.Repeat("Blockers:\n", n) },
	"emoji":                  func(n int) string { return strings.Repeat(":x:", n) },
	"angles":                 func(n int) string { return strings.Repeat("<", n) + strings.Repeat(">", n) },
	"mentions":               func(n int) string { return strings.Repeat("<@U1> ", n) },
	"apostrophes":            func(n int) string { return strings.Repeat("a'", n) },
	"ampersands":             func(n int) string { return strings.Repeat("a&amp;", n) },
	"not":                    func(n int) string { return strings.Repeat("not ", n) },
	"still no":               func(n int) string { return strings.Repeat("still no ", n) },
}

// parseTime returns the least time of a few Parse runs of s.
func parseTime(s string) time.Duration {
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		Parse(s, nil)
		if d := time.Since(start); d < best {
			best = d
		}
	}
	return best
}

// TestLinear checks that Parse takes time linear in its input whatever the
// input holds: parsing 8 times as much text of each shape must take less than
// 32 times as long (a quadratic parser takes 64 times as long). It compares
// ratios, never wall-clock times, so a slow machine does not fail it.
func TestLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("times parsing")
	}
	const n = 4000
	for name, shape := range linearShapes {
		small, big := shape(n), shape(8*n)
		// The least ratio of five tries: a busy machine can slow one run down,
		// never make a quadratic parser linear.
		best := 1e9
		for range 5 {
			ts, tb := parseTime(small), parseTime(big)
			if ts < 200*time.Microsecond {
				ts = 200 * time.Microsecond // below this, timer noise dominates
			}
			best = min(best, float64(tb)/float64(ts))
			if best <= 32 {
				break
			}
		}
		if best > 32 {
			t.Errorf("%s: parsing %d bytes took %.1f times as long as %d bytes; want linear (at most 32)", name, len(big), best, len(small))
		}
	}
}
