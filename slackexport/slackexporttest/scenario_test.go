package slackexporttest_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackexport"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// The scenario export is the same bytes every time, and the reader finds in it one
// standup per person per day they post, each as its author's, and the #general posts.
func TestScenario(t *testing.T) {
	dir := slackexporttest.ScenarioDir()
	s, err := slackexporttest.LoadStory(filepath.Join(dir, "story.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ph, err := slackexporttest.LoadPhrases(filepath.Join(dir, "phrases.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var a, b, c bytes.Buffer
	if err := slackexporttest.WriteScenario(&a, s, ph, 1); err != nil {
		t.Fatal(err)
	}
	if err := slackexporttest.WriteScenario(&b, s, ph, 1); err != nil {
		t.Fatal(err)
	}
	if err := slackexporttest.WriteScenario(&c, s, ph, 2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same story and seed differ")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Fatal("two seeds word the story alike")
	}

	zip := slackexporttest.ScenarioZip(t, s, ph, s.Seeds[0])
	exp, err := slackexport.Open(zip)
	if err != nil {
		t.Fatal(err)
	}
	var people int
	for _, p := range exp.People {
		if !p.IsBot {
			people++
		}
	}
	if got, want := people, len(s.People); got != want {
		t.Errorf("people = %d, want %d", got, want)
	}
	want := map[string]int{}
	for _, p := range s.People {
		for day := 1; day <= s.Days; day++ {
			if s.Posts(p.ID, day) {
				want[p.ID]++
			}
		}
	}
	got := map[string]int{}
	for _, m := range exp.Messages {
		if m.Channel != "C00GENERAL" {
			got[m.PersonID]++
		}
	}
	for id, n := range want {
		if got[id] != n {
			t.Errorf("%s: %d standups read, want %d", id, got[id], n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("standups read from %d people, want %d", len(got), len(want))
	}
	if testing.Verbose() {
		for _, m := range exp.Messages {
			t.Logf("%s %s %s\n%s", m.At.Format("01-02"), m.Channel, m.PersonID, strings.TrimSpace(m.Text))
		}
	}
}
