package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/llm/llmtest"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// TestImport_ReaderLLM imports Company X with the LLM reader on a fake model
// that reads no blocker anywhere: the rules' blockers are revised away, and a
// second import asks nothing new (the answers are cached).
func TestImport_ReaderLLM(t *testing.T) {
	srv := llmtest.New(func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Content: `{"blocked": false, "resolved": false, "none": false, "continues": [], "resolves": [], "targets": [], "topic": ""}`}
	})
	defer srv.Close()
	dir := t.TempDir()
	base, err := os.ReadFile("testdata/companyx.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "companyx.yaml")
	reader := "\nreader:\n  url: " + srv.URL + "/v1\n  model: fake-model\n  requests_per_minute: 60000\n"
	if err := os.WriteFile(cfg, append(base, reader...), 0o644); err != nil {
		t.Fatal(err)
	}
	zip := slackexporttest.CompanyXZip(t)
	db := filepath.Join(dir, "x.db")

	code, out, errOut := run(t, "import", "-config", cfg, "-db", db, "-reader", "llm", zip)
	if code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	asked := len(srv.Requests())
	if asked == 0 || !strings.Contains(out, fmt.Sprintf("read %d statements with fake-model: %d revised, 0 left to the rules", asked, asked)) {
		t.Fatalf("%d requests; import output %q", asked, out)
	}
	if !strings.Contains(errOut, "reading with the LLM: ") {
		t.Errorf("no progress for the LLM reading on stderr: %q", errOut)
	}
	code, js, errOut := run(t, "digest", "-config", cfg, "-db", db, "-as-of", "2026-11-20", "-format", "json")
	if code != 0 {
		t.Fatalf("digest exit %d: %s", code, errOut)
	}
	var d digestJSON
	if err := json.Unmarshal([]byte(js), &d); err != nil {
		t.Fatal(err)
	}
	if d.Open != 0 || len(d.RoleLoops) != 0 {
		t.Errorf("open = %d, role loops %v; the LLM read no blocker anywhere", d.Open, d.RoleLoops)
	}
	if code, _, errOut := run(t, "import", "-config", cfg, "-db", db, "-reader", "llm", zip); code != 0 {
		t.Fatalf("second import exit %d: %s", code, errOut)
	}
	if got := len(srv.Requests()); got != asked {
		t.Errorf("the second import sent %d requests; want none (cached)", got-asked)
	}
	// Without -reader llm, an import stays on the rules and asks nothing.
	if code, _, errOut := run(t, "import", "-config", cfg, "-db", filepath.Join(dir, "y.db"), zip); code != 0 {
		t.Fatalf("rules import exit %d: %s", code, errOut)
	}
	if got := len(srv.Requests()); got != asked {
		t.Errorf("an import on the rules sent %d requests", got-asked)
	}
}
