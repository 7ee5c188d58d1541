package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// The import's summary line counts messages by what each states, apart from the
// blockers the ledger opened, in words that cannot be read as blocker counts:
// Ana states the same wait twice, then that it cleared, then "no blockers", which
// is two messages stating a blocker and one stating a resolution for one blocker
// opened (and resolved).
func TestImport_SummaryLine(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("timezone: UTC\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	zip := slackexporttest.Zip(t, map[string]string{
		"users.json":    `[{"id":"U0ANA0001","name":"ana","real_name":"Ana Ruiz"},{"id":"U0BEN0001","name":"ben","real_name":"Ben Li"}]`,
		"channels.json": `[{"id":"C0TEAM001","name":"team","members":["U0ANA0001","U0BEN0001"]}]`,
		"team/2026-11-16.json": `[
			{"type":"message","user":"U0ANA0001","text":"blocked on design for the checkout mocks","ts":"1794819600.000100"},
			{"type":"message","user":"U0BEN0001","text":"lunch anyone?","ts":"1794819660.000100"}]`,
		"team/2026-11-17.json": `[{"type":"message","user":"U0ANA0001","text":"still blocked on design for the checkout mocks","ts":"1794906000.000100"}]`,
		"team/2026-11-18.json": `[{"type":"message","user":"U0ANA0001","text":"unblocked now that the checkout mocks landed","ts":"1794992400.000100"}]`,
		"team/2026-11-19.json": `[{"type":"message","user":"U0ANA0001","text":"no blockers","ts":"1795078800.000100"}]`,
	})
	db := filepath.Join(dir, "x.db")
	code, out, errOut := run(t, "import", "-config", cfg, "-db", db, zip)
	if code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	first, _, _ := strings.Cut(out, "\n")
	want := "imported " + zip + " into " + db + ": 2 people, 1 channel, 5 messages; " +
		"4 reports (2 stating a blocker, 1 a resolution, 1 no blockers); 1 new blocker in the ledger"
	if first != want {
		t.Errorf("summary line\n%q\nwant\n%q", first, want)
	}
	// The same export again adds nothing to the ledger, and says so.
	code, out, errOut = run(t, "import", "-config", cfg, "-db", db, zip)
	if code != 0 {
		t.Fatalf("import again: exit %d: %s", code, errOut)
	}
	if first, _, _ := strings.Cut(out, "\n"); !strings.HasSuffix(first, "; 0 new blockers in the ledger") {
		t.Errorf("summary line of the same export again: %q", first)
	}
}

// The import's count of new blockers is the ledger's, whatever the order of
// the history: an export older than the one imported before opens the wait the
// later message had opened (the blocker now dates from the older message) and
// resolves it the same day, so the later message's "still blocked" opens a new
// one: the ledger (unblock blockers) gains one blocker, though the older
// export's messages opened none of their own.
func TestImport_NewBlockersAreTheLedgers(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("timezone: UTC\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	files := func(day, text, ts string) map[string]string {
		return map[string]string{
			"users.json":            `[{"id":"U0ANA0001","name":"ana","real_name":"Ana Ruiz"}]`,
			"channels.json":         `[{"id":"C0TEAM001","name":"team","members":["U0ANA0001"]}]`,
			"team/" + day + ".json": `[{"type":"message","user":"U0ANA0001","text":"` + text + `","ts":"` + ts + `"}]`,
		}
	}
	later := slackexporttest.Zip(t, files("2026-11-17", "still blocked on design for the checkout mocks", "1794906000.000100"))
	older := slackexporttest.Zip(t, map[string]string{
		"users.json":    `[{"id":"U0ANA0001","name":"ana","real_name":"Ana Ruiz"}]`,
		"channels.json": `[{"id":"C0TEAM001","name":"team","members":["U0ANA0001"]}]`,
		"team/2026-11-16.json": `[
			{"type":"message","user":"U0ANA0001","text":"blocked on design for the checkout mocks","ts":"1794819600.000100"},
			{"type":"message","user":"U0ANA0001","text":"no blockers, the mocks came","ts":"1794819700.000100"}]`,
	})
	db := filepath.Join(dir, "x.db")
	for _, c := range []struct {
		zip, want string
		total     int
	}{
		{later, "; 1 new blocker in the ledger", 1},
		{older, "; 1 new blocker in the ledger", 2},
	} {
		code, out, errOut := run(t, "import", "-config", cfg, "-db", db, c.zip)
		if code != 0 {
			t.Fatalf("import exit %d: %s", code, errOut)
		}
		if first, _, _ := strings.Cut(out, "\n"); !strings.HasSuffix(first, c.want) {
			t.Errorf("summary line %q, want it to end %q", first, c.want)
		}
		code, out, errOut = run(t, "blockers", "-config", cfg, "-db", db, "-as-of", "2026-11-18", "-format", "json")
		if code != 0 {
			t.Fatalf("blockers exit %d: %s", code, errOut)
		}
		var ledger struct{ Blockers []json.RawMessage }
		if err := json.Unmarshal([]byte(out), &ledger); err != nil {
			t.Fatal(err)
		}
		if n := len(ledger.Blockers); n != c.total {
			t.Errorf("the ledger lists %d blockers, want %d:\n%s", n, c.total, out)
		}
	}
}
