package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// The bulk path (store.Tx.Bulk) writes the ledger the general path writes, row
// for row and ID for ID, over a sequence of generated exports that brings every
// case an import meets: history in order into a new database; a second export
// of the same people over the same days (its reports late, older than what
// their person already reported); and the first export again, a day longer,
// with edits (a standup's text changed) and deletions (message_deleted events).
// Two seeds.
func TestImport_BulkSameLedger(t *testing.T) {
	// Blockers expire at the first report-day that does not mention them, and
	// after a day of silence, so that expiry happens within the exports' days.
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte("timezone: UTC\nblockers:\n  expire_after: 1\n  expire_after_days: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	seeds := []uint64{1, 2}
	if testing.Short() {
		seeds = seeds[:1]
	}
	for _, seed := range seeds {
		first := generatedZip(t, 3000, seed)   // three days of 1,000 messages
		late := generatedZip(t, 200, seed+100) // late: the first day's morning
		// The first export again with a fourth day (in order, after what each
		// person reported) and edits and deletions across its days: withdrawing
		// a message replays its author's later reports, the new ones included.
		edited := editExport(t, generatedZip(t, 4000, seed), seed)
		var dumps [2]string
		var ledgers [2]string
		for i, bulk := range []bool{false, true} {
			func() {
				defer func(was bool) { bulkImport = was }(bulkImport)
				bulkImport = bulk
				db := filepath.Join(t.TempDir(), "x.db")
				for _, zip := range []string{first, late, edited} {
					if code, _, errOut := run(t, "import", "-config", cfg, "-db", db, zip); code != 0 {
						t.Fatalf("import exit %d: %s", code, errOut)
					}
				}
				dumps[i] = dumpTables(t, db, "reports", "blockers", "blocker_reports")
				code, out, errOut := run(t, "blockers", "-config", cfg, "-db", db, "-as-of", "2026-01-09", "-format", "json")
				if code != 0 {
					t.Fatalf("blockers exit %d: %s", code, errOut)
				}
				ledgers[i] = out
			}()
		}
		// Openings and most closings are stated by the blockers' rows, not logged
		// (store.impliedEffects): the ledger's evidence lists them.
		t.Logf("seed %d: %d rows, expired %d, resolved %d", seed, strings.Count(dumps[0], "\n"), strings.Count(ledgers[0], `"expired"`), strings.Count(ledgers[0], `"resolved"`))
		if !strings.Contains(ledgers[0], `"expired"`) || !strings.Contains(ledgers[0], `"resolved"`) {
			t.Fatalf("seed %d: the exports should resolve and expire blockers", seed)
		}
		if dumps[1] != dumps[0] {
			t.Fatalf("seed %d: the bulk path's ledger differs from the general path's:\n%s", seed, lineDiff(dumps[1], dumps[0]))
		}
		if ledgers[1] != ledgers[0] {
			t.Fatalf("seed %d: unblock blockers differs:\n%s", seed, lineDiff(ledgers[1], ledgers[0]))
		}
	}
}

// generatedZip writes a generated export (slackexporttest.GenerateMix, mostly
// standups) of messages messages for seed: the same people and channels for
// every seed, over the same weeks.
func generatedZip(t *testing.T, messages int, seed uint64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("gen%d.zip", seed))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := slackexporttest.GenerateMix(f, messages, seed, slackexporttest.StandupMix); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// editExport returns the export at path with one person's message in forty
// edited (its text replaced by another message's) and one in forty deleted (a
// message_deleted event at the end of its day).
func editExport(t *testing.T, path string, seed uint64) string {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 99))
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]string{}
	var texts []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = string(b)
		if strings.Contains(f.Name, "/") {
			var msgs []map[string]any
			if err := json.Unmarshal(b, &msgs); err != nil {
				t.Fatal(err)
			}
			for _, m := range msgs {
				if s, ok := m["text"].(string); ok && m["user"] != nil {
					texts = append(texts, s)
				}
			}
		}
	}
	names := slices.Sorted(maps.Keys(files)) // one seed, one export
	for _, name := range names {
		if !strings.Contains(name, "/") {
			continue
		}
		var msgs []map[string]any
		if err := json.Unmarshal([]byte(files[name]), &msgs); err != nil {
			t.Fatal(err)
		}
		var deletions []map[string]any
		for _, m := range msgs {
			ts, _ := m["ts"].(string)
			if m["user"] == nil || ts == "" {
				continue
			}
			switch rng.IntN(40) {
			case 0:
				text := texts[rng.IntN(len(texts))]
				m["text"], m["edited"] = text, map[string]any{"user": m["user"], "ts": ts}
				delete(m, "blocks")
			case 1:
				deletions = append(deletions, map[string]any{"type": "message", "subtype": "message_deleted",
					"hidden": true, "deleted_ts": ts, "ts": ts[:strings.Index(ts, ".")] + ".999999"})
			}
		}
		b, err := json.Marshal(append(msgs, deletions...))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(b)
	}
	return slackexporttest.Zip(t, files)
}

// dumpTables returns every row of the tables of the database at path.
func dumpTables(t *testing.T, path string, names ...string) string {
	t.Helper()
	var b strings.Builder
	for _, tb := range readTables(t, path) {
		for _, name := range names {
			if tb.name != name {
				continue
			}
			for _, row := range tb.rows {
				fmt.Fprintf(&b, "%s %q\n", name, row)
			}
		}
	}
	return b.String()
}

// lineDiff shows the first line where got and want differ.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, gl, wl)
		}
	}
	return ""
}
