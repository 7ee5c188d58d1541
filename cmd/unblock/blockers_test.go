package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// ledgerJSON mirrors the blockers JSON contract of docs/DESIGN.md.
type ledgerJSON struct {
	AsOf     string `json:"as_of"`
	Status   string `json:"status"`
	Blockers []struct {
		ID         int64  `json:"id"`
		Person     string `json:"person"`
		PersonRole string `json:"person_role"`
		Target     struct {
			Kind string `json:"kind"`
			Name string `json:"name"`
			Node string `json:"node"`
			Role string `json:"role"`
		} `json:"target"`
		Topic     string  `json:"topic"`
		FirstSeen string  `json:"first_seen"`
		LastSeen  string  `json:"last_seen"`
		AgeDays   int     `json:"age_days"`
		Status    string  `json:"status"`
		ClosedAt  *string `json:"closed_at"`
		ClosedHow string  `json:"closed_how"`
		Reports   []struct {
			ID      int64  `json:"id"`
			Effect  string `json:"effect"`
			At      string `json:"at"`
			Person  string `json:"person"`
			Channel string `json:"channel"`
			TS      string `json:"ts"`
			Source  string `json:"source"`
			Text    string `json:"text"`
		} `json:"reports"`
	} `json:"blockers"`
}

func decodeLedger(t *testing.T, out string) ledgerJSON {
	t.Helper()
	var l ledgerJSON
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		t.Fatalf("blockers JSON: %v\n%s", err, out)
	}
	return l
}

