package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// truthFile is testdata/truth/NAME/truth.json: what a hand-written export
// (testdata/truth/NAME/export) must give, computed by hand from its story.
type truthFile struct {
	Story  []string `json:"story"`
	Checks []struct {
		AsOf   string                     `json:"as_of"`
		Digest map[string]json.RawMessage `json:"digest"` // the digest JSON's keys that are checked
	} `json:"checks"`
	Ledger struct {
		AsOf     string   `json:"as_of"`
		Blockers []string `json:"blockers"` // as truthRow prints them
	} `json:"ledger"`
	// Overlap splits the export into two that share the days from SecondFrom to
	// FirstUntil, as two exports downloaded a few days apart do.
	Overlap struct {
		FirstUntil string `json:"first_until"`
		SecondFrom string `json:"second_from"`
	} `json:"overlap"`
}

// TestTruth imports each hand-written export of testdata/truth as a new user would
// (unblock import, then digest -format json and blockers -format json) and checks
// every number against the ledger computed by hand in its truth.json: the export
// as a zip and as the folder it unzips to, imported twice, in Enterprise Grid's
// layout, and split into two overlapping exports imported in either order. Each is one team's style: a
// channel of hand-written standups with people who go silent and blockers that
// resolve or expire (quiet), a standup bot's posts in three shapes (standupbot),
// answers in the thread of a workflow's daily prompt (threads), several waits in one report
// resolved one by one, by name, by a bare "unblocked!" and by "none", beside a private
// channel and a DM (partial), a team in Sydney whose mornings fall on UTC's day before
// (sydney), talk in the threads of others' standups that is no standup of its
// own (replies). Their wording is
// plain, so that what is tested is the export's path, not the reader.
func TestTruth(t *testing.T) {
	files, err := filepath.Glob("testdata/truth/*/truth.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no truth files: %v", err)
	}
	for _, file := range files {
		dir := filepath.Dir(file)
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var tr truthFile
		if err := json.Unmarshal(b, &tr); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			export := filepath.Join(dir, "export")
			zip := slackexporttest.ZipDir(t, export)
			t.Run("zip", func(t *testing.T) { tr.check(t, truthImport(t, zip)) })
			t.Run("config.example.yaml", func(t *testing.T) {
				const cfg = "../../config.example.yaml"
				tr.checkWith(t, cfg, truthImportWith(t, cfg, zip))
			})
			t.Run("folder", func(t *testing.T) { tr.check(t, truthImport(t, export)) })
			t.Run("twice", func(t *testing.T) { tr.check(t, truthImport(t, zip, zip)) })
			t.Run("enterprise grid layout", func(t *testing.T) {
				// An organisation's export lists its people in org_users.json.
				files := readTree(t, export)
				files["org_users.json"] = files["users.json"]
				delete(files, "users.json")
				tr.check(t, truthImport(t, slackexporttest.Zip(t, files)))
			})
			first, second := tr.split(t, export)
			t.Run("overlapping", func(t *testing.T) { tr.check(t, truthImport(t, first, second)) })
			t.Run("overlapping, later first", func(t *testing.T) { tr.check(t, truthImport(t, second, first)) })
		})
	}
}

// truthConfig is the config the truth is checked with: the defaults, in UTC. The
// README's config.example.yaml (Europe/Berlin, where every post of the exports
// falls on the same date) must give the same.
const truthConfig = "testdata/companyx.yaml"

// truthImport imports the exports in order into a new database and returns its path.
func truthImport(t *testing.T, exports ...string) string {
	t.Helper()
	return truthImportWith(t, truthConfig, exports...)
}

// truthImportWith is truthImport with the config cfg.
func truthImportWith(t *testing.T, cfg string, exports ...string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "truth.db")
	for _, export := range exports {
		code, _, errOut := run(t, "import", "-config", cfg, "-db", db, export)
		if code != 0 {
			t.Fatalf("import %s: exit %d: %s", export, code, errOut)
		}
		if strings.Contains(errOut, "warning") {
			t.Errorf("import %s warned: %s", export, errOut)
		}
	}
	return db
}

