package parse

import (
	"fmt"
	"strings"
	"testing"
)

// linearShapes are inputs that once took quadratic time, or could: runs of
// markup, words and cues with no sentence end. Each is also a fuzz seed.
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
	"requests then mention":  func(n int) string { return strings.Repeat("if you approve it, ", n) + "<@U1>" },
	"pronoun waits":          func(n int) string { return strings.Repeat("asked legal, waiting on their reply, ", n) },
	"people and functions":   func(n int) string { return strings.Repeat("waiting on Dana from legal and others, ", n) },
	"open strikes":           func(n int) string { return strings.Repeat("~a ", n) },
	"strikes":                func(n int) string { return strings.Repeat("~blocked on legal~ ", n) },
}

// TestLinearWork checks, without a clock, that Parse does work linear in its
// input whatever the input holds: 8 times as much text of each shape must cost
// at most 9 times the token visits (a quadratic parser costs 64 times).
// BenchmarkLinear measures the time itself.
func TestLinearWork(t *testing.T) {
	const n = 500
	for name, shape := range linearShapes {
		small, big := Work(shape(n)), Work(shape(8*n))
		if small == 0 {
			continue // nothing for the parser to visit (all markup)
		}
		if ratio := float64(big) / float64(small); ratio > 9 {
			t.Errorf("%s: %d token visits for 8n, %d for n: ratio %.1f; want linear (at most 9)", name, big, small, ratio)
		}
	}
}

// BenchmarkLinear parses each shape at n and 8n characters' worth of repeats:
// the ns/op of the 8n run over the n run is the ratio BENCHMARKS.md records
// (8 when linear, 64 when quadratic).
//
//	go test -run '^$' -bench BenchmarkLinear -cpu 1 ./parse/
func BenchmarkLinear(b *testing.B) {
	const n = 4000
	for name, shape := range linearShapes {
		for _, size := range []int{n, 8 * n} {
			text := shape(size)
			b.Run(fmt.Sprintf("%s/%d", strings.ReplaceAll(name, " ", "_"), size), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					Parse(text, nil)
				}
			})
		}
	}
}
