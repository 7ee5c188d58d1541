package parse

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkParse parses realistic multi-line standup replies, one per op.
//
//	go test -run '^$' -bench BenchmarkParse -benchmem -cpu 1 ./parse/
func BenchmarkParse(b *testing.B) {
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
	bytes := 0
	for _, r := range replies {
		bytes += len(r)
	}
	lex := NewLexicon()
	b.SetBytes(int64(bytes / len(replies)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Parse(replies[i%len(replies)], lex)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "replies/s")
}