// split zips the export into two: the listings and the days up to FirstUntil, and
// the listings and the days from SecondFrom.
func (tr *truthFile) split(t *testing.T, export string) (string, string) {
	t.Helper()
	files := readTree(t, export)
	first, second := map[string]string{}, map[string]string{}
	for name, content := range files {
		day := strings.TrimSuffix(filepath.Base(name), ".json")
		isDay := strings.Contains(name, "/")
		if !isDay || day <= tr.Overlap.FirstUntil {
			first[name] = content
		}
		if !isDay || day >= tr.Overlap.SecondFrom {
			second[name] = content
		}
	}
	if len(first) == len(files) || len(second) == len(files) || tr.Overlap.SecondFrom > tr.Overlap.FirstUntil {
		t.Fatalf("overlap %+v does not split the export into two overlapping parts", tr.Overlap)
	}
	return slackexporttest.Zip(t, first), slackexporttest.Zip(t, second)
}

// check compares the digests and the ledger of db with the truth.
func (tr *truthFile) check(t *testing.T, db string) {
	t.Helper()
	tr.checkWith(t, truthConfig, db)
}

// checkWith is check with the config cfg.
func (tr *truthFile) checkWith(t *testing.T, cfg, db string) {
	t.Helper()
	for _, c := range tr.Checks {
		code, out, errOut := run(t, "digest", "-config", cfg, "-db", db, "-as-of", c.AsOf, "-format", "json")
		if code != 0 {
			t.Fatalf("digest -as-of %s: exit %d: %s", c.AsOf, code, errOut)
		}
		var got map[string]json.RawMessage
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("digest JSON: %v\n%s", err, out)
		}
		for _, key := range slices.Sorted(maps.Keys(c.Digest)) {
			g, w := normalJSON(t, key, got[key]), normalJSON(t, key, c.Digest[key])
			if g != w {
				t.Errorf("digest as of %s: %s = %s\nwant %s", c.AsOf, key, g, w)
			}
		}
		// The ledger's open blockers are the digest's: its evidence.
		code, out, errOut = run(t, "blockers", "-config", cfg, "-db", db, "-as-of", c.AsOf, "-status", "open", "-format", "json")
		if code != 0 {
			t.Fatalf("blockers -status open -as-of %s: exit %d: %s", c.AsOf, code, errOut)
		}
		var open struct {
			Blockers []truthRow `json:"blockers"`
		}
		if err := json.Unmarshal([]byte(out), &open); err != nil {
			t.Fatalf("blockers JSON: %v\n%s", err, out)
		}
		if g, w := fmt.Sprint(len(open.Blockers)), normalJSON(t, "open", c.Digest["open"]); g != w {
			t.Errorf("blockers -status open -as-of %s lists %s, want the digest's %s", c.AsOf, g, w)
		}
	}

	code, out, errOut := run(t, "blockers", "-config", cfg, "-db", db, "-as-of", tr.Ledger.AsOf, "-status", "all", "-format", "json")
	if code != 0 {
		t.Fatalf("blockers: exit %d: %s", code, errOut)
	}
	var l struct {
		Blockers []truthRow `json:"blockers"`
	}
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatalf("blockers JSON: %v\n%s", err, out)
	}
	var got []string
	for _, r := range l.Blockers {
		got = append(got, r.String())
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(tr.Ledger.Blockers))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ledger as of %s:\n got %s\nwant %s", tr.Ledger.AsOf, strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// truthRow is the part of a blockers JSON row the truth states.
type truthRow struct {
	Person string `json:"person"`
	Target struct {
		Node string `json:"node"`
	} `json:"target"`
	Topic     string  `json:"topic"`
	FirstSeen string  `json:"first_seen"`
	AgeDays   int     `json:"age_days"`
	Status    string  `json:"status"`
	ClosedAt  *string `json:"closed_at"`
	ClosedHow string  `json:"closed_how"`
}

func (r truthRow) String() string {
	closed := ""
	if r.ClosedAt != nil {
		closed = " " + r.ClosedHow + " " + *r.ClosedAt
	}
	return fmt.Sprintf("%s -> %s %q from %s: %s%s, %d days", r.Person, r.Target.Node, r.Topic, r.FirstSeen, r.Status, closed, r.AgeDays)
}

// normalJSON re-encodes a digest value so that equal values print alike; the
// roles table, whose order the contract leaves open, is sorted by role.
func normalJSON(t *testing.T, key string, raw json.RawMessage) string {
	t.Helper()
	if raw == nil {
		return "(missing)"
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	if rows, ok := v.([]any); ok && key == "roles" {
		slices.SortFunc(rows, func(a, b any) int {
			return strings.Compare(fmt.Sprint(a.(map[string]any)["role"]), fmt.Sprint(b.(map[string]any)["role"]))
		})
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readTree returns the files under dir by slash-separated path relative to dir.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
