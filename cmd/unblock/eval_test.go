package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/llm/llmtest"
)

// evalAnswers is the fake model: it corrects the rules on e-2, answers e-3
// with the wrong shape and fails on e-4.
func evalAnswers(r llmtest.Request) llmtest.Reply {
	switch r.Statement() {
	case "blocked on the flaky deploy pipeline, waiting on a rerun":
		return llmtest.Reply{Content: `{"blocked": false, "resolved": false, "none": false, "continues": [], "resolves": [], "targets": [], "topic": ""}`}
	case "we are waiting on the vendor for the license":
		return llmtest.Reply{Content: `{"blocked": "yes"}`}
	case "no blockers":
		return llmtest.Reply{Status: 500}
	}
	return llmtest.Reply{Content: `{"blocked": true, "resolved": false, "none": false, "continues": [], "resolves": [],
		"targets": [{"kind": "person", "name": "Dana", "role": ""}], "topic": "numbers"}`}
}

func TestEval(t *testing.T) {
	const set = "testdata/eval.jsonl"
	t.Run("Rules", func(t *testing.T) {
		code, out, errOut := run(t, "eval", "-set", set, "-misses")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, want := range []string{
			"read by rules",
			"5 statements",
			"| blocked | 0.667 | 1.000 | 0.800 | 2 | 1 | 0 |",
			"| none | 1.000 | 1.000 | 1.000 | 1 | 0 | 0 |",
			"| person (blockers on a person) | 1 | 1 | 1.000 |",
			"1 misses:",
			"e-2 \"blocked on the flaky deploy pipeline, waiting on a rerun\": blocked=true want false",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
	})

	srv := llmtest.New(evalAnswers)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("reader:\n  url: "+srv.URL+"/v1\n  model: fake-model\n  requests_per_minute: 60000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec := filepath.Join(dir, "rec")
	wantLLM := []string{
		"read by rules, then fake-model (prompt 1)",
		"LLM: 4 candidates asked, 2 answers used, 1 wrong-shaped, 1 failed, 0 not recorded",
		"the first that failed: ", // and why
		"the rules alone on this set: blocked F1 0.800, resolved F1 1.000, none F1 1.000, role 1.000, person 1.000",
		"| blocked | 1.000 | 1.000 | 1.000 | 2 | 0 | 0 |",
		"| none | 1.000 | 1.000 | 1.000 | 1 | 0 | 0 |",
		"0 misses:",
	}
	var recorded string
	t.Run("Record", func(t *testing.T) {
		code, out, errOut := run(t, "eval", "-set", set, "-reader", "llm", "-config", cfg, "-record", rec, "-misses")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, want := range wantLLM {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
		if got := len(srv.Requests()); got != 4 {
			t.Errorf("%d requests, want 4 (the rules' candidates only)", got)
		}
		data, err := os.ReadFile(filepath.Join(rec, "eval.answers.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "deploy pipeline") {
			t.Errorf("the recording holds statement text:\n%s", data)
		}
		recorded = out
	})
	srv.Close() // the replay asks no endpoint
	t.Run("Replay", func(t *testing.T) {
		code, out, errOut := run(t, "eval", "-set", set, "-reader", "llm", "-replay", rec, "-misses")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if out != recorded {
			t.Errorf("replay scored otherwise than the recorded run:\n%s\nwant:\n%s", out, recorded)
		}
	})
	t.Run("Usage", func(t *testing.T) {
		for _, args := range [][]string{
			{"eval"},
			{"eval", "-set", set, "-reader", "gpt"},
			{"eval", "-set", set, "-record", rec},
			{"eval", "-set", set, "-reader", "llm", "-record", rec, "-replay", rec},
			{"eval", "-set", set, "-reader", "llm"}, // no reader: section
			{"eval", "-set", set, "-reader", "llm", "-replay", filepath.Join(dir, "nothing")},
			{"eval", "-set", "testdata/missing.jsonl"},
		} {
			if code, _, errOut := run(t, args...); code != 2 || strings.Count(errOut, "\n") != 1 {
				t.Errorf("%v: exit %d, %q; want 2 and one line", args, code, errOut)
			}
		}
	})
}
