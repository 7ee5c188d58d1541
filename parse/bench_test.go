package parse

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// BenchmarkParse parses realistic multi-line standup replies, one per op.
//
//	go test -run '^$' -bench BenchmarkParse -benchmem -cpu 1 ./parse/
func BenchmarkParse(b *testing.B) {
	replies := benchReplies(b)
	bytes := 0
	for _, r := range replies {
		bytes += len(r)
	}
	lex := NewLexicon()
	Parse(replies[0], lex) // the built-in lexicon and model load once, before the clock
	b.SetBytes(int64(bytes / len(replies)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Parse(replies[i%len(replies)], lex)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "replies/s")
}

// BenchmarkParseBigLexicon parses the same replies with a lexicon that knows a
// 10,000-person workspace (display name, real name and first name each), as the
// bot teaches it: name look-ups must not slow parsing down.
func BenchmarkParseBigLexicon(b *testing.B) {
	replies := benchReplies(b)
	lex := NewLexicon()
	for i := 0; i < 10_000; i++ {
		id := fmt.Sprintf("U%08d", i)
		lex.AddPerson(fmt.Sprintf("user%d", i), id)
		lex.AddPerson(fmt.Sprintf("Person Number%d", i), id)
		lex.AddPerson(fmt.Sprintf("Number%d", i), id)
	}
	Parse(replies[0], lex)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Parse(replies[i%len(replies)], lex)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "replies/s")
}

// benchReplies reads the realistic standup replies of testdata/standups.txt.
func benchReplies(b *testing.B) []string {
	b.Helper()
	data, err := os.ReadFile("testdata/standups.txt")
	if err != nil {
		b.Fatal(err)
	}
	var replies []string
	for _, c := range strings.Split("\n"+string(data), "\n=== ")[1:] {
		_, rest, _ := strings.Cut(c, "\n")
		_, text, _ := strings.Cut(rest, "\n")
		replies = append(replies, strings.TrimRight(text, "\n"))
	}
	return replies
}