// TestBlockersCommand imports the Company X export and checks the ledger explains
// the digest: the same open blockers, each with the reports behind it, in every format.
func TestBlockersCommand(t *testing.T) {
	zip := slackexporttest.CompanyXZip(t)
	db := filepath.Join(t.TempDir(), "x.db")
	cfg := "testdata/companyx.yaml"
	if code, _, errOut := run(t, "import", "-config", cfg, "-db", db, zip); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	base := []string{"blockers", "-config", cfg, "-db", db, "-as-of", "2026-11-20"}
	code, out, errOut := run(t, append(base, "-format", "json")...)
	if code != 0 {
		t.Fatalf("blockers exit %d: %s", code, errOut)
	}
	all := decodeLedger(t, out)
	if all.AsOf != "2026-11-20" || all.Status != "all" || len(all.Blockers) == 0 {
		t.Fatalf("as_of %q, status %q, %d blockers; want 2026-11-20, all, some", all.AsOf, all.Status, len(all.Blockers))
	}
	if strings.Contains(out, `"reports": null`) || strings.Contains(out, `"blockers": null`) {
		t.Errorf("a list is null:\n%s", out)
	}
	open, evidence := 0, 0
	for _, b := range all.Blockers {
		if !regexp.MustCompile(`^U[A-Z0-9]+$`).MatchString(b.Person) {
			t.Errorf("blocker %d: person %q is not a Slack user ID", b.ID, b.Person)
		}
		if b.Target.Kind == "" || b.Target.Node == "" || b.FirstSeen == "" || b.LastSeen < b.FirstSeen {
			t.Errorf("blocker %d: target %+v, first seen %q, last seen %q", b.ID, b.Target, b.FirstSeen, b.LastSeen)
		}
		if len(b.Reports) == 0 || b.Reports[0].Effect != "opened" || b.Reports[0].At != b.FirstSeen || b.Reports[0].Text == "" {
			t.Errorf("blocker %d: evidence %+v; want first the report that opened it, with its text", b.ID, b.Reports)
		}
		// target.name is the canonical name, the words of its node (docs/DESIGN.md):
		// "api spec" for "the API specs", not the words as written.
		if kind, name, ok := strings.Cut(b.Target.Node, ":"); ok && kind == b.Target.Kind &&
			(unblock.Slug(b.Target.Name) != name || strings.ToLower(b.Target.Name) != b.Target.Name) {
			t.Errorf("blocker %d: target name %q is not its node %q's canonical name", b.ID, b.Target.Name, b.Target.Node)
		}
		evidence += len(b.Reports)
		switch b.Status {
		case "open":
			open++
			if b.ClosedAt != nil || b.ClosedHow != "" {
				t.Errorf("open blocker %d closed at %v by %q", b.ID, *b.ClosedAt, b.ClosedHow)
			}
		case "resolved", "expired", "dismissed":
			if b.ClosedAt == nil || b.ClosedHow == "" {
				t.Errorf("%s blocker %d without closed_at or closed_how", b.Status, b.ID)
			}
		default:
			t.Errorf("blocker %d: status %q", b.ID, b.Status)
		}
		// A blocker a report resolved or expired names that report last.
		if last := b.Reports[len(b.Reports)-1]; (b.ClosedHow == "statement" || b.ClosedHow == "none") && last.Effect != "resolved" {
			t.Errorf("blocker %d closed by %s; its last report %+v", b.ID, b.ClosedHow, last)
		}
	}

	// The ledger's open blockers are the digest's.
	_, dj, _ := run(t, "digest", "-config", cfg, "-db", db, "-as-of", "2026-11-20", "-format", "json")
	var d struct {
		Open int `json:"open"`
	}
	if err := json.Unmarshal([]byte(dj), &d); err != nil {
		t.Fatal(err)
	}
	_, out, _ = run(t, append(base, "-format", "json", "-status", "open")...)
	openOnly := decodeLedger(t, out)
	if open != d.Open || len(openOnly.Blockers) != d.Open || openOnly.Status != "open" {
		t.Errorf("ledger: %d open of all, %d with -status open; the digest says %d open", open, len(openOnly.Blockers), d.Open)
	}

	// CSV: a header and one row per blocker and report.
	code, out, errOut = run(t, append(base, "-format", "csv")...)
	if code != 0 {
		t.Fatalf("blockers -format csv exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v\n%s", err, out)
	}
	if !slices.Equal(rows[0], csvHeader) || len(rows)-1 != evidence {
		t.Errorf("CSV has header %v and %d rows; want %v and %d", rows[0], len(rows)-1, csvHeader, evidence)
	}

	// Text: names, not IDs, and every blocker.
	code, out, errOut = run(t, base...)
	if code != 0 {
		t.Fatalf("blockers exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "Blockers at the end of 2026-11-20 (every blocker opened by then): ") ||
		strings.Count(out, "\n#") != len(all.Blockers) || !strings.Contains(out, "  opened  ") {
		t.Errorf("text:\n%s", out)
	}

	// Before anything happened: an empty list, not null.
	_, out, _ = run(t, "blockers", "-config", cfg, "-db", db, "-as-of", "2020-01-01", "-format", "json")
	if !bytes.Contains([]byte(out), []byte(`"blockers": []`)) {
		t.Errorf("empty ledger:\n%s", out)
	}
}

func TestBlockersCommand_Errors(t *testing.T) {
	dir := t.TempDir()
	cfg := "testdata/companyx.yaml"
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad status", []string{"blockers", "-config", cfg, "-status", "closed"}, 2, `-status "closed": want open or all`},
		{"bad format", []string{"blockers", "-config", cfg, "-format", "xml"}, 2, `-format "xml"`},
		{"bad as-of", []string{"blockers", "-config", cfg, "-as-of", "yesterday"}, 2, "is not a date"},
		{"missing db", []string{"blockers", "-config", cfg, "-db", filepath.Join(dir, "none.db")}, 2, "does not exist"},
		{"no config", []string{"blockers"}, 2, "-config FILE is required"},
		{"extra argument", []string{"blockers", "-config", cfg, "U123"}, 2, `unexpected argument "U123"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Fatalf("exit %d, stderr %q; want exit %d and one line containing %q", code, errOut, tt.code, tt.want)
			}
		})
	}
}

func TestInert(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"checkout mocks", "checkout mocks"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+1 on the spec", "'+1 on the spec"},
		{"- blocked on design", "'- blocked on design"},
		{"@here waiting", "'@here waiting"},
		{"\tcmd", "'\tcmd"},
		{"a=b", "a=b"},
	}
	for _, tt := range tests {
		if got := inert(tt.in); got != tt.want {
			t.Errorf("inert(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
