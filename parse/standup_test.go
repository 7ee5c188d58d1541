package parse_test

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
)

func TestStandup(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Y: fixed the cart badge\nT: payment form", true},
		{"*Yesterday*\nroadmap review\n*Today*\nguest checkout scope", true},
		{"Blockers: none", true},
		{"What did you do yesterday?\ncart API\nAnything blocking you?\nnope", true},
		{"### Done\n- shipped\n### Next\n- more", true},
		{"lunch anyone?", false},
		{"Today: lunch at noon", false},
		{"blocked the spammer in #general", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := parse.Standup(tt.in); got != tt.want {
			t.Errorf("Standup(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

// TestParseStandup holds ParseStandup, which reads a text once, to
// StandupReport and ParseAs (Parse or ParseChat), which read it apart: over every labelled text of testdata/,
// texts put together from headers, answers and separators, and a lexicon taught
// people and teams named like headers.
func TestParseStandup(t *testing.T) {
	lex := parse.NewLexicon()
	lex.AddPerson("Today", "U1")
	lex.AddPerson("Blockers", "")
	lex.AddTeam("next team", unblock.RoleDesign)
	lex.AddArtifact("yesterday notes", unblock.RoleEngineering)
	texts := labelledTexts(t)
	texts = append(texts, generatedStandups(2000)...)
	postings := []unblock.Posting{{}, {TeamChannel: true}, {ChannelName: "eng-standup"}, {ChannelName: "random"}}
	for _, text := range texts {
		for _, l := range []*parse.Lexicon{nil, lex} {
			for _, p := range postings {
				st, standup := parse.ParseStandup(text, l, p)
				if want := parse.StandupReport(p, text); standup != want {
					t.Fatalf("ParseStandup(%q, %+v) standup = %v; want StandupReport's %v", text, p, standup, want)
				}
				if want := parse.ParseAs(text, l, standup); !reflect.DeepEqual(st, want) {
					t.Fatalf("ParseStandup(%q, %+v) = %+v; want ParseAs's %+v", text, p, st, want)
				}
			}
		}
	}
}

// FuzzParseStandup holds ParseStandup to Standup and ParseAs on any text.
func FuzzParseStandup(f *testing.F) {
	for _, s := range generatedStandups(50) {
		f.Add(s)
	}
	f.Add("Blockers - none so far")
	f.Add("Y: x\n\nT: y?")
	f.Fuzz(func(t *testing.T, text string) {
		st, standup := parse.ParseStandup(text, nil, unblock.Posting{})
		if want := parse.Standup(text); standup != want {
			t.Fatalf("ParseStandup(%q) standup = %v; want Standup's %v", text, standup, want)
		}
		if want := parse.ParseAs(text, nil, standup); !reflect.DeepEqual(st, want) {
			t.Fatalf("ParseStandup(%q) = %+v; want ParseAs's %+v", text, st, want)
		}
	})
}

// labelledTexts returns the text of every line of the dev sets (testdata/*.jsonl but test_*.jsonl).
func labelledTexts(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("testdata/*.jsonl: %v, %d files", err, len(files))
	}
	var texts []string
	for _, name := range files {
		if strings.HasPrefix(filepath.Base(name), "test_") {
			continue // a test set's text is read by nothing but its scoring (testdata/README.md)
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			var l struct {
				Text *string `json:"text"`
			}
			if strings.TrimSpace(line) == "" || json.Unmarshal([]byte(line), &l) != nil || l.Text == nil {
				continue
			}
			texts = append(texts, *l.Text)
		}
	}
	return texts
}

// generatedStandups returns n texts made of headers, answers and separators in
// random order, with a fixed seed: reports with one section, two, none, a
// question for a header, a header run into the line before.
func generatedStandups(n int) []string {
	parts := []string{
		"Yesterday:", "Today:", "Blockers:", "*Done*", "*Next*", "### Today", "Y:", "T:", "B:", "Notes:",
		"Risks:", "What did you do yesterday?", "Anything blocking you?", "Any blockers?", "Blockers - none so far",
		"waiting on <@U024BE7LH> for the mocks", "none", "-", "shipped the cart badge", "blocked by design on checkout",
		"no longer blocked", "lunch anyone?", "Today", "Blocked", "Issues / Blockers:", "Decisions needed from the TC -",
		"still waiting on legal", "Today is busy", "Next week:", "Done.", "1.", "•",
	}
	seps := []string{"\n", " ", ". ", "? ", ": ", "\n\n", ", ", " - "}
	r := rand.New(rand.NewPCG(16, 1))
	texts := make([]string, 0, n)
	for range n {
		var b strings.Builder
		for k := r.IntN(7); k >= 0; k-- {
			b.WriteString(parts[r.IntN(len(parts))])
			b.WriteString(seps[r.IntN(len(seps))])
		}
		texts = append(texts, b.String())
	}
	return texts
}
