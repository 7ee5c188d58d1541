package bot

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestBlockedHelp_ListsEveryCommand: "/blocked help" lists every subcommand
// README's Using it section lists, by the word that names it.
func TestBlockedHelp_ListsEveryCommand(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, list, ok := strings.Cut(string(readme), "- **`/blocked`**")
	if !ok {
		t.Fatal("README has no /blocked entry under Using it")
	}
	list, _, _ = strings.Cut(list, "\n- **")
	spans := regexp.MustCompile("`(/blocked[^`]*)`").FindAllStringSubmatch(list, -1)
	if len(spans) < 10 {
		t.Fatalf("README's /blocked entry lists %d commands; the test reads it wrong", len(spans))
	}
	for _, m := range spans {
		cmd := m[1]
		if f := strings.Fields(cmd); len(f) > 1 {
			cmd = f[0] + " " + f[1] // "/blocked away until YYYY-MM-DD" -> "/blocked away"
		}
		if !strings.Contains(blockedHelp, "`"+cmd) {
			t.Errorf("/blocked help does not list %q (README: %q)", cmd, m[1])
		}
	}
}
