package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseCommand_Explain(t *testing.T) {
	out, errOut, code := runParse(t, "Blockers: none, but my calendar is blocked off Friday\n", "-explain")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{`header:blockers`, `"Blockers"`, `none-in-section`, `distractor:calendar`, "(says no blockers)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output %q lacks %q", out, want)
		}
	}
	out, _, code = runParse(t, "waiting on legal for the DPA", "-explain", "-json")
	var got struct {
		Blocked bool `json:"blocked"`
		Trace   []struct{ Rule, Words string }
	}
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil || !got.Blocked || len(got.Trace) == 0 || got.Trace[0].Rule != "wait" {
		t.Errorf("-explain -json = %q (exit %d); want blocked with a trace starting at the wait rule", out, code)
	}
	if _, errOut, code := runParse(t, "x", "-explain", "-jsonl"); code != 2 || !strings.Contains(errOut, "-explain") {
		t.Errorf("-explain -jsonl: exit %d, stderr %q; want a usage error", code, errOut)
	}
}

func TestParseCommand_Lexicon(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "acme.txt")
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(good, []byte("# Acme\nartifact ops: runbook\n"), 0o644)
	os.WriteFile(bad, []byte("artifact ops: runbook\nartifact ops: ci/cd\n"), 0o644)
	out, errOut, code := runParse(t, "still waiting on the runbook", "-json", "-lexicon", good)
	if code != 0 || !strings.Contains(out, `{"kind":"artifact","name":"runbook","role":"ops"}`) {
		t.Errorf("-lexicon: %q (exit %d, stderr %q); want the runbook owned by ops", out, code, errOut)
	}
	_, errOut, code = runParse(t, "x", "-lexicon", bad)
	if code != 2 || !strings.Contains(errOut, bad+`:2: "ci/cd" can never match`) {
		t.Errorf("a bad lexicon: exit %d, stderr %q; want exit 2 naming file and line", code, errOut)
	}
}
