package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/parse"
)

func parsePath(t *testing.T, path string) (*Config, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return Parse(path, f, getenvFrom(nil))
}

// TestLexicon checks that the config's lexicon file, beside it, teaches the
// parser a company's words, and that the config's roles may own them.
func TestLexicon(t *testing.T) {
	c, err := parsePath(t, filepath.Join("testdata", "lexicon.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.LexiconPath(), filepath.Join("testdata", "acme_words.txt"); got != want {
		t.Fatalf("LexiconPath() = %q, want %q", got, want)
	}
	lex := parse.NewLexicon()
	c.TeachParser(lex)
	st := parse.Parse("still waiting on the purchase order from FP&A", lex)
	if !st.Blocked || len(st.Targets) == 0 {
		t.Fatalf("Parse = %+v, want blocked", st)
	}
	for _, tg := range st.Targets {
		if tg.Role != "finance" {
			t.Errorf("target %+v, want role finance", tg)
		}
	}
}

// TestLexicon_Problems checks that an entry that can never be read is a
// problem naming the lexicon file and line.
func TestLexicon_Problems(t *testing.T) {
	_, err := parsePath(t, filepath.Join("testdata", "lexicon_bad.yaml"))
	want := `lexicon: ` + filepath.Join("testdata", "acme_bad.txt") + `:2: "finance" is not a role of the vocabulary`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Parse = %v, want a problem %q", err, want)
	}
	_, err = parsePath(t, filepath.Join("testdata", "lexicon_missing.yaml"))
	if err == nil || !strings.Contains(err.Error(), "lexicon: cannot read the parser lexicon") {
		t.Fatalf("Parse = %v, want a problem about the missing file", err)
	}
}

// TestLexicon_TeamChannels checks that a team's channel named as the party
// waited on is read as the team.
func TestLexicon_TeamChannels(t *testing.T) {
	c, err := parsePath(t, filepath.Join("testdata", "team_channels.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	lex := parse.NewLexicon()
	c.TeachParser(lex)
	for _, text := range []string{
		"blocked on <#C061CHECK01> for the promo codes",
		"still waiting on <#C061CHECK01|checkout-chat> for the promo codes",
	} {
		st := parse.Parse(text, lex)
		found := false
		for _, tg := range st.Targets {
			found = found || tg.Kind == "team" && tg.Name == "checkout team"
		}
		if !st.Blocked || !found {
			t.Errorf("Parse(%q) = %+v, want blocked on the checkout team", text, st)
		}
	}
	if st := parse.Parse("blocked on <#C0UNKNOWN> for the promo codes", lex); len(st.Targets) != 1 || st.Targets[0].Name != "promo codes" {
		t.Errorf("an unknown channel: targets %+v, want only the promo codes", st.Targets)
	}
}
