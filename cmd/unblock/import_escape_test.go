package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// An export holds message text as Slack escapes it ("R&amp;D") and rich text as
// typed ("Q&A"): the import decodes both once, as the live bot does
// (TestE2E_EscapedTextRoundTrip in bot/), so the ledger's topics read "R&D", the
// digest's Slack blocks escape them once and its text shows them as typed.
func TestImport_EscapedText(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("timezone: UTC\nblockers:\n  expire_after_days: 30\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	zip := slackexporttest.Zip(t, map[string]string{
		"users.json":    `[{"id":"U0ANA0001","name":"ana","real_name":"Ana Ruiz"},{"id":"U0BEN0001","name":"ben","real_name":"Ben Li"}]`,
		"channels.json": `[{"id":"C0TEAM001","name":"team","members":["U0ANA0001","U0BEN0001"]}]`,
		"team/2026-11-16.json": `[
			{"type":"message","user":"U0ANA0001","text":"blocked on design for the R&amp;D mocks (v2 &gt; v1)","ts":"1794819600.000100"},
			{"type":"message","user":"U0BEN0001","text":"","ts":"1794819660.000100","blocks":[{"type":"rich_text","elements":[
				{"type":"rich_text_section","elements":[{"type":"text","text":"blocked on design for the Q&A mocks"}]}]}]}]`,
	})
	db := filepath.Join(dir, "x.db")
	if code, _, errOut := run(t, "import", "-config", cfg, "-db", db, zip); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "blockers", "-config", cfg, "-db", db, "-as-of", "2026-11-17", "-format", "json")
	if code != 0 {
		t.Fatalf("blockers exit %d: %s", code, errOut)
	}
	var topics []string
	for _, b := range decodeLedger(t, out).Blockers {
		topics = append(topics, b.Topic)
	}
	slices.Sort(topics)
	if want := []string{"Q&A mocks", "R&D mocks"}; !slices.Equal(topics, want) {
		t.Fatalf("topics = %q, want %q", topics, want)
	}
	for _, f := range []struct{ format, want, never string }{
		{"blocks", `R\u0026amp;D mocks`, `amp;amp;`},
		{"text", "R&D mocks", "&amp;"},
	} {
		code, out, errOut := run(t, "digest", "-config", cfg, "-db", db, "-as-of", "2026-11-24", "-format", f.format)
		if code != 0 {
			t.Fatalf("digest -format %s exit %d: %s", f.format, code, errOut)
		}
		if !strings.Contains(out, f.want) || strings.Contains(out, f.never) {
			t.Errorf("digest -format %s: want %q and never %q in\n%s", f.format, f.want, f.never, out)
		}
	}
}
